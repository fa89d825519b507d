//! `unkg push` against real servers: a private Virtuoso on loopback (Digest authentication,
//! Debian's row cap of 10,000) and Oxigraph's own server. The Security Council corpus goes
//! over whole, is counted there and queried; then three edited files, and one removed, go
//! over as exactly the graphs that changed.

use crate::util;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

/// A server under test, stopped when dropped.
struct Server {
    gsp: String,
    query: String,
    user: Option<&'static str>,
    stop: Option<Box<dyn FnOnce()>>,
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            stop();
        }
    }
}

const PASSWORD: &str = "unkg-test-secret";

fn virtuoso(dir: &Path) -> Option<Server> {
    util::program("virtuoso-t")?;
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/interop/virtuoso.sh");
    let (http, sql) = (util::free_port(), util::free_port());
    let folder = dir.to_str().unwrap().to_string();
    let started = Command::new(&script)
        .args([
            "start",
            &folder,
            &http.to_string(),
            &sql.to_string(),
            PASSWORD,
        ])
        .status()
        .expect("run virtuoso.sh");
    assert!(started.success(), "Virtuoso did not start in {folder}");
    Some(Server {
        gsp: format!("http://127.0.0.1:{http}/sparql-graph-crud-auth"),
        query: format!("http://127.0.0.1:{http}/sparql"),
        user: Some("dba"),
        stop: Some(Box::new(move || {
            let _ = Command::new(&script)
                .args(["stop", &folder, &sql.to_string(), PASSWORD])
                .status();
        })),
    })
}

fn oxigraph(dir: &Path) -> Option<Server> {
    let program = util::program("oxigraph")?;
    let port = util::free_port();
    let mut child: Child = Command::new(program)
        .args(["serve", "--location"])
        .arg(dir)
        .args(["--bind", &format!("127.0.0.1:{port}")])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start oxigraph serve");
    let up = (0..200).any(|_| {
        std::thread::sleep(std::time::Duration::from_millis(50));
        std::net::TcpStream::connect(("127.0.0.1", port)).is_ok()
    });
    assert!(up, "oxigraph serve did not listen on port {port}");
    Some(Server {
        gsp: format!("http://127.0.0.1:{port}/store"),
        query: format!("http://127.0.0.1:{port}/query"),
        user: None,
        stop: Some(Box::new(move || {
            let _ = child.kill();
            let _ = child.wait();
        })),
    })
}

/// `unkg push` to `server`, with `extra` arguments; its output, checked for success.
fn push(store: &Path, server: &Server, extra: &[&str]) -> String {
    let mut args = vec![
        "push".to_string(),
        server.gsp.clone(),
        "--query-url".into(),
        server.query.clone(),
        "-v".into(),
    ];
    if let Some(user) = server.user {
        args.extend(["--user".into(), user.into()]);
        args.extend(["--password-env".into(), "UNKG_TEST_PASSWORD".into()]);
    }
    args.extend(extra.iter().map(|s| s.to_string()));
    let o = Command::new(env!("CARGO_BIN_EXE_unkg"))
        .arg("--store")
        .arg(store)
        .args(&args)
        .env("UNKG_TEST_PASSWORD", PASSWORD)
        .output()
        .expect("run unkg push");
    util::ok(o)
}

/// The graphs a push's output says it sent (`PUT`) or deleted (`DELETE`).
fn said(output: &str, verb: &str) -> BTreeSet<String> {
    output
        .lines()
        .filter_map(|l| l.strip_prefix(verb)?.strip_prefix('\t'))
        .map(|rest| rest.split('\t').next().unwrap().to_string())
        .collect()
}

/// The store's N-Quads export, by graph.
fn graphs(store: &Path) -> BTreeMap<String, BTreeSet<String>> {
    let nq = util::ok(util::unkg(store, &["export", "--format", "nq"]));
    let mut by_graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for line in nq.lines() {
        let line = line.trim_end_matches(" .");
        let (triple, graph) = line.rsplit_once(' ').unwrap();
        by_graph
            .entry(graph.trim_matches(['<', '>']).to_string())
            .or_default()
            .insert(triple.to_string());
    }
    by_graph
}

/// The answer of an ASK (`true`, `false`) or of a one-number SELECT on the server.
fn ask(server: &Server, query: &str) -> String {
    let o = Command::new("curl")
        .args(["-sf", "-H", "Accept: application/sparql-results+json"])
        .arg("--data-urlencode")
        .arg(format!("query={query}"))
        .arg(&server.query)
        .output()
        .expect("run curl");
    let results: serde_json::Value = serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("{}: {e}", String::from_utf8_lossy(&o.stdout)));
    match &results["boolean"] {
        serde_json::Value::Bool(b) => b.to_string(),
        _ => results["results"]["bindings"][0]["n"]["value"]
            .as_str()
            .unwrap_or("")
            .to_string(),
    }
}

/// Graphs whose triples differ between two exports, or that one of them lacks.
fn changed(
    before: &BTreeMap<String, BTreeSet<String>>,
    after: &BTreeMap<String, BTreeSet<String>>,
) -> (BTreeSet<String>, BTreeSet<String>) {
    let sent = after
        .iter()
        .filter(|(g, t)| before.get(*g) != Some(t))
        .map(|(g, _)| g.clone())
        .collect();
    let gone = before
        .keys()
        .filter(|g| !after.contains_key(*g))
        .cloned()
        .collect();
    (sent, gone)
}

fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{}: no {from:?}", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

fn push_round_trip(server: Server, work: &Path) {
    let input = work.join("in");
    std::fs::create_dir_all(&input).unwrap();
    for entry in std::fs::read_dir(util::corpus().join("raw/en")).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, input.join(path.file_name().unwrap())).unwrap();
    }
    let store = work.join("store");
    let input_arg = input.to_str().unwrap();
    util::ok(util::unkg(&store, &["ingest", "-q", input_arg]));

    // The whole store goes over, and the server counts every graph as the store does.
    let first = graphs(&store);
    let out = push(&store, &server, &[]);
    assert_eq!(said(&out, "PUT"), first.keys().cloned().collect());
    let again = push(&store, &server, &["--verify"]);
    assert!(said(&again, "PUT").is_empty(), "{again}");
    assert_eq!(
        ask(
            &server,
            "ASK { GRAPH ?g { <https://w3id.org/unkg/doc/S/RES/687(1991)> \
             <https://w3id.org/unkg/ontology#recalls> <https://w3id.org/unkg/doc/S/RES/660(1990)> } }"
        ),
        "true"
    );

    // Three edits: a new citation, a reworded paragraph, a changed word.
    let file = |name: &str| -> PathBuf { input.join(name) };
    edit(
        &file("S_RES_687_1991.txt"),
        "The Security Council,",
        "The Security Council,\n\nRecalling its resolution 1 (1946),",
    );
    edit(&file("S_RES_814_1993.txt"), "Decides", "Decides also");
    edit(&file("S_RES_454_1979.txt"), "the ", "the the ");
    util::ok(util::unkg(&store, &["ingest", "-q", input_arg]));
    let second = graphs(&store);
    let (expected, _) = changed(&first, &second);
    let out = push(&store, &server, &[]);
    assert_eq!(said(&out, "PUT"), expected);
    for symbol in ["S/RES/687(1991)", "S/RES/814(1993)", "S/RES/454(1979)"] {
        let version = format!("https://w3id.org/unkg/graph/{symbol}/eng@");
        assert!(expected.contains(&version), "{version} not sent: {out}");
    }
    assert!(
        expected
            .iter()
            .all(|g| ["687(1991)", "814(1993)", "454(1979)", "/stubs"]
                .iter()
                .any(|s| g.contains(s))),
        "graphs of other documents sent: {expected:?}"
    );

    // A file removed: its graphs go from the server.
    std::fs::remove_file(file("S_RES_455_1979.txt")).unwrap();
    util::ok(util::unkg(&store, &["ingest", "-q", input_arg]));
    let third = graphs(&store);
    let (sent, gone) = changed(&second, &third);
    let out = push(&store, &server, &["--verify"]);
    assert_eq!(said(&out, "DELETE"), gone);
    assert_eq!(said(&out, "PUT"), sent);
    let version = "https://w3id.org/unkg/graph/S/RES/455(1979)/eng@";
    assert!(gone.contains(version), "{gone:?}");
    assert_eq!(
        ask(
            &server,
            &format!("SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{version}> {{ ?s ?p ?o }} }}")
        ),
        "0"
    );
}

#[test]
fn the_corpus_goes_to_virtuoso_and_then_only_what_changed() {
    let work = util::Dir::new();
    if let Some(server) = virtuoso(&work.path().join("virtuoso")) {
        push_round_trip(server, work.path());
    }
}

#[test]
fn the_corpus_goes_to_oxigraphs_server_and_then_only_what_changed() {
    let work = util::Dir::new();
    if let Some(server) = oxigraph(&work.path().join("oxigraph")) {
        push_round_trip(server, work.path());
    }
}

#[test]
fn a_dry_run_sends_nothing_and_a_wrong_password_is_named() {
    let work = util::Dir::new();
    let Some(server) = virtuoso(&work.path().join("virtuoso")) else {
        return;
    };
    let store = work.path().join("store");
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    util::ok(util::unkg(
        &store,
        &["ingest", "-q", examples.to_str().unwrap()],
    ));
    let dry = util::ok(util::unkg(&store, &["push", &server.gsp, "--dry-run"]));
    assert_eq!(said(&dry, "PUT").len(), graphs(&store).len());
    let o = Command::new(env!("CARGO_BIN_EXE_unkg"))
        .arg("--store")
        .arg(&store)
        .args([
            "push",
            &server.gsp,
            "--user",
            "dba",
            "--password-env",
            "WRONG",
        ])
        .env("WRONG", "not-the-password")
        .output()
        .unwrap();
    assert!(!o.status.success());
    let err = util::stderr(&o);
    assert!(err.contains("401") && err.contains("\"dba\""), "{err}");
    // Nothing was sent: the dry run and the refused push leave everything to send.
    let dry = util::ok(util::unkg(&store, &["push", &server.gsp, "--dry-run"]));
    assert_eq!(said(&dry, "PUT").len(), graphs(&store).len());
}
