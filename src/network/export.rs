//! Exports of the network: DOT (layered by year), GraphML and GEXF with typed attributes (for
//! Gephi), Cytoscape.js JSON, CSV of nodes with their metrics, and the JSON report.

use super::{CitationGraph, ColourBy, Report};
use petgraph::graph::NodeIndex;
use petgraph::visit::EdgeRef;
use serde_json::json;
use std::collections::{BTreeMap, HashSet};
use std::io::{self, Write};

/// Text escaped for XML content and attribute values, written as it is formatted (a graph's
/// export escapes every value of every node: no copy of each).
struct Xml<'a>(&'a str);

impl std::fmt::Display for Xml<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut rest = self.0;
        while let Some(at) = rest.find(['&', '<', '>', '"']) {
            f.write_str(&rest[..at])?;
            f.write_str(match rest.as_bytes()[at] {
                b'&' => "&amp;",
                b'<' => "&lt;",
                b'>' => "&gt;",
                _ => "&quot;",
            })?;
            rest = &rest[at + 1..];
        }
        f.write_str(rest)
    }
}

fn xml(s: &str) -> Xml<'_> {
    Xml(s)
}

fn on_main_path(report: &Report) -> HashSet<usize> {
    report
        .global_main_path
        .iter()
        .chain(&report.local_main_path)
        .copied()
        .collect()
}

fn series_name(g: &CitationGraph, report: &Report, v: usize) -> String {
    report.series_of[v]
        .map(|s| g[NodeIndex::new(report.series[s][0])].symbol.clone())
        .unwrap_or_default()
}

/// Graphviz DOT, one rank per year so that chains read from left (earliest) to right.
pub fn dot(
    out: &mut impl Write,
    g: &CitationGraph,
    report: &Report,
    colour_by: ColourBy,
) -> io::Result<()> {
    let main = on_main_path(report);
    writeln!(
        out,
        "digraph citations {{\n  rankdir=RL;\n  node [shape=box, style=\"rounded,filled\", fontname=\"Helvetica\", fontsize=10];"
    )?;
    let mut by_year: BTreeMap<Option<i32>, Vec<usize>> = BTreeMap::new();
    for v in g.node_indices() {
        by_year.entry(g[v].year).or_default().push(v.index());
    }
    for (year, members) in &by_year {
        writeln!(
            out,
            "  subgraph \"year_{}\" {{ rank=same;",
            year.map_or("unknown".into(), |y| y.to_string())
        )?;
        for &v in members {
            let n = &g[NodeIndex::new(v)];
            let fill = match (colour_by, n.ingested, n.organ.as_str()) {
                (ColourBy::Vote, _, _) => n
                    .yes_share()
                    .map_or_else(|| "#eeeeee".to_string(), super::vote_colour),
                (_, false, _) => "#eeeeee".to_string(),
                (ColourBy::Series, true, _) => {
                    report.series_of[v].map_or_else(|| "#bbbbbb".to_string(), super::series_colour)
                }
                (ColourBy::Organ, true, "GA") => "#c6dbef".to_string(),
                (ColourBy::Organ, true, "SC") => "#fdd0a2".to_string(),
                (ColourBy::Organ, true, _) => "#d9f0d3".to_string(),
            };
            let pen = if main.contains(&v) {
                ", penwidth=3"
            } else {
                ""
            };
            writeln!(
                out,
                "    n{v} [label=\"{}\", fillcolor=\"{fill}\"{pen}];",
                n.symbol.replace('"', "'")
            )?;
        }
        writeln!(out, "  }}")?;
    }
    for e in g.edge_references() {
        let (s, t) = (e.source().index(), e.target().index());
        let color = match e.weight().relation.as_str() {
            "recalls" => "#3182bd",
            "reaffirms" => "#e6550d",
            "takesNoteOf" => "#31a354",
            "welcomes" => "#756bb1",
            _ => "#999999",
        };
        let bold = if main.contains(&s) && main.contains(&t) {
            ", penwidth=2.5"
        } else {
            ""
        };
        writeln!(
            out,
            "  n{s} -> n{t} [color=\"{color}\", tooltip=\"{}\"{bold}];",
            e.weight().relation
        )?;
    }
    writeln!(out, "}}")
}

/// Node attributes shared by GraphML, GEXF, CSV: (name, type, value).
fn node_attributes(
    g: &CitationGraph,
    report: &Report,
    v: usize,
) -> Vec<(&'static str, &'static str, String)> {
    let n = &g[NodeIndex::new(v)];
    let main = report.global_main_path.contains(&v) || report.local_main_path.contains(&v);
    vec![
        ("symbol", "string", n.symbol.clone()),
        ("organ", "string", n.organ.clone()),
        ("date", "string", n.date.clone().unwrap_or_default()),
        (
            "year",
            "int",
            n.year.map_or(String::new(), |y| y.to_string()),
        ),
        ("ingested", "boolean", n.ingested.to_string()),
        (
            "yesShare",
            "double",
            n.yes_share().map_or(String::new(), |s| format!("{s:.4}")),
        ),
        ("title", "string", n.title.clone().unwrap_or_default()),
        ("inDegree", "int", report.in_degree[v].to_string()),
        ("outDegree", "int", report.out_degree[v].to_string()),
        ("pageRank", "double", format!("{:.8}", report.page_rank[v])),
        ("hub", "double", format!("{:.8}", report.hub[v])),
        ("authority", "double", format!("{:.8}", report.authority[v])),
        ("chainDepth", "int", report.chain_depth[v].to_string()),
        ("onMainPath", "boolean", main.to_string()),
        ("series", "string", series_name(g, report, v)),
        ("undocs", "string", crate::rdf::undocs(&n.symbol, None)),
    ]
}

/// GraphML with typed keys, as Gephi, yEd and igraph read it.
pub fn graphml(out: &mut impl Write, g: &CitationGraph, report: &Report) -> io::Result<()> {
    writeln!(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>")?;
    writeln!(
        out,
        "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">"
    )?;
    if let Some(v) = g.node_indices().next() {
        for (name, kind, _) in node_attributes(g, report, v.index()) {
            writeln!(
                out,
                "  <key id=\"{name}\" for=\"node\" attr.name=\"{name}\" attr.type=\"{kind}\"/>"
            )?;
        }
    }
    writeln!(
        out,
        "  <key id=\"relation\" for=\"edge\" attr.name=\"relation\" attr.type=\"string\"/>"
    )?;
    writeln!(
        out,
        "  <key id=\"paragraph\" for=\"edge\" attr.name=\"paragraph\" attr.type=\"string\"/>"
    )?;
    writeln!(out, "  <graph id=\"citations\" edgedefault=\"directed\">")?;
    for v in g.node_indices() {
        writeln!(out, "    <node id=\"n{}\">", v.index())?;
        for (name, _, value) in node_attributes(g, report, v.index()) {
            if !value.is_empty() {
                writeln!(out, "      <data key=\"{name}\">{}</data>", xml(&value))?;
            }
        }
        writeln!(out, "    </node>")?;
    }
    for e in g.edge_references() {
        writeln!(
            out,
            "    <edge source=\"n{}\" target=\"n{}\">",
            e.source().index(),
            e.target().index()
        )?;
        writeln!(
            out,
            "      <data key=\"relation\">{}</data>",
            xml(&e.weight().relation)
        )?;
        if let Some(p) = &e.weight().paragraph {
            writeln!(out, "      <data key=\"paragraph\">{}</data>", xml(p))?;
        }
        writeln!(out, "    </edge>")?;
    }
    writeln!(out, "  </graph>\n</graphml>")
}

/// GEXF 1.3 with typed attributes and the year as a time attribute.
pub fn gexf(out: &mut impl Write, g: &CitationGraph, report: &Report) -> io::Result<()> {
    writeln!(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>")?;
    writeln!(out, "<gexf xmlns=\"http://gexf.net/1.3\" version=\"1.3\">")?;
    writeln!(
        out,
        "  <meta><creator>unkg</creator><description>Citations between UN resolutions</description></meta>"
    )?;
    writeln!(
        out,
        "  <graph defaultedgetype=\"directed\" mode=\"static\">"
    )?;
    writeln!(out, "    <attributes class=\"node\">")?;
    if let Some(v) = g.node_indices().next() {
        for (i, (name, kind, _)) in node_attributes(g, report, v.index()).iter().enumerate() {
            writeln!(
                out,
                "      <attribute id=\"{i}\" title=\"{name}\" type=\"{kind}\"/>"
            )?;
        }
    }
    writeln!(
        out,
        "    </attributes>\n    <attributes class=\"edge\">\n      <attribute id=\"0\" title=\"relation\" type=\"string\"/>\n    </attributes>"
    )?;
    writeln!(out, "    <nodes>")?;
    for v in g.node_indices() {
        writeln!(
            out,
            "      <node id=\"n{}\" label=\"{}\">",
            v.index(),
            xml(&g[v].symbol)
        )?;
        writeln!(out, "        <attvalues>")?;
        for (i, (_, _, value)) in node_attributes(g, report, v.index()).iter().enumerate() {
            if !value.is_empty() {
                writeln!(
                    out,
                    "          <attvalue for=\"{i}\" value=\"{}\"/>",
                    xml(value)
                )?;
            }
        }
        writeln!(out, "        </attvalues>\n      </node>")?;
    }
    writeln!(out, "    </nodes>\n    <edges>")?;
    for e in g.edge_references() {
        writeln!(
            out,
            "      <edge id=\"e{}\" source=\"n{}\" target=\"n{}\" label=\"{}\"><attvalues><attvalue for=\"0\" value=\"{}\"/></attvalues></edge>",
            e.id().index(),
            e.source().index(),
            e.target().index(),
            xml(&e.weight().relation),
            xml(&e.weight().relation)
        )?;
    }
    writeln!(out, "    </edges>\n  </graph>\n</gexf>")
}

/// Cytoscape.js elements JSON.
pub fn cytoscape(g: &CitationGraph, report: &Report) -> serde_json::Value {
    let nodes: Vec<serde_json::Value> = g
        .node_indices()
        .map(|v| {
            let mut data = serde_json::Map::new();
            data.insert("id".into(), json!(format!("n{}", v.index())));
            for (name, kind, value) in node_attributes(g, report, v.index()) {
                let value = match kind {
                    "int" => value
                        .parse::<i64>()
                        .map(|x| json!(x))
                        .unwrap_or(json!(null)),
                    "double" => value
                        .parse::<f64>()
                        .map(|x| json!(x))
                        .unwrap_or(json!(null)),
                    "boolean" => json!(value == "true"),
                    _ => json!(value),
                };
                data.insert(name.into(), value);
            }
            json!({ "data": data })
        })
        .collect();
    let edges: Vec<serde_json::Value> = g
        .edge_references()
        .map(|e| {
            json!({ "data": { "id": format!("e{}", e.id().index()), "source": format!("n{}", e.source().index()),
                              "target": format!("n{}", e.target().index()), "relation": e.weight().relation,
                              "paragraph": e.weight().paragraph } })
        })
        .collect();
    json!({ "elements": { "nodes": nodes, "edges": edges } })
}

/// One CSV row a node, with its metrics.
pub fn csv(out: &mut impl Write, g: &CitationGraph, report: &Report) -> io::Result<()> {
    let Some(first) = g.node_indices().next() else {
        return Ok(());
    };
    let header: Vec<&str> = node_attributes(g, report, first.index())
        .iter()
        .map(|(n, _, _)| *n)
        .collect();
    writeln!(out, "{}", header.join(","))?;
    for v in g.node_indices() {
        let cells: Vec<String> = node_attributes(g, report, v.index())
            .into_iter()
            .map(|(_, _, value)| {
                if value.contains([',', '"', '\n']) {
                    format!("\"{}\"", value.replace('"', "\"\""))
                } else {
                    value
                }
            })
            .collect();
        writeln!(out, "{}", cells.join(","))?;
    }
    Ok(())
}

/// The report as JSON, with symbols in place of node numbers.
pub fn report_json(g: &CitationGraph, report: &Report, top: usize) -> serde_json::Value {
    let sym = |v: &usize| g[NodeIndex::new(*v)].symbol.clone();
    let syms = |list: &[usize]| list.iter().map(sym).collect::<Vec<_>>();
    let ranked = |score: &[f64]| {
        report
            .top_by(g, score, top)
            .iter()
            .map(|&v| json!({ "symbol": sym(&v), "score": score[v] }))
            .collect::<Vec<_>>()
    };
    json!({
        "nodes": report.nodes,
        "edges": report.edges,
        "ingested": report.ingested,
        "most_cited": report.most_cited(g, top).iter().map(|&v| json!({ "symbol": sym(&v), "cited_by": report.in_degree[v] })).collect::<Vec<_>>(),
        "page_rank": ranked(&report.page_rank),
        "authority": ranked(&report.authority),
        "hub": ranked(&report.hub),
        "longest_chain": syms(&report.longest_chain),
        "global_main_path": syms(&report.global_main_path),
        "local_main_path": syms(&report.local_main_path),
        "series": report.series.iter().map(|s| syms(s)).collect::<Vec<_>>(),
        "cycles": report.cycles.iter().map(|c| syms(c)).collect::<Vec<_>>(),
        "broken_cycle_edges": report.broken_cycle_edges.iter().map(|(s, t)| [sym(s), sym(t)]).collect::<Vec<_>>(),
        "orphans": syms(&report.orphans),
        "dangling": syms(&report.dangling),
        "citations_per_year": report.citations_per_year,
        "citation_lag": report.citation_lag,
    })
}
