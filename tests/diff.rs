//! What changed along a series, on real renewals of the shared corpus (the Council's Cyprus
//! force, the Iraq–Kuwait resolutions of 1990–1991) and on a predecessor of A/RES/79/47 built
//! from it: paragraphs aligned by text whatever their numbers, and each reported change true
//! to the texts.

use crate::util::{self, Dir, ok, unkg};
use serde_json::Value;
use std::path::Path;

/// The words of a paragraph without its leading number ("3.", "(b)").
fn words(text: &str) -> Vec<String> {
    let mut words: Vec<String> = text.split_whitespace().map(String::from).collect();
    let is_label = |w: &str| {
        let inner = w.trim_start_matches('(').trim_end_matches(['.', ')']);
        w.len() > inner.len()
            && !inner.is_empty()
            && inner.chars().all(|c| c.is_ascii_alphanumeric())
    };
    if words.first().is_some_and(|w| is_label(w)) {
        words.remove(0);
    }
    words
}

/// Checks every row of a diff against the two texts: an unchanged pair has the same words, a
/// reworded pair different ones and word changes that rebuild both, and each paragraph of
/// either text is in exactly one row. Returns the summary's (unchanged, reworded, added,
/// removed).
fn check(diff: &Value) -> (u64, u64, u64, u64) {
    let side = |s: &str| -> Vec<String> {
        diff[s]["paragraphs"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["text"].as_str().unwrap().to_string())
            .collect()
    };
    let (before, after) = (side("before"), side("after"));
    let mut seen_before = vec![0; before.len()];
    let mut seen_after = vec![0; after.len()];
    for row in diff["rows"].as_array().unwrap() {
        let b = row["before"].as_u64().map(|i| i as usize);
        let a = row["after"].as_u64().map(|i| i as usize);
        b.inspect(|&i| seen_before[i] += 1);
        a.inspect(|&i| seen_after[i] += 1);
        match (row["change"].as_str().unwrap(), b, a) {
            ("unchanged", Some(b), Some(a)) => assert_eq!(
                words(&before[b]),
                words(&after[a]),
                "reported unchanged, but the texts differ"
            ),
            ("reworded", Some(b), Some(a)) => {
                assert_ne!(
                    words(&before[b]),
                    words(&after[a]),
                    "reported reworded, but the texts are the same"
                );
                let rebuilt = |keep: &str| -> Vec<String> {
                    row["words"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .filter(|w| w["op"] == "same" || w["op"] == keep)
                        .flat_map(|w| w["text"].as_str().unwrap().split_whitespace())
                        .map(String::from)
                        .collect()
                };
                assert_eq!(rebuilt("removed"), words(&before[b]));
                assert_eq!(rebuilt("added"), words(&after[a]));
            }
            ("added", None, Some(_)) | ("removed", Some(_), None) => {}
            other => panic!("a row that is no change: {other:?}"),
        }
    }
    assert!(seen_before.iter().chain(&seen_after).all(|&n| n == 1));
    let s = &diff["summary"];
    let n = |k: &str| s[k].as_u64().unwrap();
    (n("unchanged"), n("reworded"), n("added"), n("removed"))
}

fn diff_json(store: &Path, a: &str, b: &str) -> Value {
    serde_json::from_str(&ok(unkg(store, &["diff", a, b, "--format", "json"]))).unwrap()
}

fn ingest_council(store: &Path, dir: &Dir, numbers: &[(u32, u32)]) {
    let folder = dir.path().join("texts");
    std::fs::create_dir_all(&folder).unwrap();
    for (n, year) in numbers {
        let name = format!("S_RES_{n}_{year}.txt");
        std::fs::copy(
            util::corpus().join("raw/en").join(&name),
            folder.join(&name),
        )
        .unwrap();
    }
    ok(unkg(store, &["ingest", "-q", folder.to_str().unwrap()]));
}

#[test]
fn cyprus_renewals_change_only_their_dates_and_reports() {
    let dir = Dir::new();
    let store = dir.path().join("store");
    ingest_council(
        &store,
        &dir,
        &[(614, 1988), (625, 1988), (634, 1989), (646, 1989)],
    );
    for (a, b) in [
        ("S/RES/614 (1988)", "S/RES/625 (1988)"),
        ("S/RES/625 (1988)", "S/RES/634 (1989)"),
        ("s/res/634(1989)", "S/RES/646 (1989)"),
    ] {
        let diff = diff_json(&store, a, b);
        let (unchanged, reworded, added, removed) = check(&diff);
        // A renewal keeps every paragraph: some word for word, the others with new dates.
        assert_eq!((added, removed), (0, 0), "{a} → {b}");
        assert!(
            unchanged >= 2 && reworded >= 2,
            "{a} → {b}: {unchanged} {reworded}"
        );
    }
    // 634 → 646: the force's mandate runs to June 1990 instead of December 1989.
    let text = ok(unkg(
        &store,
        &["diff", "S/RES/634 (1989)", "S/RES/646 (1989)"],
    ));
    assert!(
        text.starts_with("S/RES/634 (1989) → S/RES/646 (1989) (en): 0 paragraphs added, 0 removed, 4 reworded (3 unchanged)"),
        "{text}"
    );
    assert!(text.contains("[-December 1989;-] {+June 1990;+}"), "{text}");
}

#[test]
fn the_iraq_kuwait_resolutions_step_by_step_and_the_series_summary() {
    let dir = Dir::new();
    let store = dir.path().join("store");
    let numbers = [
        (660, 1990),
        (661, 1990),
        (662, 1990),
        (664, 1990),
        (665, 1990),
        (666, 1990),
        (667, 1990),
        (669, 1990),
        (670, 1990),
        (674, 1990),
        (677, 1990),
        (678, 1990),
        (686, 1991),
        (687, 1991),
    ];
    ingest_council(&store, &dir, &numbers);
    for pair in numbers.windows(2) {
        let symbol = |(n, y): (u32, u32)| format!("S/RES/{n} ({y})");
        let diff = diff_json(&store, &symbol(pair[0]), &symbol(pair[1]));
        let (unchanged, reworded, added, removed) = check(&diff);
        let count = |s: &str| diff[s]["paragraphs"].as_array().unwrap().len() as u64;
        assert_eq!(unchanged + reworded + removed, count("before"));
        assert_eq!(unchanged + reworded + added, count("after"));
    }
    // The series of 687: a summary line per step, as `diff` gives each.
    let series = ok(unkg(&store, &["series", "S/RES/687 (1991)", "--diff"]));
    let steps: Vec<&str> = series.lines().take_while(|l| !l.is_empty()).collect();
    assert!(!steps.is_empty(), "{series}");
    for step in steps {
        let (pair, _) = step.split_once(" (en): ").unwrap();
        let (a, b) = pair.split_once(" → ").unwrap();
        let alone = ok(unkg(&store, &["diff", a, b]));
        assert_eq!(alone.lines().next(), Some(step));
    }
}

/// A/RES/79/47 as its predecessor would have been: one operative paragraph it does not have,
/// one of its own missing, one reworded, and the operative paragraphs after the extra one
/// renumbered (see tests/fixtures/predecessor_79_47.json).
fn predecessor(dir: &Dir) -> (std::path::PathBuf, std::path::PathBuf) {
    let spec: Value = serde_json::from_str(
        &std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/predecessor_79_47.json"),
        )
        .unwrap(),
    )
    .unwrap();
    let source = util::corpus().join(spec["source"].as_str().unwrap());
    let text = std::fs::read_to_string(&source).unwrap();
    let record: Value = serde_json::from_str(&ok(unkg(
        &dir.path().join("none"),
        &["extract", source.to_str().unwrap()],
    )))
    .unwrap();
    let chars: Vec<char> = text.chars().collect();
    let operative: Vec<(usize, usize)> = record["paragraphs"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["kind"] == "operative")
        .map(|p| {
            (
                p["span"]["start"].as_u64().unwrap() as usize,
                p["span"]["end"].as_u64().unwrap() as usize,
            )
        })
        .collect();
    let dropped = spec["drop"][0].as_u64().unwrap() as usize;
    let added = &spec["add"][0];
    let after = added["after"].as_u64().unwrap() as usize;
    let reword = &spec["reword"][0];
    let reworded = reword["index"].as_u64().unwrap() as usize;
    let mut out = String::new();
    let mut at = 0;
    let mut number = 0;
    for (k, &(start, end)) in operative.iter().enumerate() {
        let k = k + 1;
        out.extend(&chars[at..start]);
        at = end;
        if k == dropped {
            continue;
        }
        number += 1;
        let own: String = chars[start..end].iter().collect();
        let (label, body) = own.split_once('.').unwrap();
        assert!(label.trim().parse::<usize>().is_ok(), "{own}");
        let mut body = body.to_string();
        if k == reworded {
            let from = reword["from"].as_str().unwrap();
            assert!(body.contains(from));
            body = body.replace(from, reword["to"].as_str().unwrap());
        }
        out.push_str(&format!("{number}.{body}"));
        if k == after {
            number += 1;
            out.push_str(&format!(
                "\n\n{number}. {}",
                added["text"].as_str().unwrap()
            ));
        }
    }
    out.extend(&chars[at..]);
    let out = out
        .replace("A/RES/79/47", "A/RES/78/27")
        .replace("79/47.", "78/27.")
        .replace("Seventy-ninth session", "Seventy-eighth session");
    let folder = dir.path().join("texts");
    std::fs::create_dir_all(&folder).unwrap();
    let before = folder.join("A_RES_78_27.txt");
    std::fs::write(&before, out).unwrap();
    let later = folder.join("A_RES_79_47.txt");
    std::fs::copy(&source, &later).unwrap();
    (before, later)
}

#[test]
fn a_predecessor_of_79_47_shows_its_one_added_one_removed_and_one_reworded_paragraph() {
    let dir = Dir::new();
    let store = dir.path().join("store");
    let (before, later) = predecessor(&dir);
    ok(unkg(
        &store,
        &[
            "ingest",
            "-q",
            before.to_str().unwrap(),
            later.to_str().unwrap(),
        ],
    ));
    let diff = diff_json(&store, "A/RES/78/27", "A/RES/79/47");
    let (unchanged, reworded, added, removed) = check(&diff);
    assert_eq!((reworded, added, removed), (1, 1, 1), "{}", diff["summary"]);
    let total = diff["after"]["paragraphs"].as_array().unwrap().len() as u64;
    assert_eq!(unchanged, total - 2);
    let id = |side: &str, i: &Value| {
        diff[side]["paragraphs"][i.as_u64().unwrap() as usize]["id"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let rows = diff["rows"].as_array().unwrap();
    let by_change = |c: &str| rows.iter().find(|r| r["change"] == c).unwrap();
    assert_eq!(id("after", &by_change("added")["after"]), "para_10");
    assert_eq!(id("before", &by_change("removed")["before"]), "para_4");
    let r = by_change("reworded");
    assert_eq!(
        (id("before", &r["before"]), id("after", &r["after"])),
        ("para_14".into(), "para_14".into())
    );
    // Renumbered paragraphs align by their text: the predecessor's 5 to 10 are 79/47's 4 to 9.
    for n in 4..=9 {
        let row = rows
            .iter()
            .find(|r| r["after"].is_u64() && id("after", &r["after"]) == format!("para_{n}"))
            .unwrap();
        assert_eq!(row["change"], "unchanged");
        assert_eq!(id("before", &row["before"]), format!("para_{}", n + 1));
    }

    // Into the graph: each paragraph says what it continues and how it changed.
    ok(unkg(
        &store,
        &["diff", "A/RES/78/27", "A/RES/79/47", "--write-back"],
    ));
    let csv = ok(unkg(
        &store,
        &[
            "query",
            "--format",
            "csv",
            "PREFIX unkg: <https://w3id.org/unkg/ontology#> SELECT ?change (COUNT(?p) AS ?n) \
             WHERE { ?p unkg:changeSince ?change } GROUP BY ?change ORDER BY ?change",
        ],
    ));
    assert_eq!(
        csv.replace('\r', ""),
        format!("change,n\nnew,1\nreworded,1\nunchanged,{}\n", total - 2)
    );
}
