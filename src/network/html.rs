//! The self-contained HTML page of the network: the data, a layout computed here (time from
//! left to right, one lane per series, then a band per organ) and a small canvas viewer
//! (`assets/network.js`), all in one file that needs no network access.

use super::{CitationGraph, ColourBy, Report};
use petgraph::graph::NodeIndex;
use petgraph::visit::EdgeRef;
use serde_json::json;

const VIEWER: &str = include_str!("../../assets/network.js");

/// Horizontal position: the date as a fractional year.
fn time_of(date: Option<&str>, year: Option<i32>) -> f64 {
    let parsed = date.and_then(|d| {
        let y: f64 = d.get(..4)?.parse().ok()?;
        let m: f64 = d.get(5..7)?.parse().ok()?;
        let day: f64 = d.get(8..10)?.parse().ok()?;
        Some(y + (m - 1.0) / 12.0 + (day - 1.0) / 365.0)
    });
    parsed.or(year.map(f64::from)).unwrap_or(1945.0)
}

/// The order of organ bands: the main organs first, in the Charter's order of mention.
fn organ_rank(organ: &str) -> usize {
    ["GA", "SC", "ECOSOC", "HRC"]
        .iter()
        .position(|o| *o == organ)
        .unwrap_or(4)
}

/// A stable small offset from a symbol, so nodes of one lane do not sit on each other.
fn jitter(symbol: &str) -> f64 {
    let h = symbol.bytes().fold(2166136261u32, |h, b| {
        (h ^ u32::from(b)).wrapping_mul(16777619)
    });
    (h % 1000) as f64 / 1000.0
}

pub fn page(g: &CitationGraph, report: &Report, title: &str, colour_by: ColourBy) -> String {
    // Rows from top to bottom: one lane per series, then a band per organ for the rest. The
    // viewer scales the two axes apart, so the layout fills the canvas whatever its shape.
    let lanes = report.series.len() as f64;
    let organs: Vec<&str> = {
        let mut seen: Vec<&str> = g
            .node_indices()
            .filter(|v| report.series_of[v.index()].is_none())
            .map(|v| g[v].organ.as_str())
            .collect();
        seen.sort_by_key(|o| (organ_rank(o), *o));
        seen.dedup();
        seen
    };
    let band = (lanes / 4.0).max(8.0);
    let nodes: Vec<serde_json::Value> = g
        .node_indices()
        .map(|v| {
            let i = v.index();
            let n = &g[v];
            let x = time_of(n.date.as_deref(), n.year) * 10.0;
            let y = match report.series_of[i] {
                Some(s) => s as f64,
                None => {
                    let b = organs.iter().position(|o| *o == n.organ).unwrap_or(0) as f64;
                    lanes + 2.0 + b * band + jitter(&n.symbol) * (band - 2.0)
                }
            };
            json!({
                "symbol": n.symbol, "organ": n.organ, "date": n.date, "year": n.year, "title": n.title,
                "ingested": n.ingested, "inDegree": report.in_degree[i], "outDegree": report.out_degree[i],
                "pageRank": report.page_rank[i], "chainDepth": report.chain_depth[i], "series": report.series_of[i],
                "yesShare": n.yes_share(),
                "undocs": crate::rdf::undocs(&n.symbol, None), "x": x, "y": y,
            })
        })
        .collect();
    let edges: Vec<serde_json::Value> = g
        .edge_references()
        .map(|e| json!([e.source().index(), e.target().index(), e.weight().relation]))
        .collect();
    let series: Vec<String> = report
        .series
        .iter()
        .map(|s| g[NodeIndex::new(s[0])].symbol.clone())
        .collect();
    let relations = [
        "recalls",
        "reaffirms",
        "takesNoteOf",
        "welcomes",
        "guidedBy",
        "cites",
    ];
    let boxes: String = relations
        .iter()
        .map(|r| format!("<label><input type=\"checkbox\" id=\"rel-{r}\" checked> {r}</label> "))
        .collect();
    let years: Vec<i32> = g.node_weights().filter_map(|n| n.year).collect();
    let (first, last) = (
        years.iter().min().copied().unwrap_or(1945),
        years.iter().max().copied().unwrap_or(2025),
    );
    // No "<" may stand in the JSON: "</script>" or "<!--" would end or change the script
    // element. In JSON strings "\u003c" reads back as "<"; outside strings "<" cannot occur.
    // U+2028 and U+2029 end lines in older JavaScript.
    let bands: Vec<serde_json::Value> = organs
        .iter()
        .enumerate()
        .map(|(b, organ)| json!({ "organ": organ, "y": lanes + 2.0 + b as f64 * band }))
        .collect();
    let data = json!({ "nodes": nodes, "edges": edges, "series": series, "bands": bands })
        .to_string()
        .replace('<', "\\u003c")
        .replace('\u{2028}', "\\u2028")
        .replace('\u{2029}', "\\u2029");
    format!(
        r#"<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title}</title>
<style>
body {{ margin: 0; font-family: system-ui, sans-serif; display: grid; grid-template-columns: 1fr 22em; grid-template-rows: auto 1fr; height: 100vh; }}
#controls {{ grid-column: 1 / 3; padding: .5em; border-bottom: 1px solid #ddd; font-size: 14px; }}
#controls input[type=number] {{ width: 5em; }}
#view {{ position: relative; min-height: 0; }}
#canvas {{ position: absolute; inset: 0; width: 100%; height: 100%; cursor: grab; }}
#side {{ display: flex; flex-direction: column; min-height: 0; border-left: 1px solid #ddd; }}
#legend {{ border-top: 1px solid #ddd; padding: .5em 1em; font-size: 13px; }}
#legend span {{ display: inline-block; width: .8em; height: .8em; border-radius: 50%; margin-right: .3em; vertical-align: middle; }}
#legend span.line {{ height: .2em; border-radius: 0; }}
#info {{ flex: 1; overflow: auto; padding: 0 1em; font-size: 14px; }}
#status {{ color: #555; margin-left: 1em; }}
</style></head>
<body>
<div id="controls">
  <input id="search" placeholder="Search a symbol, e.g. S/RES/687 (1991)" size="32">
  years <input id="from" type="number" value="{first}"> to <input id="to" type="number" value="{last}">
  colour by <select id="colour" data-initial="{colour}"><option value="organ">organ</option><option value="series">series</option><option value="vote">vote margin</option></select>
  {boxes}
  <output id="status" data-drawn="0" data-found=""></output>
</div>
<div id="view"><canvas id="canvas"></canvas></div>
<div id="side"><div id="info"><h2>{title}</h2><p>{nodes} resolutions, {edges} citations. Time runs left to right; each series of resolutions has its own row at the top, the rest are grouped by organ below. The most cited carry their symbols. Drag to pan, scroll to zoom, click a resolution for its citations.</p></div><div id="legend" data-entries="0"></div></div>
<script>const NETWORK = {data};</script>
<script>{VIEWER}</script>
</body></html>
"#,
        title = title.replace('<', "&lt;"),
        colour = colour_by.name(),
        nodes = g.node_count(),
        edges = g.edge_count(),
    )
}
