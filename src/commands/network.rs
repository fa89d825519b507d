use crate::cli::{ColorBy, NetworkArgs, NetworkFormat};
use oxigraph::model::{GraphName, Literal, NamedNode, Quad};
use petgraph::graph::NodeIndex;
use std::io::Write;
use std::process::ExitCode;
use unkg::network::{self, CitationGraph, Filter, Report, export};
use unkg::rdf::vocab;

/// The named graph of the metrics written back.
const METRICS_GRAPH: &str = "https://w3id.org/unkg/graph/metrics";

pub fn run(store_dir: &std::path::Path, args: NetworkArgs) -> anyhow::Result<ExitCode> {
    let filter = Filter {
        organs: args.organ.clone(),
        from_year: args.from,
        to_year: args.to,
        relations: args.relation.clone(),
    };
    // --write-back writes to the store it reads (clap refuses it with files).
    let store = match args.write_back {
        true => Some(super::open_store(store_dir)?),
        false => None,
    };
    let (g, all_read) = match &store {
        Some(store) => (network::load(store)?, true),
        None => super::citation_network(store_dir, &args.paths, args.lang.as_deref())?,
    };
    let g = filter.apply(g);
    let report = network::analyse(&g);
    let colour_by = match args.color {
        ColorBy::Organ => network::ColourBy::Organ,
        ColorBy::Series => network::ColourBy::Series,
        ColorBy::Vote => network::ColourBy::Vote,
    };
    if let Some(store) = &store {
        store.replace_graph(METRICS_GRAPH, &metric_quads(&g, &report))?;
        store.flush(store_dir)?;
        eprintln!(
            "unkg: metrics of {} resolutions written to the graph <{METRICS_GRAPH}>",
            g.node_count()
        );
    }
    let mut out = super::output(args.output.as_deref())?;
    match args.format {
        NetworkFormat::Table => table(&mut out, &g, &report, args.top)?,
        NetworkFormat::Json => writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&export::report_json(&g, &report, args.top))?
        )?,
        NetworkFormat::Csv => export::csv(&mut out, &g, &report)?,
        NetworkFormat::Dot => export::dot(&mut out, &g, &report, colour_by)?,
        NetworkFormat::Graphml => export::graphml(&mut out, &g, &report)?,
        NetworkFormat::Gexf => export::gexf(&mut out, &g, &report)?,
        NetworkFormat::Cytoscape => writeln!(
            out,
            "{}",
            serde_json::to_string(&export::cytoscape(&g, &report))?
        )?,
        NetworkFormat::Html => write!(
            out,
            "{}",
            network::html::page(&g, &report, "UN resolutions: citation network", colour_by)
        )?,
    }
    out.finish()?;
    Ok(if all_read {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn table(
    out: &mut impl Write,
    g: &CitationGraph,
    report: &Report,
    top: usize,
) -> std::io::Result<()> {
    let sym = |v: usize| g[NodeIndex::new(v)].symbol.clone();
    writeln!(
        out,
        "{} resolutions ({} ingested), {} citations",
        report.nodes, report.ingested, report.edges
    )?;
    writeln!(out, "\nmost cited:")?;
    for v in report.most_cited(g, top) {
        writeln!(out, "  {:>5}  {}", report.in_degree[v], sym(v))?;
    }
    writeln!(out, "\nPageRank:")?;
    for v in report.top_by(g, &report.page_rank, top) {
        writeln!(out, "  {:.5}  {}", report.page_rank[v], sym(v))?;
    }
    writeln!(out, "\nHITS authorities:")?;
    for v in report.top_by(g, &report.authority, top) {
        writeln!(out, "  {:.5}  {}", report.authority[v], sym(v))?;
    }
    let path = |p: &[usize]| p.iter().map(|&v| sym(v)).collect::<Vec<_>>().join(" → ");
    writeln!(
        out,
        "\nlongest chain ({} citations):\n  {}",
        report.longest_chain.len().saturating_sub(1),
        path(&report.longest_chain)
    )?;
    writeln!(
        out,
        "\nglobal main path:\n  {}",
        path(&report.global_main_path)
    )?;
    writeln!(out, "local main path:\n  {}", path(&report.local_main_path))?;
    writeln!(out, "\nseries ({}), largest first:", report.series.len())?;
    let mut series: Vec<&Vec<usize>> = report.series.iter().collect();
    series.sort_by_key(|s| std::cmp::Reverse(s.len()));
    for s in series.iter().take(top) {
        writeln!(
            out,
            "  {:>3} resolutions from {} to {}",
            s.len(),
            sym(s[0]),
            sym(*s.last().unwrap())
        )?;
    }
    writeln!(
        out,
        "\ncycles: {} (broken by leaving out {} citations of later resolutions)",
        report.cycles.len(),
        report.broken_cycle_edges.len()
    )?;
    for c in report.cycles.iter().take(top) {
        writeln!(
            out,
            "  {}",
            c.iter().map(|&v| sym(v)).collect::<Vec<_>>().join(", ")
        )?;
    }
    writeln!(
        out,
        "\norphans (cite nothing, cited by nothing): {}",
        report.orphans.len()
    )?;
    let mut dangling = report.dangling.clone();
    dangling.sort_by(|&a, &b| {
        report.in_degree[b]
            .cmp(&report.in_degree[a])
            .then(sym(a).cmp(&sym(b)))
    });
    writeln!(
        out,
        "dangling references (cited, not ingested): {}",
        dangling.len()
    )?;
    for v in dangling.iter().take(top) {
        writeln!(out, "  {:>5}  {}", report.in_degree[*v], sym(*v))?;
    }
    writeln!(out, "\ncitations per year of the citing resolution:")?;
    for (year, n) in &report.citations_per_year {
        writeln!(out, "  {year}  {n}")?;
    }
    let lags: usize = report.citation_lag.values().sum();
    if lags > 0 {
        let total: i64 = report
            .citation_lag
            .iter()
            .map(|(l, n)| i64::from(*l) * *n as i64)
            .sum();
        writeln!(
            out,
            "\nmean citation lag: {:.1} years over {lags} citations",
            total as f64 / lags as f64
        )?;
    }
    Ok(())
}

/// The metrics as triples: `unkg:pageRank`, `unkg:inDegree`, `unkg:chainDepth`,
/// `unkg:onMainPath`, `unkg:series` …
fn metric_quads(g: &CitationGraph, report: &Report) -> Vec<Quad> {
    let graph = GraphName::NamedNode(NamedNode::new_unchecked(METRICS_GRAPH));
    let term = |local: &str| NamedNode::new_unchecked(format!("{}{local}", vocab::UNKG));
    let mut quads = Vec::new();
    for v in g.node_indices() {
        let i = v.index();
        let s = NamedNode::new_unchecked(&g[v].iri);
        let mut add =
            |p: &str, o: Literal| quads.push(Quad::new(s.clone(), term(p), o, graph.clone()));
        add("pageRank", Literal::from(report.page_rank[i]));
        add("hubScore", Literal::from(report.hub[i]));
        add("authorityScore", Literal::from(report.authority[i]));
        add("inDegree", Literal::from(report.in_degree[i] as i64));
        add("outDegree", Literal::from(report.out_degree[i] as i64));
        add("chainDepth", Literal::from(report.chain_depth[i] as i64));
        if report.global_main_path.contains(&i) || report.local_main_path.contains(&i) {
            add("onMainPath", Literal::from(true));
        }
        if let Some(sr) = report.series_of[i] {
            let first = &g[NodeIndex::new(report.series[sr][0])];
            let series = NamedNode::new_unchecked(format!(
                "{}series/{}",
                vocab::DATA,
                first.iri.trim_start_matches(vocab::DOC)
            ));
            quads.push(Quad::new(s.clone(), term("series"), series, graph.clone()));
        }
    }
    quads
}
