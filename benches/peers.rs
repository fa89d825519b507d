//! unkg beside what a user would pick instead, on one generated corpus, in one run:
//! - `unkg network FOLDER --format graphml` (the network straight from the files) against
//!   `benches/peers/networkx_citations.py`, the script a researcher writes with a regex and
//!   networkx: texts → citation graph → PageRank and in-degree → GraphML;
//! - `unkg ingest` against `oxigraph load` of the same quads (unkg's N-Quads export);
//! - `unkg export --format nq` and `--format turtle` against `oxigraph dump`, each of its own
//!   store.
//!
//! Machines here are noisy: each pair runs three times, in turns, and the medians and their
//! ratio are printed. The Python side (networkx and Oxigraph's CLI, in their own virtual
//! environment) comes from `scripts/build-deps --bench`.
//!
//! Run: `cargo bench --bench peers` (17,400 English resolutions, the corpus of the issue that
//! asked for it). `UNKG_PEERS_RESOLUTIONS` and `UNKG_PEERS_LANGUAGES` (e.g. `en,fr`) change
//! the corpus, `UNKG_PEERS_DIR` keeps it and the stores there, `UNKG_PEERS_PYTHON` names the
//! virtual environment, `UNKG_PEERS_PAIRS` (e.g. `network`) runs some of the pairs:
//! `network`, `ingest`, `export` (export needs ingest).

#[path = "common.rs"]
mod common;
#[path = "generated.rs"]
mod generated;
#[path = "random.rs"]
mod random;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

const RUNS: usize = 3;

fn median(runs: &mut [f64]) -> f64 {
    runs.sort_by(f64::total_cmp);
    runs[runs.len() / 2]
}

/// Times two commands in turns, `RUNS` times each, and prints their medians, the ratio and
/// unkg's peak memory. Returns the last runs.
fn pair(
    what: &str,
    mut ours: impl FnMut() -> common::Run,
    mut theirs: impl FnMut() -> common::Run,
) -> (common::Run, common::Run) {
    let (mut our_times, mut their_times, mut peak) = (Vec::new(), Vec::new(), None::<f64>);
    let mut last = None;
    for _ in 0..RUNS {
        let our = ours();
        let their = theirs();
        our_times.push(our.seconds);
        their_times.push(their.seconds);
        peak = peak.into_iter().chain(our.peak_mib).reduce(f64::max);
        last = Some((our, their));
    }
    let (a, b) = (median(&mut our_times), median(&mut their_times));
    println!(
        "{what:<52} unkg {a:>7.2} s   peer {b:>7.2} s   peer/unkg {:>5.2}   unkg peak {}",
        b / a,
        common::mib(peak)
    );
    last.expect("RUNS > 0")
}

fn main() {
    let total: usize = std::env::var("UNKG_PEERS_RESOLUTIONS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(17_400);
    let codes: Vec<String> = std::env::var("UNKG_PEERS_LANGUAGES")
        .unwrap_or_else(|_| "en".into())
        .split(',')
        .map(str::to_string)
        .collect();
    let python_env = std::env::var_os("UNKG_PEERS_PYTHON")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(std::env::var_os("HOME").unwrap_or_default()).join(".cache/unkg/peers")
        });
    let (python, oxigraph) = (
        python_env.join("bin/python"),
        python_env.join("bin/oxigraph"),
    );
    if !python.exists() || !oxigraph.exists() {
        eprintln!(
            "the peers (networkx, Oxigraph's CLI) are not in {}: run scripts/build-deps --bench first",
            python_env.display()
        );
        std::process::exit(2);
    }
    let pairs =
        std::env::var("UNKG_PEERS_PAIRS").unwrap_or_else(|_| "network,ingest,export".into());
    let runs = |pair: &str| pairs.split(',').any(|p| p.trim() == pair);
    let temporary = tempfile::tempdir().unwrap();
    let base = std::env::var_os("UNKG_PEERS_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| temporary.path().to_path_buf());
    let corpus = base.join("corpus");
    let _ = std::fs::remove_dir_all(&corpus);
    let (files, bytes, _) = generated::generate(&corpus, total, &codes);
    println!(
        "{files} generated files ({total} resolutions in {}), {:.0} MB; medians of {RUNS} runs\n",
        codes.join(" "),
        bytes as f64 / 1e6
    );
    let path = |p: &Path| p.to_str().unwrap().to_string();
    let (corpus_arg, store, oxstore) = (path(&corpus), base.join("store"), base.join("oxigraph"));
    let nothing = base.join("no-store");

    // The network straight from the files.
    if runs("network") {
        network_pair(&python, &base, &corpus, &nothing);
    }
    if !runs("ingest") {
        return;
    }

    // The same quads, into each one's store: unkg's ingest (extraction included) and
    // Oxigraph's bulk loader reading unkg's export.
    common::unkg(&store, &["ingest", &corpus_arg]);
    let nquads = base.join("unkg.nq");
    common::unkg(&store, &["export", "--format", "nq", "-o", &path(&nquads)]);
    pair(
        "ingest (oxigraph load of the same quads)",
        || {
            let _ = std::fs::remove_dir_all(&store);
            common::unkg(&store, &["ingest", &corpus_arg])
        },
        || {
            let _ = std::fs::remove_dir_all(&oxstore);
            common::timed(
                Command::new(&oxigraph)
                    .args(["load", "--location"])
                    .arg(&oxstore)
                    .arg("--file")
                    .arg(&nquads)
                    .stderr(Stdio::null()),
            )
        },
    );

    if !runs("export") {
        return;
    }
    // Each store written out whole again.
    let dump = || {
        common::timed(
            Command::new(&oxigraph)
                .args(["dump", "--format", "nq", "--location"])
                .arg(&oxstore)
                .arg("--file")
                .arg(base.join("oxigraph-dump.nq"))
                .stderr(Stdio::null()),
        )
    };
    for (format, file) in [("nq", "export.nq"), ("turtle", "export.ttl")] {
        let mut outputs = Vec::new();
        pair(
            &format!("export --format {format} (oxigraph dump)"),
            || {
                let run = common::unkg(
                    &store,
                    &["export", "--format", format, "-o", &path(&base.join(file))],
                );
                outputs.push(std::fs::read(base.join(file)).unwrap());
                run
            },
            dump,
        );
        println!(
            "{:<52} byte-identical across runs: {}",
            "",
            outputs.windows(2).all(|w| w[0] == w[1])
        );
    }
}

/// `unkg network FOLDER` against the networkx script, and what each found.
fn network_pair(python: &Path, base: &Path, corpus: &Path, nothing: &Path) {
    let path = |p: &Path| p.to_str().unwrap().to_string();
    let corpus_arg = path(corpus);
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/peers/networkx_citations.py");
    let (ours, theirs) = pair(
        "network from files → GraphML (networkx script)",
        || {
            common::unkg(
                nothing,
                &[
                    "network",
                    &corpus_arg,
                    "--format",
                    "graphml",
                    "-o",
                    &path(&base.join("unkg.graphml")),
                ],
            )
        },
        || {
            common::timed(
                Command::new(python)
                    .arg(&script)
                    .arg(corpus)
                    .arg(base.join("networkx.graphml")),
            )
        },
    );
    drop(ours);
    let table = common::unkg(nothing, &["network", &corpus_arg]);
    println!(
        "{:<52} unkg: {}; networkx script: {}",
        "  found",
        String::from_utf8_lossy(&table.stdout)
            .lines()
            .next()
            .unwrap_or_default(),
        String::from_utf8_lossy(&theirs.stdout).trim()
    );
}
