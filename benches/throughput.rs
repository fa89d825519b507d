//! Throughput of extraction and ingest on the shared corpus (`../shared/corpus/raw`, or
//! `$UNKG_CORPUS/raw`): MB/s of extraction on one core, documents and triples per second of a
//! whole `unkg ingest` into a fresh on-disk store and again unchanged, with peak memory. Run: `cargo bench --bench throughput`.

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

    // Whole ingests, as a user runs them: into a fresh store, then again with nothing changed.
    let dir = tempfile::tempdir().unwrap();
    for run in ["ingest into a fresh store", "ingest again, nothing changed"] {
        let (seconds, peak) = run_unkg(dir.path(), &corpus());
        println!(
            "{run}: {} documents in {seconds:.2} s = {:.0} documents/s, peak memory {}",
            texts.len(),
            texts.len() as f64 / seconds,
            peak.map_or("unknown".into(), |m| format!("{m:.0} MiB"))
        );
    }
}

/// Runs `unkg ingest` on `corpus` into the store in `dir`: seconds taken, and the peak
/// resident memory of the process, read from /proc while it runs (Linux).
fn run_unkg(dir: &std::path::Path, corpus: &std::path::Path) -> (f64, Option<f64>) {
    let started = Instant::now();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_unkg"))
        .arg("--store")
        .arg(dir.join("store"))
        .arg("--quiet")
        .arg("ingest")
        .arg(corpus)
        .spawn()
        .expect("run unkg");
    let status_file = format!("/proc/{}/status", child.id());
    let mut peak = None;
    loop {
        if let Some(status) = child.try_wait().expect("wait for unkg") {
            assert!(
                status.success() || status.code() == Some(1),
                "unkg ingest: {status}"
            );
            break;
        }
        if let Some(kib) = std::fs::read_to_string(&status_file)
            .ok()
            .and_then(|s| vm_hwm_kib(&s))
        {
            peak = Some(kib / 1024.0);
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    (started.elapsed().as_secs_f64(), peak)
}

fn vm_hwm_kib(status: &str) -> Option<f64> {
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}
