use crate::cli::IngestArgs;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;
use unkg::record::Record;

/// One file, extracted and mapped, ready to be written.
struct Extracted {
    path: PathBuf,
    record: Record,
    graph: String,
    quads: Vec<oxigraph::model::Quad>,
}

pub fn run(
    store_dir: &Path,
    quiet: bool,
    verbose: bool,
    args: IngestArgs,
) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    let extractor = super::extractor()?;
    let walk = unkg::input::walk(&args.paths);
    let files = walk.files;
    for (path, e) in &walk.errors {
        eprintln!("unkg: {}: {e}", path.display());
    }
    anyhow::ensure!(
        !files.is_empty(),
        "no .txt, .md, .html, .pdf or .docx files in {}",
        args.paths
            .iter()
            .map(|p| p.display().to_string())
            .collect::<Vec<_>>()
            .join(", ")
    );
    let store = super::open_store(store_dir)?;

    let progress = ProgressBar::new(files.len() as u64);
    if quiet || !std::io::stderr().is_terminal() {
        progress.set_draw_target(ProgressDrawTarget::hidden());
    }
    progress.set_style(
        ProgressStyle::with_template("{bar:40} {pos}/{len} {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );

    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.threads.unwrap_or(0))
        .build()?;
    let lang = args.lang.as_deref();
    // Extraction runs in parallel; results keep the sorted file order.
    let results: Vec<Result<Extracted, (PathBuf, String)>> = pool.install(|| {
        files
            .par_iter()
            .map(|path| {
                let unkg::extract::Extraction { record, text } = extractor
                    .extract_file(path, lang)
                    .map_err(|e| (path.clone(), e.to_string()))?;
                let quads = unkg::rdf::record_quads(&record, &text);
                let graph = unkg::rdf::record_graph_iri(&record);
                progress.inc(1);
                Ok(Extracted {
                    path: path.clone(),
                    record,
                    graph,
                    quads,
                })
            })
            .collect()
    });
    progress.finish_and_clear();

    let mut failed = walk.errors.len();
    let mut batch: Vec<(String, Vec<oxigraph::model::Quad>)> = Vec::new();
    let mut written: BTreeMap<String, PathBuf> = BTreeMap::new();
    let mut by_organ_lang: BTreeMap<(String, String), usize> = BTreeMap::new();
    let (mut citations, mut warnings, mut quads) = (0, 0, 0);
    for result in results {
        match result {
            Err((path, message)) => {
                eprintln!("unkg: {}: {message}", path.display());
                failed += 1;
            }
            Ok(e) => {
                if let Some(earlier) = written.get(&e.graph) {
                    eprintln!(
                        "unkg: {}: holds the same document as {} ({} in {}); the later file replaces the earlier",
                        e.path.display(),
                        earlier.display(),
                        e.record.symbol.as_deref().unwrap_or("no symbol"),
                        e.record.lang
                    );
                }
                if verbose {
                    eprintln!(
                        "{}: {} ({}), {} citations",
                        e.path.display(),
                        e.record.symbol.as_deref().unwrap_or("no symbol"),
                        e.record.lang,
                        e.record.cites.len()
                    );
                }
                for w in &e.record.warnings {
                    if verbose {
                        eprintln!("unkg: {}: warning: {w}", e.path.display());
                    }
                }
                warnings += e.record.warnings.len();
                citations += e.record.cites.len();
                quads += e.quads.len();
                let organ = e
                    .record
                    .organ
                    .clone()
                    .unwrap_or_else(|| "unknown organ".into());
                *by_organ_lang
                    .entry((organ, e.record.lang.clone()))
                    .or_default() += 1;
                written.insert(e.graph.clone(), e.path);
                batch.retain(|(g, _)| *g != e.graph);
                batch.push((e.graph, e.quads));
            }
        }
    }
    let changed = store.replace_graphs(&batch)?;
    store.load_ontology()?;
    store.refresh_stubs()?;
    store.flush(store_dir)?;

    if !quiet {
        let documents: usize = by_organ_lang.values().sum();
        eprintln!(
            "ingested {documents} documents ({quads} triples; {changed} new or changed) into {} in {:.2} s",
            store_dir.display(),
            started.elapsed().as_secs_f64()
        );
        for ((organ, lang), n) in &by_organ_lang {
            eprintln!("  {n:>6}  {organ} ({lang})");
        }
        eprintln!(
            "  {citations} citations, {warnings} warnings{}",
            if verbose { "" } else { " (-v lists them)" }
        );
        if failed > 0 {
            eprintln!("  {failed} files could not be read (see above)");
        }
    }
    Ok(if failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
