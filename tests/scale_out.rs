//! Running unkg on many machines: `unkg extract --format nq` on parts of a corpus, the parts
//! loaded with Oxigraph's own bulk loader (and, once, split and collected by Apache Spark's
//! `RDD.pipe`), give what one `unkg ingest` of the whole corpus stores.

use crate::util;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The files of the corpus folders used, less those that hold a document another file holds
/// too (ingest keeps the later file's version and both files' facts of the work; parts on
/// different machines cannot know of each other), and the N-Quads export of their ingest.
fn corpus_and_its_ingest(work: &Path) -> (Vec<PathBuf>, BTreeSet<String>) {
    let mut files = Vec::new();
    for folder in ["raw/en", "constructed"] {
        let mut names: Vec<PathBuf> = std::fs::read_dir(util::corpus().join(folder))
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        names.sort();
        files.extend(names);
    }
    let list = work.join("all.list");
    write_list(&list, &files);
    let o = extract_nq(work, &list, Path::new("/dev/null"));
    let shared: BTreeSet<String> = util::stderr(&o)
        .lines()
        .filter_map(|l| {
            let (path, rest) = l
                .strip_prefix("unkg: ")?
                .split_once(": holds the same document as ")?;
            Some([path.to_string(), rest.split(" (").next()?.to_string()])
        })
        .flatten()
        .collect();
    assert!(
        !shared.is_empty(),
        "the corpus has files holding one document"
    );
    files.retain(|f| !shared.contains(&f.display().to_string()));
    let store = work.join("store");
    let mut args = vec!["ingest".to_string(), "-q".to_string()];
    args.extend(files.iter().map(|f| f.display().to_string()));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    util::ok(util::unkg(&store, &args));
    let export = util::ok(util::unkg(&store, &["export", "--format", "nq"]));
    (files, export.lines().map(str::to_string).collect())
}

/// `unkg extract --format nq` of the files listed in `list`, into `out`.
fn extract_nq(work: &Path, list: &Path, out: &Path) -> std::process::Output {
    util::unkg(
        work,
        &[
            "extract",
            "--format",
            "nq",
            "--files-from",
            list.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ],
    )
}

fn write_list(list: &Path, files: &[PathBuf]) {
    let names: Vec<String> = files.iter().map(|p| p.display().to_string()).collect();
    std::fs::write(list, names.join("\n")).unwrap();
}

/// Loads N-Quads files with Oxigraph's CLI, settles the stubs with the shipped update, and
/// returns the quads it then holds.
fn load_with_oxigraph(oxigraph: &Path, work: &Path, parts: &[PathBuf]) -> BTreeSet<String> {
    let location = work.join("oxigraph");
    let mut load = Command::new(oxigraph);
    load.arg("load").arg("--location").arg(&location);
    for part in parts {
        load.arg("--file").arg(part);
    }
    assert!(load.output().unwrap().status.success());
    let settle = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/settle-stubs.ru");
    let o = Command::new(oxigraph)
        .arg("update")
        .arg("--location")
        .arg(&location)
        .arg("--update-file")
        .arg(settle)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", util::stderr(&o));
    let dump = work.join("dump.nq");
    let o = Command::new(oxigraph)
        .args(["dump", "--format", "nq", "--location"])
        .arg(&location)
        .arg("--file")
        .arg(&dump)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", util::stderr(&o));
    std::fs::read_to_string(dump)
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect()
}

fn assert_same(loaded: &BTreeSet<String>, ingested: &BTreeSet<String>) {
    let extra: Vec<_> = loaded.difference(ingested).take(5).collect();
    let missing: Vec<_> = ingested.difference(loaded).take(5).collect();
    assert!(
        extra.is_empty() && missing.is_empty(),
        "{} quads loaded, {} ingested\nonly loaded: {extra:#?}\nonly ingested: {missing:#?}",
        loaded.len(),
        ingested.len()
    );
}

#[test]
fn three_parts_extracted_apart_and_bulk_loaded_give_what_one_ingest_stores() {
    let Some(oxigraph) = util::program("oxigraph") else {
        return;
    };
    let work = util::Dir::new();
    let (files, ingested) = corpus_and_its_ingest(work.path());
    let mut parts = Vec::new();
    for n in 0..3 {
        let list = work.path().join(format!("part-{n}.list"));
        let part: Vec<PathBuf> = files.iter().skip(n).step_by(3).cloned().collect();
        write_list(&list, &part);
        let part = work.path().join(format!("part-{n}.nq"));
        util::ok(extract_nq(work.path(), &list, &part));
        parts.push(part);
    }
    assert_same(
        &load_with_oxigraph(&oxigraph, work.path(), &parts),
        &ingested,
    );
}

#[test]
fn spark_pipes_the_corpus_through_unkg_and_collects_what_one_ingest_stores() {
    let Some(python) = util::python_with(&["pyspark"]) else {
        return;
    };
    let (Some(oxigraph), Some(_)) = (util::program("oxigraph"), util::program("java")) else {
        return;
    };
    let work = util::Dir::new();
    let (files, ingested) = corpus_and_its_ingest(work.path());
    let list = work.path().join("files.list");
    write_list(&list, &files);
    let collected = work.path().join("collected.nq");
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/spark-extract-nq.py");
    let o = Command::new(python)
        .arg(script)
        .arg(&list)
        .arg(&collected)
        .env("UNKG", env!("CARGO_BIN_EXE_unkg"))
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", util::stderr(&o));
    assert_same(
        &load_with_oxigraph(&oxigraph, work.path(), &[collected]),
        &ingested,
    );
}
