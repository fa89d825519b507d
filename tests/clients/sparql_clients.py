"""Real SPARQL clients against a running `unkg serve`: SPARQLWrapper and rdflib's SPARQLStore.

Usage: python3 sparql_clients.py http://127.0.0.1:PORT
Prints one line per check and exits 1 if any fails.
"""
import sys

from rdflib import Graph
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import JSON, XML, TURTLE, SPARQLWrapper

ENDPOINT = sys.argv[1].rstrip("/") + "/query"
PREFIX = "PREFIX unkg: <https://w3id.org/unkg/ontology#> "
CITED = PREFIX + 'SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE { ?w unkg:symbol "A/RES/79/47" ; unkg:cites ?x }'
ASK = PREFIX + 'ASK { ?w unkg:symbol "S/RES/687 (1991)" }'
CONSTRUCT = PREFIX + 'CONSTRUCT { ?e unkg:language ?l } WHERE { ?e a unkg:LanguageVersion ; unkg:language ?l } LIMIT 25'

failures = []


def check(name, got, want):
    ok = got == want
    print(f"{'ok' if ok else 'FAILED'}  {name}: {got!r}" + ("" if ok else f" (want {want!r})"))
    if not ok:
        failures.append(name)


def wrapper(query, fmt):
    sparql = SPARQLWrapper(ENDPOINT)
    sparql.setQuery(query)
    sparql.setReturnFormat(fmt)
    return sparql.query().convert()


# SPARQLWrapper: SELECT as JSON and XML, ASK, CONSTRUCT.
rows = wrapper(CITED, JSON)["results"]["bindings"]
check("SPARQLWrapper SELECT json", int(rows[0]["n"]["value"]), 13)
document = wrapper(CITED, XML)
literal = document.getElementsByTagName("literal")[0].firstChild.data
check("SPARQLWrapper SELECT xml", int(literal), 13)
check("SPARQLWrapper ASK json", wrapper(ASK, JSON)["boolean"], True)
graph = wrapper(CONSTRUCT, TURTLE)
if isinstance(graph, bytes):
    graph = Graph().parse(data=graph, format="turtle")
check("SPARQLWrapper CONSTRUCT turtle", len(graph), 25)

# rdflib's SPARQLStore: it asks for JSON results whatever the query form.
store = Graph(store=SPARQLStore(ENDPOINT, returnFormat="json"))
check("rdflib SPARQLStore SELECT", int(list(store.query(CITED))[0][0]), 13)
check("rdflib SPARQLStore ASK", bool(store.query(ASK).askAnswer), True)
check("rdflib SPARQLStore CONSTRUCT", len(store.query(CONSTRUCT).graph), 25)
xml_store = Graph(store=SPARQLStore(ENDPOINT, returnFormat="xml"))
check("rdflib SPARQLStore SELECT xml", int(list(xml_store.query(CITED))[0][0]), 13)

sys.exit(1 if failures else 0)
