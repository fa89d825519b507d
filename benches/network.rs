//! Every network analysis on a generated network the size of the whole UN record: 25,000
//! resolutions and 150,000 citations, each citing earlier resolutions (mostly recent ones, as
//! real series do). Run: `cargo bench --bench network`.

#[path = "random.rs"]
mod random;

use petgraph::graph::NodeIndex;
use random::Random;
use std::time::Instant;
use unkg::network::{self, CitationGraph, Edge, Node};

fn generate(nodes: usize, edges: usize) -> CitationGraph {
    let mut g = CitationGraph::with_capacity(nodes, edges);
    for i in 0..nodes {
        let year = 1946 + (i * 79 / nodes) as i32;
        g.add_node(Node {
            symbol: format!("A/RES/{}/{}", year - 1945, i),
            iri: format!("https://w3id.org/unkg/doc/A/RES/{}/{}", year - 1945, i),
            ingested: i % 10 != 0,
            organ: if i % 3 == 0 { "SC".into() } else { "GA".into() },
            date: Some(format!("{year}-{:02}-{:02}", 1 + i % 12, 1 + i % 28)),
            year: Some(year),
            session: Some((year - 1945) as u32),
            title: Some(format!("Topic {}", i % 400)),
            ..Node::default()
        });
    }
    let mut random = Random(0x2545F4914F6CDD1D);
    let relations = ["recalls", "reaffirms", "takesNoteOf", "welcomes", "cites"];
    let mut added = 0;
    while added < edges {
        let citing = 1 + random.below(nodes - 1);
        // Most citations go to the last few hundred resolutions, some far back.
        let back = if random.below(4) == 0 {
            1 + random.below(citing)
        } else {
            1 + random.below(citing.min(400))
        };
        let cited = citing - back;
        let relation = relations[random.below(5)].to_string();
        g.add_edge(
            NodeIndex::new(citing),
            NodeIndex::new(cited),
            Edge {
                relation,
                paragraph: None,
            },
        );
        added += 1;
    }
    g
}

fn main() {
    let started = Instant::now();
    let g = generate(25_000, 150_000);
    let built = started.elapsed();
    let started = Instant::now();
    let report = network::analyse(&g);
    let analysed = started.elapsed();
    println!(
        "network: {} nodes, {} edges built in {:.3} s; every metric (degrees, PageRank, HITS, cycles, longest chain, main paths, series, orphans, dangling, lag) in {:.3} s",
        g.node_count(),
        g.edge_count(),
        built.as_secs_f64(),
        analysed.as_secs_f64()
    );
    println!(
        "  longest chain {} citations, {} series, global main path {} resolutions",
        report.longest_chain.len().saturating_sub(1),
        report.series.len(),
        report.global_main_path.len()
    );
    for (name, run) in [
        (
            "PageRank",
            Box::new(|| drop(network::page_rank(&g, 0.85, 100))) as Box<dyn Fn()>,
        ),
        ("HITS", Box::new(|| drop(network::hits(&g, 100)))),
    ] {
        let started = Instant::now();
        run();
        println!("  {name}: {:.3} s", started.elapsed().as_secs_f64());
    }
}
