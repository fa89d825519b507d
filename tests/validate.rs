//! `unkg validate` (rudof's SHACL engine, in process) against pyshacl (an independent engine)
//! on the same shapes: on real texts and on a store broken on purpose, both engines report the
//! same focus nodes, shapes and constraints, and the faults made are found.

use crate::util::{self, Dir, ok, unkg};
use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

/// Validation results as (focus node, shape, constraint component).
type Results = BTreeSet<(String, String, String)>;

/// What pyshacl finds in an N-Quads file: (focus, shape, component), each once.
fn pyshacl(python: &Path, nquads: &Path) -> Results {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let o = Command::new(python)
        .arg(root.join("tests/interop/shacl_check.py"))
        .arg(root.join("ontology/shapes.ttl"))
        .arg(nquads)
        .output()
        .unwrap();
    assert!(
        o.status.code().is_some_and(|c| c <= 1),
        "{}",
        util::stderr(&o)
    );
    results(&util::stdout(&o))
}

/// The first three columns of result lines.
fn results(lines: &str) -> Results {
    lines
        .lines()
        .filter_map(|l| {
            let mut f = l.split('\t');
            Some((f.next()?.into(), f.next()?.into(), f.next()?.into()))
        })
        .collect()
}

/// What `unkg validate` and pyshacl find in the store at `store`, as (focus, shape, component).
fn both_engines(python: &Path, store: &Path, dir: &Path) -> (Results, Results) {
    let o = unkg(store, &["validate"]);
    assert!(
        o.status.code().is_some_and(|c| c <= 1),
        "{}",
        util::stderr(&o)
    );
    let nquads = dir.join("export.nq");
    ok(unkg(
        store,
        &["export", "--format", "nq", "-o", nquads.to_str().unwrap()],
    ));
    (results(&util::stdout(&o)), pyshacl(python, &nquads))
}

#[test]
fn the_corpus_store_conforms_and_both_engines_say_so() {
    let dir = Dir::new();
    let store = dir.path().join("store");
    util::ingest_corpus(&store);
    let o = unkg(&store, &["validate"]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}{}",
        util::stdout(&o),
        util::stderr(&o)
    );
    assert!(
        util::stderr(&o).contains("conforms"),
        "{}",
        util::stderr(&o)
    );
    let Some(python) = util::python_with(&["pyshacl", "rdflib"]) else {
        return;
    };
    let (ours, theirs) = both_engines(&python, &store, dir.path());
    assert!(
        ours.is_empty() && theirs.is_empty(),
        "{ours:#?}\n{theirs:#?}"
    );
}

#[test]
fn both_engines_find_the_same_on_real_texts_and_on_a_store_broken_on_purpose() {
    let Some(python) = util::python_with(&["pyshacl", "rdflib"]) else {
        return;
    };
    let dir = Dir::new();
    let store = dir.path().join("store");
    for folder in ["constructed", "real"] {
        ok(unkg(
            &store,
            &[
                "ingest",
                "-q",
                util::corpus().join(folder).to_str().unwrap(),
            ],
        ));
    }
    let (ours, theirs) = both_engines(&python, &store, dir.path());
    assert_eq!(
        ours, theirs,
        "unkg validate and pyshacl disagree on real texts"
    );

    // The examples, then five faults that SHACL must catch.
    let broken = dir.path().join("broken");
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    ok(unkg(&broken, &["ingest", "-q", examples.to_str().unwrap()]));
    let opened = unkg::store::Store::open(&broken).unwrap();
    opened
        .update(
            r#"PREFIX unkg: <https://w3id.org/unkg/ontology#>
            PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
            DELETE { GRAPH ?g { ?c unkg:cited ?w } } WHERE {
              GRAPH ?g { ?c unkg:cited ?w } FILTER (STRENDS(STR(?c), "/A/RES/80/12/eng@/citation/1")) };
            DELETE { GRAPH ?g { ?r unkg:symbol ?s } } INSERT { GRAPH ?g { ?r unkg:symbol "S/RES/2999 (20255)" } }
              WHERE { GRAPH ?g { ?r unkg:symbol ?s } FILTER (?s = "S/RES/2999 (2025)") };
            DELETE { GRAPH ?g { ?r unkg:adoptedOn ?d } } INSERT { GRAPH ?g { ?r unkg:adoptedOn "8 December 2025" } }
              WHERE { GRAPH ?g { ?r unkg:symbol "A/RES/80/12" ; unkg:adoptedOn ?d } };
            INSERT { GRAPH ?g { ?v unkg:realizes <https://w3id.org/unkg/doc/A/RES/77/59> } }
              WHERE { GRAPH ?g { ?v a unkg:LanguageVersion ; unkg:realizes <https://w3id.org/unkg/doc/A/RES/80/12> } };
            DELETE { GRAPH ?g { ?m unkg:span ?s } } INSERT { GRAPH ?g { ?m unkg:span "900000,900010" } }
              WHERE { GRAPH ?g { ?m unkg:span ?s } FILTER (STRENDS(STR(?m), "/A/RES/80/12/eng@/citation/2")) }"#,
        )
        .unwrap();
    drop(opened);
    let (ours, theirs) = both_engines(&python, &broken, dir.path());
    assert_eq!(
        ours, theirs,
        "unkg validate and pyshacl disagree on the broken store"
    );
    for fault in [
        "/A/RES/80/12/eng@/citation/1",
        "/S/RES/2999(2025)",
        "/A/RES/80/12/eng@",
        "/A/RES/80/12/eng@/citation/2",
    ] {
        assert!(
            ours.iter().any(|(focus, ..)| focus.ends_with(fault)),
            "no violation on {fault}: {ours:#?}"
        );
    }
    let o = unkg(&broken, &["validate", "--format", "turtle"]);
    let report = util::stdout(&o);
    assert!(report.contains("sh:conforms false") && report.contains("sh:ValidationResult"));
}
