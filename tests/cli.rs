//! The command line end to end, on the bundled examples and on bad input.

use crate::util::{self, Dir, ok, stderr, unkg};
use std::path::Path;

fn examples() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples")
        .display()
        .to_string()
}

#[test]
fn ingest_query_and_export_the_examples() {
    let dir = Dir::new();
    let store = dir.path().join("store");
    let out = unkg(&store, &["ingest", &examples()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("ingested 3 documents"),
        "{}",
        stderr(&out)
    );
    let stats = ok(unkg(&store, &["stats"]));
    assert!(
        stats
            .lines()
            .any(|l| l.starts_with("resolutions") && l.trim_end().ends_with(" 2")),
        "{stats}"
    );
    let csv = ok(unkg(
        &store,
        &[
            "query",
            "--name",
            "citations-of",
            "--bind",
            "symbol=A/RES/80/12",
            "--format",
            "csv",
        ],
    ));
    // One row per language version that states the citation.
    for lang in ["en", "zh"] {
        assert!(
            csv.contains(&format!(
                "A/RES/80/12,{lang},A/RES/77/59,recalls,2022-12-07,pp_1"
            )),
            "{csv}"
        );
    }
    let json = ok(unkg(
        &store,
        &["query", "ASK { ?s ?p ?o }", "--format", "json"],
    ));
    assert!(json.contains("\"boolean\":true"));
    let turtle1 = ok(unkg(&store, &["export", "--format", "turtle"]));
    assert!(turtle1.contains("@prefix unkg: <https://w3id.org/unkg/ontology#> ."));
    // A second ingest of the same folder changes nothing: same bytes out.
    ok(unkg(&store, &["ingest", "-q", &examples()]));
    let turtle2 = ok(unkg(&store, &["export", "--format", "turtle"]));
    let first_difference = turtle1.lines().zip(turtle2.lines()).find(|(a, b)| a != b);
    assert!(
        turtle1 == turtle2,
        "exports differ (lengths {} and {}); first difference: {first_difference:?}",
        turtle1.len(),
        turtle2.len()
    );
    let listed = ok(unkg(&store, &["query", "--list"]));
    assert!(listed.contains("most-cited"));
}

#[test]
fn an_export_that_fails_leaves_the_earlier_file_whole_and_dev_null_stays_a_device() {
    use std::os::unix::fs::FileTypeExt;
    let dir = Dir::new();
    let store = dir.path().join("store");
    ok(unkg(&store, &["ingest", "-q", &examples()]));
    let file = dir.path().join("graph.nq");
    ok(unkg(
        &store,
        &["export", "--format", "nq", "-o", file.to_str().unwrap()],
    ));
    let earlier = std::fs::read(&file).unwrap();
    assert!(!earlier.is_empty());
    let failed = unkg(
        &store,
        &[
            "export",
            "--graph",
            "https://example.org/none",
            "-o",
            file.to_str().unwrap(),
        ],
    );
    assert!(!failed.status.success());
    assert_eq!(std::fs::read(&file).unwrap(), earlier);
    let left: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".partial"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
    // A device is written to, not replaced by a file renamed over it.
    ok(unkg(
        &store,
        &["export", "--format", "nq", "-o", "/dev/null"],
    ));
    assert!(
        std::fs::metadata("/dev/null")
            .unwrap()
            .file_type()
            .is_char_device()
    );
}

#[test]
fn extract_prints_records_and_turtle() {
    let dir = Dir::new();
    let file = format!("{}/A_RES_80_12.zh.txt", examples());
    let json = ok(unkg(dir.path(), &["extract", &file]));
    let record: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(record["symbol"], "A/RES/80/12");
    assert_eq!(record["lang"], "zh");
    assert_eq!(record["cites"][0]["relation"], "recalls");
    let ttl = ok(unkg(dir.path(), &["extract", "--format", "turtle", &file]));
    assert!(
        ttl.contains("unkg:recalls <https://w3id.org/unkg/doc/A/RES/77/59>"),
        "{ttl}"
    );
}

#[test]
fn eval_gate_fails_on_a_fall_a_missing_level_or_a_missing_file() {
    let dir = Dir::new();
    let gold = util::gold();
    let eval = |thresholds: &str, more: &[&str]| {
        let mut args = vec!["eval", gold.to_str().unwrap(), "--thresholds", thresholds];
        args.extend(more);
        unkg(dir.path(), &args)
    };
    // A level above what is reached fails, and so does a language without levels.
    let thresholds = dir.write("t.json", br#"{"all": {"cites_f1": 1.001}}"#);
    let out = eval(thresholds.to_str().unwrap(), &[]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("cites_f1 for all"), "{err}");
    assert!(err.contains("no levels for zh"), "{err}");
    // A thresholds file that is not there is an error, not a pass.
    let out = eval("/nonexistent/t.json", &["--json"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    // --record raises levels and never lowers one; then the same scores meet them.
    let out = eval(thresholds.to_str().unwrap(), &["--record"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let levels: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&thresholds).unwrap()).unwrap();
    assert_eq!(levels["all"]["cites_f1"], 1.001);
    assert!(levels["zh"]["cites_f1"].as_f64().unwrap() > 0.9);
    let json = ok(unkg(
        dir.path(),
        &["eval", gold.to_str().unwrap(), "--json"],
    ));
    let report: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert!(
        report["by_language"]["zh"]["sets"]["cites"]["tp"]
            .as_u64()
            .unwrap()
            >= 13
    );
}

#[test]
fn a_query_error_names_the_problem() {
    let dir = Dir::new();
    let out = unkg(&dir.path().join("store"), &["query", "SELECT WHERE {"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("not valid SPARQL"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn ingesting_a_folder_again_skips_unchanged_files_follows_edits_and_drops_deleted_ones() {
    let dir = Dir::new();
    let inputs = dir.path().join("in");
    std::fs::create_dir(&inputs).unwrap();
    for name in ["A_RES_80_12.txt", "S_RES_2999_2025.txt"] {
        std::fs::copy(format!("{}/{name}", examples()), inputs.join(name)).unwrap();
    }
    let store = dir.path().join("store");
    let ingest = || {
        let out = unkg(&store, &["ingest", inputs.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        stderr(&out)
    };
    let ingested = || {
        let out = ok(unkg(
            &store,
            &[
                "query",
                "--format",
                "csv",
                "PREFIX unkg: <https://w3id.org/unkg/ontology#> SELECT ?s WHERE { ?r unkg:ingested true ; unkg:symbol ?s } ORDER BY ?s",
            ],
        ));
        out.lines().skip(1).map(str::to_string).collect::<Vec<_>>()
    };
    assert!(ingest().contains("ingested 2 documents"));
    assert_eq!(ingested(), ["A/RES/80/12", "S/RES/2999 (2025)"]);
    // Nothing changed: nothing is read again.
    assert!(ingest().contains("ingested 0 documents"));
    // The file now holds another resolution: its old graph goes.
    let council = inputs.join("S_RES_2999_2025.txt");
    let text = std::fs::read_to_string(&council)
        .unwrap()
        .replace("Resolution 2999 (2025)", "Resolution 3001 (2025)");
    std::fs::write(&council, text).unwrap();
    assert!(ingest().contains("ingested 1 documents"));
    assert_eq!(ingested(), ["A/RES/80/12", "S/RES/3001 (2025)"]);
    // A file deleted from the folder leaves the store with it.
    std::fs::remove_file(inputs.join("A_RES_80_12.txt")).unwrap();
    assert!(ingest().contains("1 removed"));
    assert_eq!(ingested(), ["S/RES/3001 (2025)"]);
}

/// The resolutions a work cites, by symbol.
fn cited_by(store: &Path, symbol: &str) -> Vec<String> {
    let out = ok(unkg(
        store,
        &[
            "query",
            "--format",
            "csv",
            &format!(
                "PREFIX unkg: <https://w3id.org/unkg/ontology#> SELECT DISTINCT ?c WHERE {{ ?w unkg:symbol \"{symbol}\" ; unkg:cites ?x . ?x unkg:symbol ?c }} ORDER BY ?c"
            ),
        ],
    ));
    out.lines().skip(1).map(str::to_string).collect()
}

#[test]
fn a_document_two_files_hold_stays_while_either_is_there_and_comes_from_one_of_them() {
    let dir = Dir::new();
    let inputs = dir.path().join("in");
    std::fs::create_dir(&inputs).unwrap();
    let text = util::read("raw/en/S_RES_538_1983.txt");
    let edited = text.replace("508 (1982)", "501 (1982)");
    assert_ne!(text, edited);
    std::fs::write(inputs.join("a.txt"), &text).unwrap();
    std::fs::write(inputs.join("b.txt"), &edited).unwrap();
    let store = dir.path().join("store");
    let ingest = || {
        let out = unkg(&store, &["ingest", inputs.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        stderr(&out)
    };
    let has = |symbol: &str, cited: &str| cited_by(&store, symbol).iter().any(|c| c == cited);
    // The file whose path sorts last provides the document, and only its facts are stored.
    assert!(ingest().contains("holds the same document as"));
    assert!(has("S/RES/538 (1983)", "S/RES/501 (1982)"));
    assert!(!has("S/RES/538 (1983)", "S/RES/508 (1982)"));
    // It goes: the other file provides the document, in the same run and after.
    std::fs::rename(inputs.join("b.txt"), dir.path().join("b.txt")).unwrap();
    for _ in 0..2 {
        ingest();
        assert!(has("S/RES/538 (1983)", "S/RES/508 (1982)"));
        assert!(!has("S/RES/538 (1983)", "S/RES/501 (1982)"));
    }
    // It comes back, then its header names another resolution: each file gives its own.
    std::fs::rename(dir.path().join("b.txt"), inputs.join("b.txt")).unwrap();
    ingest();
    assert!(has("S/RES/538 (1983)", "S/RES/501 (1982)"));
    let renamed = edited.replace("Resolution 538 (1983)", "Resolution 539 (1983)");
    std::fs::write(inputs.join("b.txt"), renamed).unwrap();
    for _ in 0..2 {
        ingest();
        assert!(has("S/RES/538 (1983)", "S/RES/508 (1982)"));
        assert!(!has("S/RES/538 (1983)", "S/RES/501 (1982)"));
        assert!(has("S/RES/539 (1983)", "S/RES/501 (1982)"));
    }
}

#[cfg(unix)]
#[test]
fn file_names_that_differ_only_in_bytes_that_are_not_utf8_are_two_sources() {
    use std::os::unix::ffi::OsStrExt;
    let dir = Dir::new();
    let inputs = dir.path().join("in");
    std::fs::create_dir(&inputs).unwrap();
    for (byte, name) in [(0xff, "S_RES_1_1946.txt"), (0xfe, "S_RES_2_1946.txt")] {
        let bytes = [b'r', byte, b'.', b't', b'x', b't'];
        std::fs::write(
            inputs.join(std::ffi::OsStr::from_bytes(&bytes)),
            util::read(&format!("raw/en/{name}")),
        )
        .unwrap();
    }
    let store = dir.path().join("store");
    for run in 0..3 {
        let out = unkg(&store, &["ingest", inputs.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let expected = if run == 0 {
            "ingested 2 documents"
        } else {
            "2 unchanged"
        };
        assert!(stderr(&out).contains(expected), "{}", stderr(&out));
        assert!(ok(unkg(&store, &["stats"])).contains("resolutions      2"));
    }
}

/// The `--bind` a named query's own comment gives as its example, if any.
fn example_bindings(query: &str) -> Vec<String> {
    let Some(line) = query
        .lines()
        .find(|l| l.starts_with('#') && l.contains("--bind "))
    else {
        return Vec::new();
    };
    line.split("--bind ")
        .skip(1)
        .map(|value| value.trim().trim_matches('"').to_string())
        .collect()
}

/// The SPARQL texts of the README's `unkg query '…'` examples.
fn readme_queries() -> Vec<String> {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    readme
        .split("unkg query '")
        .skip(1)
        .filter_map(|rest| rest.split('\'').next())
        .map(|q| q.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect()
}

#[test]
fn most_cited_dates_a_resolution_by_its_adoption_or_else_by_what_its_citers_state() {
    // The Council's resolutions 700 to 799 (1991–1992): they cite earlier ones that are not
    // in the store.
    let dir = Dir::new();
    let store = dir.path().join("store");
    let council = util::corpus().join("raw/en");
    let mut files: Vec<String> = std::fs::read_dir(&council)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.file_name()
                .unwrap()
                .to_str()
                .unwrap()
                .starts_with("S_RES_7")
        })
        .map(|p| p.display().to_string())
        .collect();
    files.sort();
    assert!(files.len() > 100, "{} files", files.len());
    let mut args = vec!["ingest", "-q"];
    args.extend(files.iter().map(String::as_str));
    ok(unkg(&store, &args));
    let csv = ok(unkg(
        &store,
        &["query", "--name", "most-cited", "--format", "csv"],
    ));
    // In the store: its own adoption date.
    assert!(csv.contains("S/RES/713 (1991),36,1991-09-25"), "{csv}");
    // Not in the store: the date its citing texts give it.
    assert!(csv.contains("S/RES/668 (1990),14,1990-09-20"), "{csv}");
    assert!(csv.contains("S/RES/637 (1989),10,1989-07-27"), "{csv}");
}

#[test]
fn every_named_query_and_the_readme_queries_give_each_row_once_without_distinct() {
    let dir = Dir::new();
    let store = dir.path().join("store");
    for path in ["raw/en", "raw/zh", "constructed"] {
        ok(unkg(
            &store,
            &["ingest", "-q", util::corpus().join(path).to_str().unwrap()],
        ));
    }
    ok(unkg(
        &store,
        &["network", "--write-back", "--format", "json"],
    ));
    // The queries of votes and of what changed read what these write.
    let bulk = util::corpus().join("bulk");
    ok(unkg(
        &store,
        &[
            "votes",
            "load",
            bulk.join("unvotes_roll_calls.csv").to_str().unwrap(),
            bulk.join("unvotes_votes.csv").to_str().unwrap(),
        ],
    ));
    ok(unkg(
        &store,
        &["series", "S/RES/187 (1964)", "--diff", "--write-back"],
    ));
    let run = |file: &Path, bindings: &[String]| {
        let mut args = vec!["query", "-f", file.to_str().unwrap(), "--format"];
        let graph = std::fs::read_to_string(file).unwrap().contains("CONSTRUCT");
        args.push(if graph { "nt" } else { "csv" });
        for b in bindings {
            args.extend(["--bind", b]);
        }
        ok(unkg(&store, &args))
    };
    let queries = Path::new(env!("CARGO_MANIFEST_DIR")).join("queries");
    let mut checked = 0;
    let mut files: Vec<_> = std::fs::read_dir(&queries)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        let binding = example_bindings(&text);
        let rows = run(&file, &binding);
        let lines: Vec<&str> = rows.lines().collect();
        assert!(lines.len() > 1, "{}: no rows", file.display());
        let unique: std::collections::BTreeSet<&&str> = lines.iter().collect();
        assert_eq!(
            unique.len(),
            lines.len(),
            "{}: rows repeat:\n{rows}",
            file.display()
        );
        // Counting and concatenating distinct values changes nothing: no fact is doubled.
        let distinct = text
            .replace("COUNT(", "COUNT(DISTINCT ")
            .replace("GROUP_CONCAT(", "GROUP_CONCAT(DISTINCT ");
        let variant = dir.path().join("distinct.rq");
        std::fs::write(&variant, distinct).unwrap();
        assert_eq!(run(&variant, &binding), rows, "{}", file.display());
        checked += 1;
    }
    assert!(checked >= 10, "{checked} named queries");
    let readme = readme_queries();
    assert!(!readme.is_empty());
    for query in readme {
        let rows = ok(unkg(&store, &["query", "--format", "csv", &query]));
        let lines: Vec<&str> = rows.lines().collect();
        assert!(lines.len() > 1, "{query}: no rows");
        let unique: std::collections::BTreeSet<&&str> = lines.iter().collect();
        assert_eq!(unique.len(), lines.len(), "{query}: rows repeat:\n{rows}");
    }
}

#[test]
fn stats_counts_what_exports_hold_and_a_plain_document_as_a_document() {
    let dir = Dir::new();
    let plain = dir.write("agenda.txt", b"Agenda of the meeting of Tuesday.\n");
    let store = dir.path().join("store");
    ok(unkg(
        &store,
        &["ingest", "-q", &examples(), plain.to_str().unwrap()],
    ));
    let stats = ok(unkg(&store, &["stats"]));
    let field = |name: &str| -> usize {
        let line = stats.lines().find(|l| l.starts_with(name)).unwrap();
        line[name.len()..]
            .split_whitespace()
            .next()
            .unwrap()
            .parse()
            .unwrap()
    };
    let exported = ok(unkg(&store, &["export", "--format", "nq"]))
        .lines()
        .count();
    assert_eq!(field("triples"), exported, "{stats}");
    assert_eq!(field("resolutions"), 2, "{stats}");
    assert_eq!(field("other documents"), 1, "{stats}");
    assert!(field("bookkeeping") > 0, "{stats}");
}

#[test]
fn a_query_too_long_to_run_safely_is_refused_with_a_message_not_a_crash() {
    let dir = Dir::new();
    let store = dir.path().join("store");
    ok(unkg(&store, &["ingest", "-q", &examples()]));
    let query = dir.write(
        "deep.rq",
        format!("ASK {{ FILTER({}true) }}", "!".repeat(100_000)).as_bytes(),
    );
    let out = unkg(&store, &["query", "-f", query.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("too large to run safely"),
        "{}",
        stderr(&out)
    );
    // A long chain under the limit runs.
    let binds = (0..3000)
        .map(|i| format!("BIND({i} AS ?v{i})"))
        .collect::<Vec<_>>()
        .join(" ");
    let query = dir.write(
        "binds.rq",
        format!("SELECT (COUNT(*) AS ?n) {{ {binds} }}").as_bytes(),
    );
    let out = ok(unkg(
        &store,
        &["query", "--format", "csv", "-f", query.to_str().unwrap()],
    ));
    assert_eq!(out.lines().nth(1), Some("1"), "{out}");
}
