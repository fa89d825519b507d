# After loading the N-Quads of `unkg extract --format nq` run on parts of a corpus (on many
# machines), with an engine's own bulk loader: a part does not know which of the works it cites
# another part ingests, so it states a stub (symbol, organ, `unkg:ingested false`) for each.
# This update takes away the stubs of works some part ingested, as `unkg ingest` does; the
# store then holds what one ingest of the whole corpus holds (its sources graph aside).
#   oxigraph update --location DIR --update-file scripts/settle-stubs.ru
PREFIX unkg: <https://w3id.org/unkg/ontology#>
DELETE { GRAPH <https://w3id.org/unkg/graph/stubs> { ?work ?p ?o } }
WHERE {
  GRAPH <https://w3id.org/unkg/graph/stubs> { ?work ?p ?o }
  FILTER EXISTS { GRAPH ?g { ?work unkg:ingested true } FILTER (?g != <https://w3id.org/unkg/graph/stubs>) }
}
