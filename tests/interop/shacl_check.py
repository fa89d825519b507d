#!/usr/bin/env python3
"""Validate an unkg export against the SHACL shapes with pyshacl (the reference engine).

Usage:
    shacl_check.py SHAPES DATA [--report-json OUT] [--dataset] [--quiet]

SHAPES is a Turtle file (ontology/shapes.ttl). DATA is what `unkg export` writes: N-Quads
(.nq, the usual case), TriG (.trig), N-Triples (.nt) or Turtle (.ttl). Graph names are
dropped: the union of all named graphs (and the default graph) is validated as one graph,
which is what `unkg validate` checks too (a citation's version text lives in the version
graph, the work it cites in the work graph or the stubs graph, the classes of the gazetteer in
the ontology graph). `--dataset` instead hands pyshacl an rdflib Dataset, which pyshacl
validates as its default union too (same results, slower).

pyshacl runs with SPARQL-based constraints (sh:sparql, SHACL part 2, always on in pyshacl)
and SHACL-AF (advanced=True), no inference, inplace; warnings and infos count as failures
(SHACL's sh:conforms). Each distinct SPARQL text is parsed once (see with_query_cache).

OUTPUT (stdout), one line per validation result of the report (sh:result of the
sh:ValidationReport; nested sh:detail results are not printed), sorted by byte order of the
UTF-8 line, no header:

    FOCUS <TAB> SHAPE <TAB> COMPONENT

  FOCUS      sh:focusNode: an IRI, written bare (no angle brackets); a blank node as "_:";
             a literal as its N-Triples form.
  SHAPE      sh:sourceShape when it is an IRI (every shape of ontology/shapes.ttl has one),
             written bare; else the sh:resultPath as a SPARQL path (<iri>, ^<iri>, a/b …);
             else "-".
  COMPONENT  sh:sourceConstraintComponent, the full IRI, written bare
             (e.g. http://www.w3.org/ns/shacl#MinCountConstraintComponent).

Duplicates are kept (two results with the same three fields, e.g. two bad spans of one
citation, are two lines). Nothing else goes to stdout; a summary goes to stderr.

Exit status: 0 the data conforms, 1 it does not, 2 usage or input error.

--report-json OUT writes {"conforms", "results": [{"focus", "shape", "path", "component",
"value", "severity", "message"}], "counts": {shape: n}, "seconds": {...}, "triples": n}.
"""

import argparse
import json
import os
import sys
import time

try:
    import rdflib
    from rdflib import BNode, Literal, URIRef
    from rdflib.namespace import RDF, SH
    from rdflib.plugins.sparql import prepareQuery
    import pyshacl
except ImportError as e:  # pragma: no cover
    print(f"shacl_check: {e}; use a Python with pyshacl and rdflib (pip install pyshacl)", file=sys.stderr)
    sys.exit(2)

FORMATS = {
    ".nq": "nquads",
    ".trig": "trig",
    ".nt": "nt",
    ".ttl": "turtle",
}


def term_text(t):
    """A term as printed in the output: IRIs bare, blank nodes "_:", literals in N-Triples form."""
    if t is None:
        return "-"
    if isinstance(t, URIRef):
        return str(t)
    if isinstance(t, BNode):
        return "_:"
    if isinstance(t, Literal):
        return t.n3()
    return str(t)


def path_text(g, p):
    """A SHACL path node as a SPARQL property path."""
    if p is None:
        return None
    if isinstance(p, URIRef):
        return f"<{p}>"
    inv = g.value(p, SH.inversePath)
    if inv is not None:
        return "^" + path_text(g, inv)
    for prop, suffix in ((SH.zeroOrMorePath, "*"), (SH.oneOrMorePath, "+"), (SH.zeroOrOnePath, "?")):
        inner = g.value(p, prop)
        if inner is not None:
            return f"({path_text(g, inner)}){suffix}"
    alt = g.value(p, SH.alternativePath)
    if alt is not None:
        return "(" + "|".join(path_text(g, x) for x in rdflib.collection.Collection(g, alt)) + ")"
    if (p, RDF.first, None) in g:
        return "/".join(path_text(g, x) for x in rdflib.collection.Collection(g, p))
    return "_:"


def with_query_cache(cls):
    """A subclass of an rdflib graph class whose query() parses each distinct query text once.

    pyshacl runs a SPARQL-based constraint once per focus node, passing the same text each
    time (with $this in initBindings); rdflib would parse it again every time, which costs far
    more than evaluating it (about 0.1 s per call for a long FILTER). Results are unchanged.
    """
    cache = {}

    class CachedQuery(cls):
        def query(self, query_object, *args, **kwargs):
            if isinstance(query_object, str):
                prepared = cache.get(query_object)
                if prepared is None:
                    prepared = prepareQuery(query_object)
                    cache[query_object] = prepared
                query_object = prepared
            return super().query(query_object, *args, **kwargs)

    CachedQuery.__name__ = cls.__name__
    return CachedQuery


def load_data(path, as_dataset):
    ext = os.path.splitext(path)[1].lower()
    fmt = FORMATS.get(ext)
    if fmt is None:
        raise ValueError(f"{path}: unknown data format (want .nq, .trig, .nt or .ttl)")
    if fmt in ("nquads", "trig"):
        ds = (with_query_cache(rdflib.Dataset) if as_dataset else rdflib.Dataset)()
        ds.parse(path, format=fmt)
        if as_dataset:
            return ds
        # rdflib's Graph.parse of N-Quads keeps only the default graph: copy every quad's triple.
        g = with_query_cache(rdflib.Graph)()
        for s, p, o, _ in ds.quads((None, None, None, None)):
            g.add((s, p, o))
        return g
    g = with_query_cache(rdflib.Graph)()
    g.parse(path, format=fmt)
    return g


def main(argv=None):
    ap = argparse.ArgumentParser(
        description="Validate unkg RDF (N-Quads export) against SHACL shapes with pyshacl; "
        "prints FOCUS<TAB>SHAPE<TAB>COMPONENT per result, sorted; exit 1 if not conforming."
    )
    ap.add_argument("shapes", help="SHACL shapes, Turtle (ontology/shapes.ttl)")
    ap.add_argument("data", help="data: .nq (unkg export --format nq), .trig, .nt or .ttl")
    ap.add_argument("--report-json", metavar="OUT", help="also write the results as JSON")
    ap.add_argument("--dataset", action="store_true", help="validate an rdflib Dataset (default union) instead of a merged Graph")
    ap.add_argument("--quiet", action="store_true", help="no summary on stderr")
    args = ap.parse_args(argv)

    t0 = time.perf_counter()
    try:
        shapes = rdflib.Graph()
        shapes.parse(args.shapes, format="turtle")
        data = load_data(args.data, args.dataset)
    except Exception as e:  # parse errors, missing files
        print(f"shacl_check: {e}", file=sys.stderr)
        return 2
    t1 = time.perf_counter()

    conforms, report, _text = pyshacl.validate(
        data,
        shacl_graph=shapes,
        advanced=True,
        inference="none",
        inplace=True,
        allow_warnings=False,
        allow_infos=False,
        meta_shacl=False,
        debug=False,
    )
    t2 = time.perf_counter()
    if not isinstance(report, rdflib.Graph):  # pyshacl's ValidationFailure: the shapes are unusable
        print(f"shacl_check: validation failed: {getattr(report, 'message', report)}", file=sys.stderr)
        return 2
    n_triples = sum(1 for _ in data.quads((None, None, None, None))) if args.dataset else len(data)

    rows = []
    results = []
    for rep in report.subjects(RDF.type, SH.ValidationReport):
        for r in report.objects(rep, SH.result):
            focus = report.value(r, SH.focusNode)
            shape = report.value(r, SH.sourceShape)
            path = report.value(r, SH.resultPath)
            comp = report.value(r, SH.sourceConstraintComponent)
            if isinstance(shape, URIRef):
                shape_col = str(shape)
            elif path is not None:
                shape_col = path_text(report, path)
            else:
                shape_col = "-"
            rows.append(f"{term_text(focus)}\t{shape_col}\t{term_text(comp)}")
            results.append({
                "focus": term_text(focus),
                "shape": shape_col,
                "path": path_text(report, path),
                "component": term_text(comp),
                "value": None if report.value(r, SH.value) is None else term_text(report.value(r, SH.value)),
                "severity": term_text(report.value(r, SH.resultSeverity)),
                "message": [str(m) for m in report.objects(r, SH.resultMessage)],
            })
    rows.sort(key=lambda s: s.encode("utf-8"))
    out = sys.stdout
    for line in rows:
        out.write(line + "\n")
    out.flush()

    counts = {}
    for r in results:
        counts[r["shape"]] = counts.get(r["shape"], 0) + 1
    if not args.quiet:
        print(
            f"shacl_check: {'conforms' if conforms else 'does NOT conform'}: {len(rows)} result(s); "
            f"{n_triples} triples; load {t1 - t0:.1f} s, validate {t2 - t1:.1f} s",
            file=sys.stderr,
        )
        for shape, n in sorted(counts.items()):
            print(f"  {n:6d}  {shape}", file=sys.stderr)
    if args.report_json:
        results.sort(key=lambda r: (r["focus"], r["shape"], r["component"], r["value"] or ""))
        with open(args.report_json, "w", encoding="utf-8") as f:
            json.dump({
                "conforms": bool(conforms),
                "results": results,
                "counts": counts,
                "triples": n_triples,
                "seconds": {"load": round(t1 - t0, 3), "validate": round(t2 - t1, 3)},
                "engine": f"pyshacl {pyshacl.__version__}, rdflib {rdflib.__version__}",
            }, f, ensure_ascii=False, indent=1)
            f.write("\n")
    return 0 if conforms else 1


if __name__ == "__main__":
    try:
        sys.exit(main())
    except Exception as e:  # an engine that crashed has not validated: not a "does not conform"
        import traceback
        traceback.print_exc()
        print(f"shacl_check: pyshacl failed: {e}", file=sys.stderr)
        sys.exit(2)
