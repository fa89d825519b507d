//! Throughput of extraction and ingest on the shared corpus (`../shared/corpus/raw`, or
//! `$UNKG_CORPUS/raw`): MB/s of extraction on one core, documents and triples per second of a
//! whole ingest into a fresh on-disk store, and peak memory. Run: `cargo bench --bench throughput`.

use std::path::PathBuf;
use std::time::Instant;
use unkg::extract::Extractor;
use unkg::lang::Lexicon;

fn corpus() -> PathBuf {
    match std::env::var_os("UNKG_CORPUS") {
        Some(p) => PathBuf::from(p),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus"),
    }
    .join("raw")
}

/// Peak resident memory of this process, from /proc (Linux).
fn peak_memory_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024.0)
}

fn main() {
    let files = unkg::input::walk(&[corpus()]).files;
    let texts: Vec<(String, String)> = files
        .iter()
        .filter_map(|p| Some((p.display().to_string(), unkg::input::read(p).ok()?)))
        .collect();
    let bytes: usize = texts.iter().map(|(_, t)| t.len()).sum();
    let extractor = Extractor::new(Lexicon::load().unwrap());

    // Extraction on one core: best of three passes.
    let mut best = f64::MAX;
    for _ in 0..3 {
        let started = Instant::now();
        for (name, text) in &texts {
            std::hint::black_box(extractor.extract(name, text, None));
        }
        best = best.min(started.elapsed().as_secs_f64());
    }
    println!(
        "extraction: {} documents, {:.1} MB in {:.3} s on one core = {:.1} MB/s per core, {:.0} documents/s",
        texts.len(),
        bytes as f64 / 1e6,
        best,
        bytes as f64 / 1e6 / best,
        texts.len() as f64 / best
    );

    // A whole ingest into a fresh store, as `unkg ingest` does it.
    let dir = tempfile::tempdir().unwrap();
    let started = Instant::now();
    let store = unkg::store::Store::open(dir.path()).unwrap();
    let graphs: Vec<(String, Vec<oxigraph::model::Quad>)> = {
        use rayon::prelude::*;
        texts
            .par_iter()
            .map(|(name, text)| {
                let unkg::extract::Extraction { record, text } =
                    extractor.extract(name, text, None);
                let quads = unkg::rdf::record_quads(&record, &text);
                (unkg::rdf::record_graph_iri(&record), quads)
            })
            .collect()
    };
    let triples: usize = graphs.iter().map(|(_, q)| q.len()).sum();
    store.replace_graphs(&graphs).unwrap();
    store.load_ontology().unwrap();
    store.refresh_stubs().unwrap();
    store.flush(dir.path()).unwrap();
    let seconds = started.elapsed().as_secs_f64();
    println!(
        "ingest: {} documents, {} triples in {:.2} s = {:.0} documents/s, {:.0} triples/s",
        texts.len(),
        triples,
        seconds,
        texts.len() as f64 / seconds,
        triples as f64 / seconds
    );
    if let Some(mib) = peak_memory_mib() {
        println!("peak memory: {mib:.0} MiB");
    }
}
