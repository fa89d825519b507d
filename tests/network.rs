//! The citation network of the Security Council corpus: chains, rankings, series, exports,
//! metrics written back, and the HTML page in a real headless browser.

use crate::util::{self, Dir, ok, unkg};
use petgraph::graph::NodeIndex;
use std::sync::OnceLock;
use unkg::network::{self, CitationGraph, Report};

/// The English corpus ingested once into a store on disk, shared by these tests.
fn store() -> &'static std::path::Path {
    static STORE: OnceLock<Dir> = OnceLock::new();
    STORE
        .get_or_init(|| {
            let dir = Dir::new();
            let corpus = util::corpus().join("raw/en");
            ok(unkg(
                &dir.path().join("store"),
                &["ingest", "-q", corpus.to_str().unwrap()],
            ));
            dir
        })
        .path()
}

fn graph() -> (CitationGraph, Report) {
    // The store is opened by one process at a time: this test reads an exported copy, with
    // the sources graph, whose records hold the facts the network is read from.
    let dir = Dir::new();
    let s = unkg::store::Store::in_memory().unwrap();
    for (name, graph) in [
        ("all.nq", None),
        ("sources.nq", Some(unkg::store::SOURCES_GRAPH)),
    ] {
        let nq = dir.path().join(name);
        let mut args = vec!["export", "--format", "nq", "-o", nq.to_str().unwrap()];
        args.extend(graph.iter().flat_map(|g| ["--graph", *g]));
        ok(unkg(&store().join("store"), &args));
        s.oxigraph()
            .load_from_reader(
                oxigraph::io::RdfFormat::NQuads,
                std::fs::File::open(&nq).unwrap(),
            )
            .unwrap();
    }
    let g = network::load(&s).unwrap();
    let report = network::analyse(&g);
    (g, report)
}

#[test]
fn the_chain_of_687_goes_back_to_660() {
    let out = ok(unkg(
        &store().join("store"),
        &["cites", "S/RES/687 (1991)", "--depth", "1"],
    ));
    let chain = out
        .lines()
        .skip_while(|l| !l.starts_with("longest chain"))
        .nth(1)
        .unwrap_or_default();
    assert!(
        chain.trim_start().starts_with("S/RES/687 (1991) → "),
        "{out}"
    );
    assert!(chain.trim_end().ends_with("S/RES/660 (1990)"), "{out}");
    assert!(
        out.contains("recalls S/RES/678 (1990) (1990-11-29)"),
        "{out}"
    );
    let json: serde_json::Value = serde_json::from_str(&ok(unkg(
        &store().join("store"),
        &["cites", "S/RES/687 (1991)", "--json"],
    )))
    .unwrap();
    assert_eq!(
        json["longest_chain"].as_array().unwrap().last().unwrap(),
        "S/RES/660 (1990)"
    );
}

#[test]
fn rankings_series_and_dangling_references() {
    let (g, report) = graph();
    let sym = |v: usize| g[NodeIndex::new(v)].symbol.clone();
    assert!(report.nodes > 1000 && report.ingested > 900);
    // The most cited resolution is cited more often than any other and ranks first by PageRank
    // or close to it.
    let top = report.most_cited(&g, 1)[0];
    assert!(
        report.top_by(&g, &report.page_rank, 3).contains(&top),
        "{}",
        sym(top)
    );
    assert!((report.page_rank.iter().sum::<f64>() - 1.0).abs() < 1e-6);
    // Chains run back in time.
    for w in report.longest_chain.windows(2) {
        assert!(g[NodeIndex::new(w[0])].date >= g[NodeIndex::new(w[1])].date);
    }
    assert!(report.series.iter().any(|s| s.len() >= 5));
    // Cited but not ingested: the General Assembly's resolutions the Council cites.
    assert!(report.dangling.iter().any(|&v| sym(v) == "A/RES/1514 (XV)"));
    assert!(
        report
            .dangling
            .iter()
            .all(|&v| !g[NodeIndex::new(v)].ingested)
    );
}

#[test]
fn graphml_and_gexf_are_well_formed_xml_with_typed_attributes() {
    let dir = Dir::new();
    for (format, root) in [("graphml", "graphml"), ("gexf", "gexf")] {
        let file = dir.path().join(format!("n.{format}"));
        ok(unkg(
            &store().join("store"),
            &[
                "network",
                "--format",
                format,
                "-o",
                file.to_str().unwrap(),
                "--organ",
                "SC",
            ],
        ));
        let text = std::fs::read_to_string(&file).unwrap();
        let mut reader = quick_xml::Reader::from_str(&text);
        let (mut elements, mut first) = (0, None);
        loop {
            match reader.read_event() {
                Ok(quick_xml::events::Event::Eof) => break,
                Ok(quick_xml::events::Event::Start(e)) | Ok(quick_xml::events::Event::Empty(e)) => {
                    first.get_or_insert_with(|| {
                        String::from_utf8_lossy(e.name().as_ref()).into_owned()
                    });
                    elements += 1;
                }
                Err(e) => panic!("{format}: invalid XML at {}: {e}", reader.buffer_position()),
                _ => {}
            }
        }
        assert_eq!(first.as_deref(), Some(root));
        assert!(elements > 1000, "{format}");
    }
    let graphml = std::fs::read_to_string(dir.path().join("n.graphml")).unwrap();
    assert!(
        graphml
            .contains(r#"<key id="pageRank" for="node" attr.name="pageRank" attr.type="double"/>"#)
    );
    assert!(graphml.contains(r#"<key id="year" for="node" attr.name="year" attr.type="int"/>"#));
}

#[test]
fn metrics_written_back_answer_sparql() {
    let dir = Dir::new();
    let copy = dir.path().join("store");
    // A store of its own, so that writing back does not race the other tests.
    ok(unkg(
        &copy,
        &[
            "ingest",
            "-q",
            util::corpus().join("raw/en").to_str().unwrap(),
        ],
    ));
    ok(unkg(
        &copy,
        &[
            "network",
            "--write-back",
            "--format",
            "json",
            "-o",
            dir.path().join("r.json").to_str().unwrap(),
        ],
    ));
    let csv = ok(unkg(
        &copy,
        &["query", "--name", "top-pagerank", "--format", "csv"],
    ));
    let ranks: Vec<f64> = csv
        .lines()
        .skip(1)
        .map(|l| l.split(',').nth(1).unwrap().parse().unwrap())
        .collect();
    assert_eq!(ranks.len(), 10, "{csv}");
    assert!(ranks.windows(2).all(|w| w[0] >= w[1]), "{csv}");
}

#[test]
fn the_html_page_draws_the_network_and_finds_a_resolution_in_chromium() {
    let dir = Dir::new();
    let page = dir.path().join("network.html");
    ok(unkg(
        &store().join("store"),
        &["network", "--format", "html", "-o", page.to_str().unwrap()],
    ));
    // As it opens: the whole network across the canvas, the most cited named, a legend.
    let Some((dom, log)) = util::headless_dom(&format!("file://{}", page.display())) else {
        return;
    };
    let labels = util::data_number(&dom, "labels");
    assert!(labels >= 10, "only {labels} symbols written:\n{log}");
    let (across, down) = (
        util::data_number(&dom, "span-x"),
        util::data_number(&dom, "span-y"),
    );
    assert!(
        across >= 70 && down >= 60,
        "the drawing spans {across}% by {down}% of the canvas"
    );
    let legend = util::data_number(&dom, "entries");
    assert!(legend >= 4, "{legend} legend entries:\n{dom:.3000}");
    assert!(
        dom.contains("Security Council"),
        "the legend names the organs"
    );

    let url = format!("file://{}#search=S/RES/687%20(1991)", page.display());
    let Some((dom, log)) = util::headless_dom(&url) else {
        return;
    };
    assert!(
        dom.contains(r#"data-found="S/RES/687 (1991)""#),
        "the search did not find the resolution:\n{dom:.2000}\n{log}"
    );
    let drawn = util::data_number(&dom, "drawn");
    assert!(drawn > 10, "only {drawn} nodes drawn");
    // A page saved to a file has no server behind it: no link to a resolution page.
    assert!(!dom.contains("id=\"page\""), "{dom:.2000}");
    let errors: Vec<&str> = log
        .lines()
        .filter(|l| l.contains("CONSOLE") && (l.contains("Uncaught") || l.contains("ERROR")))
        .collect();
    assert!(errors.is_empty(), "console errors: {errors:?}");
}

#[test]
fn the_network_read_straight_from_the_files_is_the_one_the_store_gives_in_every_format() {
    let corpus = util::corpus().join("raw/en");
    let corpus = corpus.to_str().unwrap();
    let store = store().join("store");
    // No store is opened, let alone made, for files.
    let elsewhere = Dir::new();
    let no_store = elsewhere.path().join("never-made");
    for format in [
        "table",
        "json",
        "csv",
        "dot",
        "graphml",
        "gexf",
        "cytoscape",
        "html",
    ] {
        let from_store = ok(unkg(&store, &["network", "--format", format]));
        let from_files = unkg(&no_store, &["network", corpus, "--format", format]);
        // raw/en holds two files of S/RES/538: the one whose path sorts last gives it, as in
        // the store, and the other is named.
        assert!(
            util::stderr(&from_files).contains("S_RES_538_1983.txt: holds the same document as"),
            "{}",
            util::stderr(&from_files)
        );
        assert!(
            from_store == util::stdout(&from_files),
            "network --format {format} differs between the store and the files"
        );
    }
    for (args, with_files) in [
        (
            vec!["cites", "S/RES/687 (1991)", "--json"],
            vec!["cites", "S/RES/687 (1991)", corpus, "--json"],
        ),
        (
            vec!["network", "--organ", "SC", "--relation=recalls"],
            vec!["network", corpus, "--organ", "SC", "--relation=recalls"],
        ),
    ] {
        assert_eq!(ok(unkg(&store, &args)), ok(unkg(&no_store, &with_files)));
    }
    assert!(!no_store.exists(), "a store was made for files");
}
