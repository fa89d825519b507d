//! Crash safety of ingest, measured as a user would meet it: ingest the corpus
//! (`../shared/corpus/raw`, or `$UNKG_CORPUS/raw`), change 300 files, re-ingest, and kill -9
//! the re-ingest at 20 random moments. After each kill the store must open and hold every
//! document whole, as it was before the re-ingest or as it is after it, lose nothing that no
//! file changed, and the next ingest must complete it. Prints one row per kill.
//! Run: `cargo bench --bench crash`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

/// Graph → (text digest, quad count): what a store holds of each document.
type Contents = BTreeMap<String, (String, usize)>;

fn corpus() -> PathBuf {
    match std::env::var_os("UNKG_CORPUS") {
        Some(p) => PathBuf::from(p),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus"),
    }
    .join("raw")
}

fn ingest(store: &Path, folder: &Path) -> std::process::Child {
    Command::new(env!("CARGO_BIN_EXE_unkg"))
        .arg("--store")
        .arg(store)
        .args(["--quiet", "ingest"])
        .arg(folder)
        .spawn()
        .expect("run unkg")
}

fn contents(store: &Path) -> Contents {
    let store = unkg::store::Store::open(store).expect("the store opens after a kill");
    let rows = unkg::store::Store::prepare(
        "PREFIX unkg: <https://w3id.org/unkg/ontology#>
         SELECT ?g (SAMPLE(?sha) AS ?digest) (COUNT(*) AS ?n) WHERE {
           GRAPH ?g { ?s ?p ?o } GRAPH ?g { ?v unkg:textSha256 ?sha } } GROUP BY ?g",
    )
    .unwrap()
    .on_store(store.oxigraph())
    .execute()
    .unwrap();
    let mut found = Contents::new();
    if let oxigraph::sparql::QueryResults::Solutions(rows) = rows {
        for row in rows {
            let row = row.unwrap();
            let text = |v: &str| match row.get(v) {
                Some(oxigraph::model::Term::Literal(l)) => l.value().to_string(),
                Some(t) => t.to_string(),
                None => String::new(),
            };
            found.insert(text("g"), (text("digest"), text("n").parse().unwrap_or(0)));
        }
    }
    found
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

fn main() {
    let work = tempfile::tempdir().unwrap();
    // One folder, ingested as it is, then edited in place: files are sources by their path.
    let files = work.path().join("corpus");
    copy_dir(&corpus(), &files);
    let before_store = work.path().join("before");
    assert!(ingest(&before_store, &files).wait().unwrap().success());
    // 300 Security Council files get one more preambular paragraph.
    let mut changed = 0;
    for entry in std::fs::read_dir(files.join("en")).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        if changed < 300 && text.contains("The Security Council,") {
            let text = text.replacen(
                "The Security Council,",
                "The Security Council,\n\nRecalling its resolution 1 (1946),",
                1,
            );
            std::fs::write(&path, text).unwrap();
            changed += 1;
        }
    }
    // What the store holds before the re-ingest, and after it runs to its end.
    let before = contents(&before_store);
    let after_store = work.path().join("after");
    copy_dir(&before_store, &after_store);
    let started = Instant::now();
    assert!(ingest(&after_store, &files).wait().unwrap().success());
    let reingest = started.elapsed();
    let after = contents(&after_store);
    println!(
        "{} documents, {changed} files changed; a whole re-ingest takes {:.2} s",
        before.len(),
        reingest.as_secs_f64()
    );
    println!("kill  at (ms)  opens  old  new  torn  lost  completed");
    let mut seed = 0x2545_f491_4f6c_dd1d_u64;
    let mut failures = 0;
    for kill in 1..=20 {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let at = Duration::from_millis(seed % (reingest.as_millis() as u64).max(1));
        let store = work.path().join(format!("kill-{kill}"));
        copy_dir(&before_store, &store);
        let mut child = ingest(&store, &files);
        std::thread::sleep(at);
        let _ = child.kill();
        let _ = child.wait();
        let now = contents(&store);
        let (mut old, mut new, mut torn, mut lost) = (0, 0, 0, 0);
        for (graph, was) in &before {
            match (now.get(graph), after.get(graph)) {
                (Some(is), _) if is == was => old += 1,
                (Some(is), Some(will)) if is == will => new += 1,
                (Some(_), _) => torn += 1,
                (None, _) => lost += 1,
            }
        }
        assert!(ingest(&store, &files).wait().unwrap().success());
        let completed = contents(&store) == after;
        if torn > 0 || lost > 0 || !completed {
            failures += 1;
        }
        println!(
            "{kill:>4}  {:>7}  {:>5}  {old:>4} {new:>4} {torn:>5} {lost:>5}  {completed}",
            at.as_millis(),
            "yes"
        );
        std::fs::remove_dir_all(&store).unwrap();
    }
    println!(
        "{failures} of 20 kills left a torn or lost document, or a store the next ingest did not complete"
    );
    assert_eq!(failures, 0);
}
