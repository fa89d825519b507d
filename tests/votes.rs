//! Roll-call votes loaded from the `unvotes` tables of the shared corpus: every roll call's
//! tally in the store is the one its rows give, the 2013 high-level meeting series has its
//! votes, a second load of the same tables writes nothing, a changed row rewrites only its
//! session, and rows that cannot be placed are listed with their lines.

use crate::util::{self, Dir, ok, stdout, unkg};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn bulk(name: &str) -> PathBuf {
    util::corpus().join("bulk").join(name)
}

/// Yes, no and abstain per roll call, and the lines of vote rows naming no roll call, counted
/// from the tables themselves.
struct Expected {
    tallies: BTreeMap<String, [u64; 3]>,
    orphan_lines: Vec<u64>,
}

fn expected(votes: &Path) -> Expected {
    let roll_calls: BTreeSet<String> = csv::Reader::from_path(bulk("unvotes_roll_calls.csv"))
        .unwrap()
        .records()
        .map(|r| r.unwrap()[0].to_string())
        .collect();
    let mut tallies: BTreeMap<String, [u64; 3]> =
        roll_calls.iter().map(|r| (r.clone(), [0; 3])).collect();
    let mut orphan_lines = Vec::new();
    // The table has a header line; each record is one line.
    for (i, row) in csv::Reader::from_path(votes).unwrap().records().enumerate() {
        let row = row.unwrap();
        let Some(tally) = tallies.get_mut(&row[0]) else {
            orphan_lines.push(i as u64 + 2);
            continue;
        };
        let option = ["yes", "no", "abstain"]
            .iter()
            .position(|o| *o == &row[3])
            .unwrap_or_else(|| panic!("a vote of the table is {}", &row[3]));
        tally[option] += 1;
    }
    Expected {
        tallies,
        orphan_lines,
    }
}

/// Every roll call's (rcid, [yes, no, abstain]) as the store holds it.
fn stored_tallies(store: &Path) -> BTreeMap<String, [u64; 3]> {
    let csv = ok(unkg(
        store,
        &[
            "query",
            "--format",
            "csv",
            "PREFIX og: <http://www.w3.org/ns/opengov#> PREFIX dct: <http://purl.org/dc/terms/> \
             SELECT ?rcid ?option ?n WHERE { ?e a og:VoteEvent ; dct:identifier ?rcid ; og:count ?c . \
             ?c og:option ?option ; <http://www.w3.org/1999/02/22-rdf-syntax-ns#value> ?n }",
        ],
    ));
    let mut tallies: BTreeMap<String, [u64; 3]> = BTreeMap::new();
    for line in csv.lines().skip(1) {
        let [rcid, option, n] = <[&str; 3]>::try_from(line.split(',').collect::<Vec<_>>())
            .unwrap_or_else(|_| panic!("{line}"));
        let i = ["yes", "no", "abstain"]
            .iter()
            .position(|o| *o == option)
            .unwrap();
        tallies.entry(rcid.to_string()).or_default()[i] = n.trim().parse().unwrap();
    }
    tallies
}

fn load(store: &Path, votes: &Path) -> serde_json::Value {
    let out = ok(unkg(
        store,
        &[
            "votes",
            "load",
            bulk("unvotes_roll_calls.csv").to_str().unwrap(),
            votes.to_str().unwrap(),
            bulk("unvotes_issues.csv").to_str().unwrap(),
            "--json",
        ],
    ));
    serde_json::from_str(&out).unwrap()
}

#[test]
fn roll_calls_load_with_the_tallies_of_their_rows_once_and_again_and_changed() {
    let dir = Dir::new();
    let store = dir.path().join("store");
    let votes = bulk("unvotes_votes.csv");
    let want = expected(&votes);

    let report = load(&store, &votes);
    assert_eq!(report["roll_calls"], want.tallies.len());
    assert_eq!(stored_tallies(&store), want.tallies);
    // Votes on no roll call are listed by line, none dropped unsaid.
    let left_out: Vec<u64> = report["left_out"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["line"].as_u64().unwrap())
        .collect();
    assert_eq!(left_out, want.orphan_lines);
    assert!(!want.orphan_lines.is_empty());
    let counted: u64 = want.tallies.values().flatten().sum();
    assert_eq!(report["votes"], counted);
    // A roll call whose code names no resolution is loaded, unlinked, with its line and why.
    let not_linked = report["not_linked"].as_array().unwrap();
    let r_1_1061 = not_linked
        .iter()
        .find(|u| u["value"] == "R/1/1061A")
        .expect("R/1/1061A listed");
    assert_eq!(r_1_1061["line"], 20, "{r_1_1061}");

    // The 2013 high-level meeting series, in both code styles of the table.
    for (symbol, rcid) in [
        ("A/RES/67/39", "5198"),
        ("A/RES/68/32", "5261"),
        ("A/RES/69/58", "5340"),
        ("A/RES/70/34", "5409"),
        ("a/res/71/71", "5527"),
    ] {
        let shown: serde_json::Value =
            serde_json::from_str(&ok(unkg(&store, &["votes", symbol, "--json"]))).unwrap();
        let roll_calls = shown["roll_calls"].as_array().unwrap();
        let whole = roll_calls
            .iter()
            .find(|r| r["rcid"] == rcid)
            .unwrap_or_else(|| panic!("{symbol}: no roll call {rcid} in {shown}"));
        assert_eq!(whole["scope"], "whole", "{symbol}");
        let tally: Vec<u64> = whole["tally"]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| n.as_u64().unwrap())
            .collect();
        assert_eq!(tally, want.tallies[rcid], "{symbol}");
        assert_eq!(
            whole["votes"].as_array().unwrap().len() as u64,
            tally.iter().sum::<u64>(),
            "{symbol}: a State's vote for each one counted"
        );
    }
    let text = stdout(&unkg(&store, &["votes", "A/RES/71/71"]));
    let [yes, no, abstain] = want.tallies["5527"];
    assert!(
        text.contains(&format!("{yes} yes, {no} no, {abstain} abstentions")),
        "{text}"
    );
    assert!(text.contains("United States"), "{text}");

    // The network colours a cited resolution by the margin of its vote.
    ok(unkg(
        &store,
        &[
            "ingest",
            "-q",
            util::corpus().join("real/en").to_str().unwrap(),
        ],
    ));
    let csv = ok(unkg(&store, &["network", "--format", "csv"]));
    let header: Vec<&str> = csv.lines().next().unwrap().split(',').collect();
    let column = |name: &str| header.iter().position(|h| *h == name).unwrap();
    let (symbol_at, share_at) = (column("symbol"), column("yesShare"));
    let voted: Vec<(String, f64)> = csv
        .lines()
        .skip(1)
        .map(|l| l.split(',').collect::<Vec<_>>())
        .filter(|cells| !cells[share_at].is_empty())
        .map(|cells| {
            (
                cells[symbol_at].to_string(),
                cells[share_at].parse().unwrap(),
            )
        })
        .collect();
    assert!(voted.len() >= 5, "{csv}");
    for (symbol, share) in &voted {
        let shown: serde_json::Value =
            serde_json::from_str(&ok(unkg(&store, &["votes", symbol, "--json"]))).unwrap();
        let tally = shown["roll_calls"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|r| r["scope"] == "whole")
            .map(|r| {
                let t: Vec<f64> = r["tally"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|n| n.as_f64().unwrap())
                    .collect();
                (t[0], t.iter().sum::<f64>())
            })
            .max_by(|a, b| a.1.total_cmp(&b.1))
            .unwrap();
        assert!(
            (share - tally.0 / tally.1).abs() < 1e-4,
            "{symbol}: {share} {tally:?}"
        );
    }
    let dot = ok(unkg(
        &store,
        &["network", "--format", "dot", "--color", "vote"],
    ));
    let (symbol, _) = &voted[0];
    let line = dot
        .lines()
        .find(|l| l.contains(&format!("label=\"{symbol}\"")))
        .unwrap();
    assert!(line.contains("fillcolor=\"hsl("), "{line}");

    // Loaded again: nothing to write.
    let again = load(&store, &votes);
    assert_eq!(again["unchanged"], true, "{again}");
    assert_eq!(again["sessions_written"], 0);

    // One vote changed: its session alone is written, and the tallies follow.
    let table = std::fs::read_to_string(&votes).unwrap();
    let line = table
        .lines()
        .position(|l| l.starts_with("5527,United States,US,"))
        .unwrap();
    let changed: Vec<String> = table
        .lines()
        .enumerate()
        .map(|(i, l)| match i == line {
            true => "5527,United States,US,yes".to_string(),
            false => l.to_string(),
        })
        .collect();
    let changed_votes = dir.write("votes.csv", (changed.join("\n") + "\n").as_bytes());
    let report = load(&store, &changed_votes);
    assert_eq!(report["sessions_written"], 1, "{report}");
    let mut want = expected(&changed_votes).tallies;
    assert_eq!(want["5527"], [yes + 1, no - 1, abstain]);
    assert_eq!(stored_tallies(&store), std::mem::take(&mut want));
}
