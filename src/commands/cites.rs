use crate::cli::CitesArgs;
use petgraph::Direction::{Incoming, Outgoing};
use petgraph::graph::NodeIndex;
use petgraph::visit::EdgeRef;
use serde_json::json;
use std::collections::HashSet;
use std::io::Write;
use std::process::ExitCode;
use unkg::network::{self, CitationGraph};

pub fn run(store_dir: &std::path::Path, args: CitesArgs) -> anyhow::Result<ExitCode> {
    let (g, all_read) = super::citation_network(store_dir, &args.paths, args.lang.as_deref())?;
    let Some(v) = network::find(&g, &args.symbol) else {
        let place = match args.paths.as_slice() {
            [] => format!("the store {}", store_dir.display()),
            [one] => one.display().to_string(),
            _ => "the files given".to_string(),
        };
        anyhow::bail!(
            "{} is neither ingested nor cited by anything in {place}",
            args.symbol
        );
    };
    let report = network::analyse(&g);
    let chain = network::chain_back(&g, &report, v);
    let series = report.series_of[v.index()].map(|s| {
        report.series[s]
            .iter()
            .map(|&i| g[NodeIndex::new(i)].symbol.clone())
            .collect::<Vec<_>>()
    });
    let mut out = super::output(None)?;
    if args.json {
        let value = json!({
            "symbol": g[v].symbol, "date": g[v].date, "ingested": g[v].ingested,
            "cites": tree_json(&g, v, Outgoing, args.depth, &mut HashSet::new()),
            "cited_by": tree_json(&g, v, Incoming, args.depth, &mut HashSet::new()),
            "longest_chain": chain, "series": series,
        });
        writeln!(out, "{}", serde_json::to_string_pretty(&value)?)?;
    } else {
        writeln!(out, "{}", g[v].heading())?;
        writeln!(out, "cites:")?;
        tree(
            &mut out,
            &g,
            v,
            Outgoing,
            args.depth,
            1,
            &mut HashSet::new(),
        )?;
        writeln!(out, "cited by:")?;
        tree(
            &mut out,
            &g,
            v,
            Incoming,
            args.depth,
            1,
            &mut HashSet::new(),
        )?;
        writeln!(
            out,
            "longest chain back to a root ({} citations):\n  {}",
            chain.len().saturating_sub(1),
            chain.join(" → ")
        )?;
        match series {
            Some(s) => writeln!(out, "series ({} resolutions): {}", s.len(), s.join(", "))?,
            None => writeln!(out, "series: none found")?,
        }
    }
    out.flush()?;
    Ok(if all_read {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// Citations each way as an indented tree; a resolution seen before is named, not expanded.
fn tree(
    out: &mut impl Write,
    g: &CitationGraph,
    v: NodeIndex,
    dir: petgraph::Direction,
    depth: usize,
    level: usize,
    seen: &mut HashSet<NodeIndex>,
) -> std::io::Result<()> {
    if depth == 0 {
        return Ok(());
    }
    seen.insert(v);
    let mut edges: Vec<_> = g.edges_directed(v, dir).collect();
    edges.sort_by(|a, b| {
        let (x, y) = if dir == Outgoing {
            (a.target(), b.target())
        } else {
            (a.source(), b.source())
        };
        g[x].date
            .cmp(&g[y].date)
            .then(g[x].symbol.cmp(&g[y].symbol))
    });
    if edges.is_empty() && level == 1 {
        writeln!(out, "  (none)")?;
    }
    for e in edges {
        let w = if dir == Outgoing {
            e.target()
        } else {
            e.source()
        };
        let n = &g[w];
        let again = seen.contains(&w);
        writeln!(
            out,
            "{}{} {}{}{}",
            "  ".repeat(level),
            e.weight().relation,
            n.symbol,
            n.date
                .as_ref()
                .map(|d| format!(" ({d})"))
                .unwrap_or_default(),
            if again { " …" } else { "" }
        )?;
        if !again {
            tree(out, g, w, dir, depth - 1, level + 1, seen)?;
        }
    }
    Ok(())
}

fn tree_json(
    g: &CitationGraph,
    v: NodeIndex,
    dir: petgraph::Direction,
    depth: usize,
    seen: &mut HashSet<NodeIndex>,
) -> serde_json::Value {
    seen.insert(v);
    let mut items = Vec::new();
    if depth > 0 {
        let mut edges: Vec<_> = g.edges_directed(v, dir).collect();
        edges.sort_by_key(|e| {
            if dir == Outgoing {
                e.target()
            } else {
                e.source()
            }
        });
        for e in edges {
            let w = if dir == Outgoing {
                e.target()
            } else {
                e.source()
            };
            let again = seen.contains(&w);
            let children = if again {
                json!([])
            } else {
                tree_json(g, w, dir, depth - 1, seen)
            };
            items.push(json!({ "symbol": g[w].symbol, "date": g[w].date, "relation": e.weight().relation, "paragraph": e.weight().paragraph, "then": children }));
        }
    }
    json!(items)
}
