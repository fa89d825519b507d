"""jsonld_check.py EXPORT.jsonld EXPORT.nq: expands unkg's JSON-LD export with pyld (offline:
the context is inline) and compares the quads with the N-Quads export of the same store.
Prints the counts and up to five quads found on one side only; exits 1 if they differ."""
import json
import sys

import rdflib
from pyld import jsonld


def quads(nquads):
    dataset = rdflib.Dataset()
    dataset.parse(data=nquads, format="nquads")
    return set(dataset.quads())


expanded = jsonld.to_rdf(json.load(open(sys.argv[1], encoding="utf-8")), {"format": "application/n-quads"})
from_jsonld = quads(expanded)
from_nq = quads(open(sys.argv[2], encoding="utf-8").read())
print(f"JSON-LD: {len(from_jsonld)} quads, N-Quads: {len(from_nq)} quads")
for q in sorted(from_jsonld - from_nq)[:5]:
    print("only in the JSON-LD:", q)
for q in sorted(from_nq - from_jsonld)[:5]:
    print("only in the N-Quads:", q)
sys.exit(0 if from_jsonld == from_nq else 1)
