"""The script a researcher writes instead of unkg, for `cargo bench --bench peers`: texts ->
citation graph -> PageRank and in-degree -> GraphML, with a regex and networkx.

    python networkx_citations.py FOLDER OUT.graphml

It reads every .txt file under FOLDER, takes the resolution's own symbol from its masthead
(A/RES/70/12 or S/RES/1234 (1999)), and every number after "resolution(s)" as a citation:
"resolutions 70/12 of 7 December 2015, 69/5 and 68/1", "resolution 1234 (1999)".
"""

import os
import re
import sys

import networkx as nx

OWN = re.compile(r"\b([AS])/RES/(\d+(?:/\d+| \(\d{4}\)))")
NUMBER = r"(?:\d+/\d+|\d+ \(\d{4}\))(?: of \d{1,2} [A-Z][a-z]+ \d{4})?"
CITED_LIST = re.compile(rf"\bresolutions? ({NUMBER}(?:,? (?:and )?{NUMBER})*)")
ONE = re.compile(r"\d+/\d+(?! [A-Z])|\d+ \(\d{4}\)")


def symbol(organ, number):
    return f"{organ}/RES/{number}"


def main(folder, out):
    graph = nx.DiGraph()
    for root, _, names in os.walk(folder):
        for name in sorted(names):
            if not name.endswith(".txt"):
                continue
            with open(os.path.join(root, name), encoding="utf-8") as f:
                text = f.read()
            own = OWN.search(text)
            if not own:
                continue
            citing = symbol(own.group(1), own.group(2))
            graph.add_node(citing)
            body = text[own.end():]
            for listed in CITED_LIST.finditer(body):
                for number in ONE.findall(listed.group(1)):
                    organ = "S" if "(" in number else "A"
                    cited = symbol(organ, number)
                    if cited != citing:
                        graph.add_edge(citing, cited)
    rank = nx.pagerank(graph)
    for node, degree in graph.in_degree():
        graph.nodes[node]["in_degree"] = degree
        graph.nodes[node]["page_rank"] = rank[node]
    nx.write_graphml(graph, out)
    top = sorted(graph.in_degree(), key=lambda d: (-d[1], d[0]))[:5]
    print(f"{graph.number_of_nodes()} resolutions, {graph.number_of_edges()} citations; most cited: {top}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
