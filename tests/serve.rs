//! The SPARQL endpoint and pages over real HTTP on loopback, with a real client (oxhttp's): every
//! protocol form, content negotiation, CORS, errors, the timeout, read-only refusal, a bounded
//! load test, and the query page in headless Chromium.

use crate::util::{self, Dir, ok, unkg};
use std::path::Path;
use std::process::{Child, Command};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// A store with the Security Council corpus and the six versions of 79/47, made once.
fn store() -> std::path::PathBuf {
    static STORE: OnceLock<Dir> = OnceLock::new();
    let dir = STORE.get_or_init(|| {
        let dir = Dir::new();
        util::ingest_corpus(&dir.path().join("store"));
        dir
    });
    dir.path().join("store")
}

/// A running `unkg serve`, stopped when dropped. It serves a copy of the store it is given,
/// because a server owns its store: tests running at once cannot share one.
struct Server {
    child: Child,
    base: String,
    /// The folder of the copy served.
    store: std::path::PathBuf,
    _copy: Dir,
}

/// Copies a folder (a store: files, maybe sub-folders).
fn copy_folder(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_folder(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

impl Server {
    fn start(original: &std::path::Path, extra: &[&str]) -> Server {
        let copy = Dir::new();
        let store = copy.path().join("store");
        copy_folder(original, &store);
        // The free port found may be taken by another test before the server binds it: then
        // the server stops at once, and another port is tried.
        for _ in 0..5 {
            let port = std::net::TcpListener::bind("127.0.0.1:0")
                .unwrap()
                .local_addr()
                .unwrap()
                .port();
            let bind = format!("127.0.0.1:{port}");
            let mut child = Command::new(env!("CARGO_BIN_EXE_unkg"))
                .arg("--store")
                .arg(&store)
                .args(["serve", "--bind", &bind])
                .args(extra)
                .spawn()
                .expect("start unkg serve");
            let started = Instant::now();
            let mut stopped = false;
            while std::net::TcpStream::connect(&bind).is_err() {
                if child.try_wait().unwrap().is_some() {
                    stopped = true;
                    break;
                }
                // A slow start on a machine busy with the other tests is waited for.
                assert!(
                    started.elapsed() < Duration::from_secs(90),
                    "unkg serve did not start listening on {bind}"
                );
                std::thread::sleep(Duration::from_millis(50));
            }
            if stopped {
                continue;
            }
            return Server {
                child,
                base: format!("http://{bind}"),
                store,
                _copy: copy,
            };
        }
        panic!("unkg serve stopped before listening, five times");
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

const COUNT_79_47: &str = "PREFIX unkg: <https://w3id.org/unkg/ontology#> SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE { ?w unkg:symbol \"A/RES/79/47\" ; unkg:cites ?x }";

/// An answer: status, headers and body.
struct Reply {
    status: u16,
    headers: oxhttp::model::HeaderMap,
    body: String,
}

impl Reply {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }
    fn content_type(&self) -> &str {
        self.header("content-type").unwrap_or("")
    }
}

/// Percent-encodes a query string or form value.
fn encode(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

fn form(pairs: &[(&str, &str)]) -> String {
    pairs
        .iter()
        .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
        .collect::<Vec<_>>()
        .join("&")
}

/// One HTTP request with the oxhttp client.
fn call(
    client: &oxhttp::Client,
    method: &str,
    url: &str,
    headers: &[(&str, &str)],
    body: Option<&str>,
) -> Reply {
    let mut request = oxhttp::model::Request::builder().method(method).uri(url);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let request = request
        .body(oxhttp::model::Body::from(body.unwrap_or("").to_string()))
        .unwrap();
    let response = client
        .request(request)
        .unwrap_or_else(|e| panic!("{method} {url}: {e}"));
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    let body = response.into_body().to_string().unwrap();
    Reply {
        status,
        headers,
        body,
    }
}

/// A form POST as a browser page would send it, with its `Origin`; the status answered.
fn raw_post(base: &str, path: &str, origin: &str, body: &str) -> u16 {
    let host = base.trim_start_matches("http://");
    raw_request(base, "POST", path, host, origin, body).0
}

/// A request sent as written, with this Host and Origin: (status, body).
fn raw_request(
    base: &str,
    method: &str,
    path: &str,
    host: &str,
    origin: &str,
    body: &str,
) -> (u16, String) {
    use std::io::{Read, Write};
    let address = base.trim_start_matches("http://");
    let mut stream = std::net::TcpStream::connect(address).unwrap();
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: {host}\r\nOrigin: {origin}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut answer = String::new();
    let _ = stream.read_to_string(&mut answer);
    let status = answer
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let body = answer
        .split_once("\r\n\r\n")
        .map_or("", |(_, b)| b)
        .to_string();
    (status, body)
}

fn get(url: &str, params: &[(&str, &str)], accept: &str) -> Reply {
    let url = if params.is_empty() {
        url.to_string()
    } else {
        format!("{url}?{}", form(params))
    };
    call(
        &oxhttp::Client::new(),
        "GET",
        &url,
        &[("Accept", accept)],
        None,
    )
}

fn post(url: &str, content_type: &str, accept: &str, body: &str) -> Reply {
    call(
        &oxhttp::Client::new(),
        "POST",
        url,
        &[("Content-Type", content_type), ("Accept", accept)],
        Some(body),
    )
}

#[test]
fn sparql_protocol_forms_formats_and_errors() {
    let server = Server::start(&store(), &["--cors", "--timeout", "2"]);
    let query = format!("{}/query", server.base);
    let form_type = "application/x-www-form-urlencoded";
    // YASGUI's request: a POST form, JSON preferred.
    let r = post(
        &query,
        form_type,
        "application/sparql-results+json,*/*;q=0.9",
        &form(&[("query", COUNT_79_47)]),
    );
    assert_eq!(
        (r.status, r.content_type()),
        (200, "application/sparql-results+json"),
        "{}",
        r.body
    );
    assert!(r.header("access-control-allow-origin").is_some());
    let json: serde_json::Value = serde_json::from_str(&r.body).unwrap();
    assert_eq!(json["results"]["bindings"][0]["n"]["value"], "13");
    // curl's GET.
    let r = get(&query, &[("query", COUNT_79_47)], "text/csv");
    assert_eq!((r.status, r.body.trim()), (200, "n\r\n13"));
    // POST application/sparql-query, XML and TSV.
    let r = post(
        &format!("{}/sparql", server.base),
        "application/sparql-query",
        "application/sparql-results+xml",
        COUNT_79_47,
    );
    assert!(
        r.body.contains(
            "<literal datatype=\"http://www.w3.org/2001/XMLSchema#integer\">13</literal>"
        ),
        "{}",
        r.body
    );
    let r = get(
        &query,
        &[("query", COUNT_79_47)],
        "text/tab-separated-values",
    );
    assert!(r.body.starts_with("?n\n13"), "{}", r.body);
    // CONSTRUCT in the RDF formats.
    let construct = "PREFIX unkg: <https://w3id.org/unkg/ontology#> CONSTRUCT { ?w unkg:cites ?x } WHERE { ?w unkg:symbol \"A/RES/79/47\" ; unkg:cites ?x }";
    for (accept, marker) in [
        ("text/turtle", "unkg:cites"),
        (
            "application/n-triples",
            "<https://w3id.org/unkg/ontology#cites>",
        ),
        ("application/ld+json", "\"@id\""),
        ("application/rdf+xml", "rdf:RDF"),
    ] {
        let r = get(&query, &[("query", construct)], accept);
        assert_eq!(r.content_type(), accept);
        assert!(r.body.contains(marker), "{accept}: {}", r.body);
    }
    // The dataset: default-graph-uri names the graphs to query.
    let graph = "https://w3id.org/unkg/graph/A/RES/79/47/fra@";
    let r = get(
        &query,
        &[
            (
                "query",
                "SELECT (COUNT(*) AS ?n) WHERE { ?s <https://w3id.org/unkg/ontology#language> ?l }",
            ),
            ("default-graph-uri", graph),
        ],
        "text/csv",
    );
    assert_eq!(r.body.trim(), "n\r\n1");
    // Errors: a malformed query, an unacceptable format, a wrong content type.
    let r = get(&query, &[("query", "SELECT WHERE {")], "*/*");
    assert_eq!(r.status, 400);
    assert!(r.body.contains("SPARQL syntax error"), "{}", r.body);
    assert_eq!(
        get(&query, &[("query", COUNT_79_47)], "image/png").status,
        406
    );
    assert_eq!(post(&query, "text/plain", "*/*", COUNT_79_47).status, 415);
    // Read-only: updates are refused.
    let r = post(
        &format!("{}/update", server.base),
        form_type,
        "*/*",
        &form(&[("update", "CLEAR ALL")]),
    );
    assert_eq!(r.status, 403, "{}", r.body);
    // CORS preflight.
    let r = call(
        &oxhttp::Client::new(),
        "OPTIONS",
        &query,
        &[
            ("Origin", "http://example.org"),
            ("Access-Control-Request-Method", "POST"),
        ],
        None,
    );
    assert_eq!(r.status, 204);
    assert!(r.header("allow").unwrap().contains("POST"));
    assert!(
        r.header("access-control-allow-headers")
            .unwrap()
            .contains("Content-Type")
    );
    assert_eq!(r.header("access-control-allow-origin"), Some("*"));
    // A service description without a query.
    let r = get(&query, &[], "text/turtle");
    assert_eq!(r.status, 200);
    assert!(r.body.contains("sd:Service"));
    // The timeout cancels a query that would run for minutes.
    let slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }";
    let started = Instant::now();
    let r = get(&query, &[("query", slow)], "*/*");
    assert_eq!(r.status, 503, "{}", r.body);
    assert!(r.body.contains("timeout"), "{}", r.body);
    assert!(started.elapsed() < Duration::from_secs(20));
}

#[test]
fn pages_show_resolutions_both_ways_and_updates_work_when_allowed() {
    let server = Server::start(&store(), &[]);
    let page = get(
        &format!("{}/resolution/A/RES/79/47", server.base),
        &[],
        "text/html",
    )
    .body;
    assert!(page.contains("<h2>Cites (13)</h2>"), "{page:.3000}");
    assert!(page.contains(r#"<a href="/resolution/A/RES/67/39">A/RES/67/39</a>"#));
    assert!(page.contains("https://undocs.org/zh/A/RES/79/47"));
    assert!(
        page.contains("<mark>"),
        "facts are marked in the paragraphs"
    );
    let council = get(
        &format!("{}/resolution/S/RES/660%20(1990)", server.base),
        &[],
        "text/html",
    )
    .body;
    assert!(council.contains("Cited by ("), "{council:.2000}");
    assert!(council.contains("S/RES/687 (1991)"));
    assert_eq!(
        get(
            &format!("{}/resolution/S/RES/99999%20(2099)", server.base),
            &[],
            "text/html"
        )
        .status,
        404
    );
    let network = get(&format!("{}/network", server.base), &[], "text/html").body;
    assert!(network.contains("const NETWORK = "));
    drop(server);

    // A writable store of its own accepts updates with --allow-update.
    let dir = Dir::new();
    let store = dir.path().join("store");
    ok(unkg(
        &store,
        &[
            "ingest",
            "-q",
            &format!("{}/examples", env!("CARGO_MANIFEST_DIR")),
        ],
    ));
    let server = Server::start(&store, &["--allow-update"]);
    let r = post(
        &format!("{}/update", server.base),
        "application/sparql-update",
        "*/*",
        "INSERT DATA { GRAPH <http://example.org/g> { <http://example.org/a> <http://example.org/b> \"c\" } }",
    );
    assert_eq!(r.status, 204, "{}", r.body);
    let r = get(
        &format!("{}/query", server.base),
        &[("query", "ASK { <http://example.org/a> ?p ?o }")],
        "text/csv",
    );
    assert!(r.body.contains("true"), "{}", r.body);

    // Updates come by POST from this server's own pages only: not by GET (an <img> could
    // send one), not from a page of another origin (a form could post one).
    let update = format!("{}/update", server.base);
    let r = get(&update, &[("update", "DROP ALL")], "*/*");
    assert_eq!(r.status, 405, "{}", r.body);
    // Browsers send Origin, which HTTP client libraries refuse to set: plain requests here.
    let drop_all = form(&[("update", "DROP ALL")]);
    let status = raw_post(&server.base, "/update", "https://evil.example", &drop_all);
    assert_eq!(status, 403);
    let insert = form(&[(
        "update",
        "INSERT DATA { <http://example.org/x> <http://example.org/y> 1 }",
    )]);
    let status = raw_post(&server.base, "/update", &server.base, &insert);
    assert_eq!(status, 204);
    let r = get(
        &format!("{}/query", server.base),
        &[("query", "ASK { <http://example.org/a> ?p ?o }")],
        "text/csv",
    );
    assert!(r.body.contains("true"), "the store is whole: {}", r.body);
}

#[test]
fn abusive_requests_are_refused_and_the_server_stays_up() {
    let server = Server::start(&store(), &[]);
    let query = format!("{}/query", server.base);
    // 5,000 nested groups, and 5,000 UNION branches: 400, not a stack overflow.
    let deep = format!(
        "SELECT * WHERE {}?s ?p ?o{}",
        "{".repeat(5000),
        "}".repeat(5000)
    );
    let r = post(&query, "application/sparql-query", "*/*", &deep);
    assert_eq!(r.status, 400, "{}", r.body);
    let union = format!(
        "SELECT * WHERE {{ {} }}",
        vec!["{ ?s ?p ?o }"; 5000].join(" UNION ")
    );
    let r = post(&query, "application/sparql-query", "*/*", &union);
    assert_eq!(r.status, 400, "{}", r.body);
    // Chains without brackets, each of which overflowed the engine's stack: 400 each, and
    // an honest query still answers after them.
    let chains = [
        format!("SELECT ({} AS ?x) {{}}", vec!["1"; 5000].join("+")),
        format!("ASK {{ FILTER({}) }}", vec!["true"; 3000].join(" && ")),
        format!(
            "SELECT * {{ {} }}",
            (0..5000)
                .map(|i| format!("BIND({i} AS ?v{i})"))
                .collect::<Vec<_>>()
                .join(" ")
        ),
        format!("ASK {{ ?s {} ?o }}", vec!["<http://x/p>"; 5000].join("/")),
        format!(
            "ASK {{ {} }}",
            (0..20_000)
                .map(|i| format!("?s{i} <http://x/p> ?o{i}"))
                .collect::<Vec<_>>()
                .join(" . ")
        ),
        format!("ASK {{ FILTER({}true) }}", "!".repeat(100_000)),
    ];
    for chain in &chains {
        let r = post(&query, "application/sparql-query", "*/*", chain);
        assert_eq!(r.status, 400, "{}", r.body);
        assert!(r.body.contains("the limit is"), "{}", r.body);
    }
    let r = get(&query, &[("query", COUNT_79_47)], "text/csv");
    assert_eq!(r.status, 200, "{}", r.body);
    // Below the limit, a long chain runs: the engine's threads have the stack for it.
    let binds = format!(
        "SELECT (COUNT(*) AS ?n) {{ {} }}",
        (0..1500)
            .map(|i| format!("BIND({i} AS ?v{i})"))
            .collect::<Vec<_>>()
            .join(" ")
    );
    let r = post(&query, "application/sparql-query", "text/csv", &binds);
    assert_eq!(r.status, 200, "{}", r.body);
    // A body over the limit is refused whole.
    let huge = format!("ASK {{}} #{}", "x".repeat(17 << 20));
    let r = post(&query, "application/sparql-query", "*/*", &huge);
    assert_eq!(r.status, 413, "{}", r.body.len());
    // rdflib's SPARQLStore asks every query for JSON results: a graph comes as JSON-LD.
    let r = get(
        &query,
        &[("query", "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 3")],
        "application/sparql-results+json",
    );
    assert_eq!(r.status, 200, "{}", r.body);
    assert!(r.content_type().contains("ld+json"), "{}", r.content_type());
    // The network page is computed once for the store and served again as it was.
    let first = get(&format!("{}/network", server.base), &[], "text/html");
    let again = get(&format!("{}/network", server.base), &[], "text/html");
    assert_eq!((first.status, &first.body), (200, &again.body));
    // Still answering.
    let r = get(&query, &[("query", "ASK { ?s ?p ?o }")], "text/csv");
    assert_eq!(r.status, 200);
    assert!(r.body.contains("true"));
}

const COUNT_INGESTED: &str = "PREFIX unkg: <https://w3id.org/unkg/ontology#> SELECT (COUNT(DISTINCT ?r) AS ?n) WHERE { ?r a unkg:Resolution ; unkg:ingested true }";

/// The number a one-cell CSV answer holds.
fn count(base: &str, query: &str) -> usize {
    let r = get(&format!("{base}/query"), &[("query", query)], "text/csv");
    assert_eq!(r.status, 200, "{}", r.body);
    r.body
        .lines()
        .nth(1)
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("not a count: {}", r.body))
}

#[test]
fn a_served_store_takes_ingests_and_answers_with_them_at_once() {
    let dir = Dir::new();
    let store = dir.path().join("store");
    let examples = format!("{}/examples", env!("CARGO_MANIFEST_DIR"));
    ok(unkg(&store, &["ingest", "-q", &examples]));
    let server = Server::start(&store, &["--allow-update"]);

    // The server owns its store: a command that opens the folder is told where to go.
    let refused = unkg(&server.store, &["ingest", "-q", &examples]);
    assert!(!refused.status.success());
    assert!(
        util::stderr(&refused).contains(&format!("unkg ingest --endpoint {}/", server.base)),
        "{}",
        util::stderr(&refused)
    );
    let refused = unkg(&server.store, &["query", "ASK { ?s ?p ?o }"]);
    assert!(
        util::stderr(&refused).contains("served by `unkg serve`"),
        "{}",
        util::stderr(&refused)
    );

    // Twenty Security Council resolutions go in through the endpoint, and queries see them
    // without a restart.
    let new = Dir::new();
    let mut names: Vec<_> = std::fs::read_dir(util::corpus().join("raw/en"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.starts_with("S_RES_"))
        .collect();
    names.sort();
    for name in &names[..20] {
        std::fs::copy(
            util::corpus().join("raw/en").join(name),
            new.path().join(name),
        )
        .unwrap();
    }
    let before = count(&server.base, COUNT_INGESTED);
    let first_network = get(&format!("{}/network", server.base), &[], "text/html").body;
    let folder = new.path().to_str().unwrap();
    let through = |args: &[&str]| {
        let mut all = vec!["ingest", "--endpoint", &server.base];
        all.extend_from_slice(args);
        unkg(&server.store, &all)
    };
    let o = through(&[folder]);
    assert!(o.status.success(), "{}", util::stderr(&o));
    assert_eq!(count(&server.base, COUNT_INGESTED), before + 20);
    let network = get(&format!("{}/network", server.base), &[], "text/html").body;
    assert_ne!(network, first_network, "the network page follows the store");

    // Again with one file changed and one gone: one document written, one removed, the rest
    // not even read.
    let gone = &names[0];
    std::fs::remove_file(new.path().join(gone)).unwrap();
    let changed = new.path().join(&names[1]);
    let text = std::fs::read_to_string(&changed).unwrap();
    std::fs::write(&changed, format!("{text}\n")).unwrap();
    let o = through(&[folder]);
    assert!(o.status.success(), "{}", util::stderr(&o));
    assert!(
        util::stderr(&o).contains("ingested 1 documents")
            && util::stderr(&o).contains("18 unchanged, 1 removed"),
        "{}",
        util::stderr(&o)
    );
    assert_eq!(count(&server.base, COUNT_INGESTED), before + 19);

    // A read-only server takes no ingest.
    let read_only = Server::start(&store, &[]);
    let o = unkg(
        &read_only.store,
        &["ingest", "--endpoint", &read_only.base, folder],
    );
    assert!(!o.status.success());
    assert!(
        util::stderr(&o).contains("read-only"),
        "{}",
        util::stderr(&o)
    );
}

/// CPU seconds used so far by a process and its children (`unkg serve` and its query
/// engine), from Linux `/proc`.
fn cpu_seconds(pid: u32) -> f64 {
    // Fields after the command name, which is in parentheses: ppid is 2, utime and stime 12
    // and 13 (counting from 0 after the name).
    let fields = |stat: &str| -> Vec<String> {
        stat.rsplit_once(')')
            .map(|(_, rest)| rest.split_whitespace().map(str::to_string).collect())
            .unwrap_or_default()
    };
    let mut ticks = 0.0;
    for entry in std::fs::read_dir("/proc").unwrap().flatten() {
        let Ok(stat) = std::fs::read_to_string(entry.path().join("stat")) else {
            continue;
        };
        let f = fields(&stat);
        let own = entry.file_name().to_str() == Some(&pid.to_string());
        if f.len() > 13 && (own || f[1] == pid.to_string()) {
            ticks += f[11].parse::<f64>().unwrap_or(0.0) + f[12].parse::<f64>().unwrap_or(0.0);
        }
    }
    ticks / 100.0
}

#[test]
fn sixty_four_clients_get_every_answer_right_beside_idle_connections_and_a_runaway_query() {
    let server = Server::start(&store(), &["--timeout", "2"]);
    let query = format!("{}/query", server.base);
    let host = server.base.trim_start_matches("http://").to_string();
    // Two hundred connections that say nothing hold no capacity the clients need.
    let idle: Vec<std::net::TcpStream> = (0..200)
        .map(|_| std::net::TcpStream::connect(&host).unwrap())
        .collect();
    let (clients, each) = (64, 50);
    let started = Instant::now();
    let latencies: Vec<Duration> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..clients)
            .map(|c| {
                let query = query.clone();
                scope.spawn(move || {
                    let client = oxhttp::Client::new().with_global_timeout(Duration::from_secs(60));
                    let mut latencies = Vec::new();
                    for i in 0..each {
                        // Alternate between two queries with known answers.
                        let (q, want) = if (c + i) % 2 == 0 {
                            (COUNT_79_47, "13")
                        } else {
                            ("ASK { ?s ?p ?o }", "true")
                        };
                        let t = Instant::now();
                        let r = call(
                            &client,
                            "GET",
                            &format!("{query}?{}", form(&[("query", q)])),
                            &[("Accept", "text/csv")],
                            None,
                        );
                        latencies.push(t.elapsed());
                        assert!(
                            r.status == 200 && r.body.trim_end().ends_with(want),
                            "client {c}, query {i}: {} {}",
                            r.status,
                            r.body
                        );
                    }
                    latencies
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap())
            .collect()
    });
    let elapsed = started.elapsed();
    let mut sorted = latencies.clone();
    sorted.sort();
    let total = latencies.len();
    assert_eq!(total, clients * each);
    eprintln!(
        "load test: {total} queries from {clients} clients beside {} idle connections in {:.2} s = {:.0} queries/s; latency p50 {:.1} ms, p99 {:.1} ms, 0 errors",
        idle.len(),
        elapsed.as_secs_f64(),
        total as f64 / elapsed.as_secs_f64(),
        sorted[total / 2].as_secs_f64() * 1000.0,
        sorted[total * 99 / 100].as_secs_f64() * 1000.0
    );
    drop(idle);

    // A query that would count for hours (a three-way cross join, no row before the end) is
    // cut at the timeout, and its evaluation stops: the server's CPU is free again.
    let runaway = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }";
    let r = get(&query, &[("query", runaway)], "text/csv");
    assert_eq!(r.status, 503, "{}", r.body);
    std::thread::sleep(Duration::from_secs(1));
    let pid = server.child.id();
    let (before, t) = (cpu_seconds(pid), Instant::now());
    std::thread::sleep(Duration::from_secs(1));
    let used = (cpu_seconds(pid) - before) / t.elapsed().as_secs_f64();
    assert!(
        used < 0.2,
        "the server still uses {:.0}% of a core after the timeout",
        used * 100.0
    );
    let r = get(&query, &[("query", "ASK { ?s ?p ?o }")], "text/csv");
    assert!(r.status == 200 && r.body.contains("true"));
}

#[test]
fn clients_sending_a_byte_a_second_take_no_capacity_from_honest_queries() {
    use std::io::{Read, Write};
    let server = Server::start(&store(), &[]);
    let host = server.base.trim_start_matches("http://").to_string();
    // More slow clients than the server has threads (640 took them all before), each
    // dripping a request head a byte a second.
    let mut slow: Vec<std::net::TcpStream> = (0..700)
        .map(|_| std::net::TcpStream::connect(&host).unwrap())
        .collect();
    let started = Instant::now();
    let head = b"GET /query?query=ASK%7B%7D HTTP/1.1\r\nHost: x\r\nX-Slow: ";
    for second in 0..4 {
        for s in &mut slow {
            let _ = s.write_all(&head[second..second + 1]);
        }
        // Meanwhile, honest queries get their answers at once.
        let t = Instant::now();
        let r = get(
            &format!("{}/query", server.base),
            &[("query", COUNT_79_47)],
            "text/csv",
        );
        assert!(
            r.status == 200 && r.body.trim_end().ends_with("13"),
            "{} {}",
            r.status,
            r.body
        );
        assert!(
            t.elapsed() < Duration::from_secs(3),
            "an honest query waited {:?} beside slow clients",
            t.elapsed()
        );
        std::thread::sleep(Duration::from_secs(1).saturating_sub(t.elapsed()));
    }
    // However slowly a client keeps sending, its head must be in within ten seconds.
    let mut answer = String::new();
    let mut slowest = slow.pop().unwrap();
    slowest
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    let _ = slowest.read_to_string(&mut answer);
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
    assert!(
        started.elapsed() < Duration::from_secs(15),
        "a slow client was cut after {:?}",
        started.elapsed()
    );
}

#[test]
fn sparqlwrapper_and_rdflib_get_select_ask_and_construct_answers() {
    let Some(python) = util::python_with(&["SPARQLWrapper", "rdflib"]) else {
        return;
    };
    let server = Server::start(&store(), &[]);
    let script = format!(
        "{}/tests/clients/sparql_clients.py",
        env!("CARGO_MANIFEST_DIR")
    );
    let o = Command::new(python)
        .arg(script)
        .arg(&server.base)
        .output()
        .unwrap();
    let report = util::stdout(&o);
    eprint!("{report}");
    assert!(o.status.success(), "{report}\n{}", util::stderr(&o));
    assert_eq!(
        report.lines().filter(|l| l.starts_with("ok ")).count(),
        8,
        "{report}"
    );
}

#[test]
fn json_ld_expands_with_pyld_to_exactly_the_stores_quads_and_its_context_is_served() {
    let Some(python) = util::python_with(&["pyld", "rdflib"]) else {
        return;
    };
    let out = Dir::new();
    let (jsonld, nq) = (out.path().join("all.jsonld"), out.path().join("all.nq"));
    for (format, file) in [("jsonld", &jsonld), ("nq", &nq)] {
        ok(unkg(
            &store(),
            &["export", "--format", format, "-o", file.to_str().unwrap()],
        ));
    }
    let compact = std::fs::read_to_string(&jsonld).unwrap();
    assert!(
        compact.contains(r#""symbol":"A/RES/79/47""#) && compact.contains(r#""cites":["#),
        "keys are the context's short terms"
    );
    let script = format!(
        "{}/tests/interop/jsonld_check.py",
        env!("CARGO_MANIFEST_DIR")
    );
    let o = Command::new(python)
        .arg(script)
        .arg(&jsonld)
        .arg(&nq)
        .output()
        .unwrap();
    assert!(
        o.status.success(),
        "{}\n{}",
        util::stdout(&o),
        util::stderr(&o)
    );

    let server = Server::start(&store(), &[]);
    let served = get(&format!("{}/context.jsonld", server.base), &[], "*/*");
    assert_eq!(served.content_type(), "application/ld+json");
    let shipped = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/ontology/context.jsonld"
    ))
    .unwrap();
    assert_eq!(served.body, shipped);
}

/// Whether this build embeds YASGUI: `scripts/build-deps` fetched it before the build.
fn yasgui_embedded() -> bool {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("web/node_modules/@zazuko/yasgui/build/yasgui.min.js")
        .is_file()
}

#[test]
fn the_query_page_runs_a_query_and_shows_rows_in_chromium() {
    let server = Server::start(&store(), &[]);
    let page = get(&format!("{}/", server.base), &[], "text/html");
    // The named queries say what they answer; how they are computed stays in their comments.
    let list = page.body.split("<ul id=\"named\">").nth(1).unwrap();
    let list = list.split("</ul>").next().unwrap();
    assert!(list.contains("The most-cited resolutions"), "{list}");
    assert!(
        !list.contains("0.8 s") && !list.contains("the 25th highest count"),
        "{list}"
    );
    let script = get(&format!("{}/yasgui/yasgui.min.js", server.base), &[], "*/*");
    if yasgui_embedded() {
        assert_eq!(script.status, 200);
        assert!(page.body.contains("/yasgui/yasgui.min.js"));
        assert!(
            page.body.contains("PREFIX cito:"),
            "the data's prefixes come preloaded"
        );
    } else {
        assert_eq!(script.status, 404);
        assert!(
            page.body.contains("scripts/build-deps"),
            "the page says how to get YASGUI"
        );
    }
    // The page loads from this server alone (Chromium here has no network) and runs a query.
    let Some((dom, log)) = util::headless_dom(&format!("{}/#run", server.base)) else {
        return;
    };
    let rows = util::data_number(&dom, "rows");
    assert!(rows > 0, "no rows shown:\n{dom:.3000}\n{log}");
    if yasgui_embedded() {
        assert!(dom.contains("class=\"yasr"), "{dom:.3000}");
        assert!(dom.contains("S/RES/"), "{dom:.3000}");
    } else {
        assert!(dom.contains("<table>"), "{dom:.3000}");
    }
}

#[test]
fn a_stored_javascript_iri_is_shown_as_text_not_as_a_link() {
    let dir = Dir::new();
    let original = dir.path().join("store");
    let examples = concat!(env!("CARGO_MANIFEST_DIR"), "/examples");
    ok(unkg(&original, &["ingest", "-q", examples]));
    let store = unkg::store::Store::open(&original).unwrap();
    store
        .update(
            "INSERT DATA { GRAPH <https://w3id.org/unkg/graph/x> { \
             <https://w3id.org/unkg/doc/A/RES/80/12> <http://www.w3.org/2000/01/rdf-schema#seeAlso> <javascript:alert(1)> , <https://example.org/page> } }",
        )
        .unwrap();
    drop(store);
    let server = Server::start(&original, &[]);
    let query =
        "SELECT ?o WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#seeAlso> ?o } ORDER BY ?o";
    let url = format!(
        "{}/?query={}#run",
        server.base,
        query
            .replace(' ', "%20")
            .replace('#', "%23")
            .replace('<', "%3C")
            .replace('>', "%3E")
            .replace('?', "%3F")
            .replace('{', "%7B")
            .replace('}', "%7D")
    );
    let Some((dom, log)) = util::headless_dom(&url) else {
        return;
    };
    assert!(util::data_number(&dom, "rows") >= 2, "{dom:.3000}\n{log}");
    assert!(dom.contains("javascript:alert(1)"), "{dom:.3000}");
    assert!(!dom.contains("href=\"javascript:"), "{dom:.3000}");
    assert!(
        dom.contains("href=\"https://example.org/page\""),
        "{dom:.3000}"
    );
}

#[test]
fn a_name_rebound_to_the_server_reaches_nothing_and_the_description_names_the_public_port() {
    let server = Server::start(
        &store(),
        &["--allow-update", "--allowed-host", "unkg.example"],
    );
    let port = server.base.rsplit(':').next().unwrap().to_string();
    let evil = format!("evil.example:{port}");
    let origin = format!("http://{evil}");
    let insert = form(&[(
        "update",
        "INSERT DATA { <https://evil.example/s> <https://evil.example/p> \"rebound\" }",
    )]);
    // A form posted by a page whose name now resolves here (a CORS simple request).
    let (status, body) = raw_request(&server.base, "POST", "/update", &evil, &origin, &insert);
    assert_eq!(status, 403, "{body}");
    assert!(body.contains("--allowed-host evil.example"), "{body}");
    let (status, _) = raw_request(&server.base, "GET", "/ingest", &evil, &origin, "");
    assert_eq!(status, 403);
    let (status, _) = raw_request(
        &server.base,
        "GET",
        "/query?query=ASK%7B%7D",
        &evil,
        &origin,
        "",
    );
    assert_eq!(status, 403);
    let ask = "ASK { <https://evil.example/s> ?p ?o }";
    let r = get(
        &format!("{}/query", server.base),
        &[("query", ask)],
        "application/sparql-results+json",
    );
    assert!(r.body.contains("false"), "{}", r.body);
    // A name given with --allowed-host, localhost and the address itself are this server.
    for host in [format!("unkg.example:{port}"), format!("localhost:{port}")] {
        let (status, body) =
            raw_request(&server.base, "GET", "/query?query=ASK%7B%7D", &host, "", "");
        assert_eq!(status, 200, "{host}: {body}");
    }
    // The service description names the endpoint the client asked, not the engine's port.
    let description = get(&format!("{}/query", server.base), &[], "text/turtle");
    assert!(
        description
            .body
            .contains(&format!("<{}/query>", server.base)),
        "{}",
        description.body
    );
}

#[test]
fn the_datas_iris_resolve_to_a_page_or_to_rdf_from_the_same_url() {
    let server = Server::start(&store(), &[]);
    let url = format!("{}/doc/A/RES/79/47", server.base);
    let page = get(&url, &[], "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8");
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(page.content_type().starts_with("text/html"));
    assert_eq!(page.header("vary"), Some("Accept"));
    assert!(
        page.body.contains("?format=turtle"),
        "the page links its RDF forms"
    );
    let turtle = get(&url, &[], "text/turtle");
    assert_eq!((turtle.status, turtle.content_type()), (200, "text/turtle"));
    assert!(turtle.body.contains("\"A/RES/79/47\""), "{}", turtle.body);
    assert_eq!(turtle.header("vary"), Some("Accept"));
    // A paragraph's IRI has a fragment: its document is the work's "!main".
    let paragraphs = get(&format!("{url}/!main"), &[("format", "nt")], "*/*");
    assert!(
        paragraphs.body.contains("/A/RES/79/47/!main#para_1> "),
        "{}",
        paragraphs.body
    );
    let body = get(
        &format!("{}/body/un-sc", server.base),
        &[],
        "application/n-triples",
    );
    assert!(body.body.contains("Security Council"), "{}", body.body);
    for accept in ["text/html", "text/turtle"] {
        let missing = get(&format!("{}/doc/A/RES/1/1", server.base), &[], accept);
        assert_eq!(missing.status, 404, "{accept}");
    }
    // A linked-data client follows the IRI with content negotiation.
    let Some(python) = util::python_with(&["rdflib"]) else {
        return;
    };
    let o = Command::new(python)
        .args([
            "-c",
            "import rdflib, sys; g = rdflib.Graph(); g.parse(sys.argv[1]); \
             print(len(g), g.value(rdflib.URIRef('https://w3id.org/unkg/doc/A/RES/79/47'), \
             rdflib.URIRef('https://w3id.org/unkg/ontology#symbol')))",
            &url,
        ])
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&o.stdout);
    assert!(
        said.trim_end().ends_with(" A/RES/79/47"),
        "{said}{}",
        String::from_utf8_lossy(&o.stderr)
    );
}

#[test]
fn search_finds_a_resolution_by_any_form_of_its_symbol_and_by_title_words() {
    let server = Server::start(&store(), &[]);
    let found = |q: &str, extra: &[(&str, &str)]| -> String {
        let mut params = vec![("q", q)];
        params.extend_from_slice(extra);
        let r = get(&format!("{}/search", server.base), &params, "text/html");
        assert_eq!(r.status, 200, "{}", r.body);
        r.body
    };
    for q in [
        "687",
        "687 (1991)",
        "S/RES/687",
        "res 687",
        "s/res/687(1991)",
    ] {
        assert!(found(q, &[]).contains(">S/RES/687 (1991)</a>"), "{q}");
    }
    for q in ["A/RES/79/47", "79/47"] {
        assert!(found(q, &[]).contains(">A/RES/79/47</a>"), "{q}");
    }
    // Words of a title, in any of its languages.
    for q in [
        "nuclear disarmament",
        "désarmement nucléaire",
        "ядерному разоружению",
        "核裁军",
    ] {
        assert!(found(q, &[]).contains(">A/RES/79/47</a>"), "{q}");
    }
    assert!(!found("687", &[("organ", "un-ga")]).contains(">S/RES/687 (1991)</a>"));
    assert!(found("687", &[("year", "1991")]).contains(">S/RES/687 (1991)</a>"));
    assert!(!found("687", &[("year", "1990")]).contains(">S/RES/687 (1991)</a>"));
    // Every page has the search box; in Chromium, a search for 687 lists S/RES/687 (1991).
    let Some((dom, log)) = util::headless_dom(&format!("{}/search?q=687", server.base)) else {
        return;
    };
    assert!(dom.contains("name=\"q\""), "{dom:.2000}");
    assert!(dom.contains("S/RES/687 (1991)</a>"), "{dom:.2000}\n{log}");
}

#[test]
fn the_six_versions_of_79_47_sit_side_by_side_with_arabic_right_to_left() {
    let server = Server::start(&store(), &[]);
    let url = format!("{}/resolution/A/RES/79/47", server.base);
    let Some((dom, log)) = util::headless_dom(&url) else {
        return;
    };
    let table = dom
        .split("<table id=\"versions\"")
        .nth(1)
        .unwrap_or_else(|| panic!("no side-by-side table:\n{dom:.3000}\n{log}"));
    let table = table.split("</table>").next().unwrap();
    let header = table.split("</tr>").next().unwrap();
    for lang in ["ar", "zh", "en", "fr", "ru", "es"] {
        assert!(header.contains(&format!(">{lang}</th>")), "{header}");
    }
    // pp_1 beside pp_1: one cell per language in the row, the Arabic one right to left.
    let row = table
        .split("<tr id=\"pp_1\"")
        .nth(1)
        .unwrap()
        .split("</tr>")
        .next()
        .unwrap();
    assert_eq!(row.matches("<td lang=").count(), 6, "{row}");
    assert!(row.contains("<td lang=\"ar\" dir=\"rtl\">"), "{row}");
    assert!(row.contains("Recalling its resolutions"), "{row}");
    // A citation is a link to the cited resolution's page, which opens.
    let href = row
        .split("<a class=\"cite\" href=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap();
    assert_eq!(href, "/resolution/A/RES/67/39");
    let cited = get(&format!("{}{href}", server.base), &[], "text/html");
    assert_eq!(cited.status, 200, "{}", cited.body);
    // The languages shown are kept in the URL.
    let two = get(&url, &[("lang", "en"), ("lang", "zh")], "text/html");
    let row = two
        .body
        .split("<tr id=\"pp_1\"")
        .nth(1)
        .unwrap()
        .split("</tr>")
        .next()
        .unwrap();
    assert_eq!(row.matches("<td lang=").count(), 2, "{row}");
    assert!(two.body.contains("value=\"en\" checked") && two.body.contains("value=\"ar\">"));
}

#[test]
fn the_served_network_page_links_a_node_to_its_resolution_page() {
    let server = Server::start(&store(), &[]);
    let url = format!("{}/network#search=S/RES/687%20(1991)", server.base);
    let Some((dom, log)) = util::headless_dom(&url) else {
        return;
    };
    assert!(
        dom.contains(r#"data-found="S/RES/687 (1991)""#),
        "{dom:.2000}\n{log}"
    );
    let href = dom
        .split("id=\"page\" href=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap_or_else(|| panic!("no link to the resolution's page:\n{dom:.3000}"));
    let page = get(&format!("{}{href}", server.base), &[], "text/html");
    assert_eq!(page.status, 200, "{href}");
    assert!(page.body.contains("<h1>S/RES/687 (1991)</h1>"), "{href}");
    // The page goes back along its series to the first resolution (660 of 1990).
    let chain = page.body.split("<p id=\"chain\">").nth(1).unwrap();
    let chain = chain.split("</p>").next().unwrap();
    assert!(chain.contains(">S/RES/660 (1990)</a>"), "{chain}");
}

#[test]
fn a_resolution_page_shows_its_votes_and_links_what_changed_since_its_predecessor() {
    // The store of the corpus with the roll call on A/RES/71/71 and its rows.
    let dir = Dir::new();
    let store_dir = dir.path().join("store");
    copy_folder(&store(), &store_dir);
    let store = store_dir;
    let bulk = util::corpus().join("bulk");
    let roll_calls = std::fs::read_to_string(bulk.join("unvotes_roll_calls.csv")).unwrap();
    let votes = std::fs::read_to_string(bulk.join("unvotes_votes.csv")).unwrap();
    let one_roll_call: Vec<&str> = roll_calls
        .lines()
        .take(1)
        .chain(roll_calls.lines().filter(|l| l.starts_with("5527,")))
        .collect();
    let its_votes: Vec<&str> = votes
        .lines()
        .take(1)
        .chain(votes.lines().filter(|l| l.starts_with("5527,")))
        .collect();
    let count = |option: &str| {
        its_votes
            .iter()
            .filter(|l| l.ends_with(&format!(",{option}")))
            .count()
    };
    let roll_calls = dir.write("roll_calls.csv", one_roll_call.join("\n").as_bytes());
    let votes = dir.write("votes.csv", its_votes.join("\n").as_bytes());
    ok(unkg(
        &store,
        &[
            "votes",
            "load",
            roll_calls.to_str().unwrap(),
            votes.to_str().unwrap(),
        ],
    ));
    let server = Server::start(&store, &[]);

    let page = get(
        &format!("{}/resolution/A/RES/71/71", server.base),
        &[],
        "text/html",
    );
    assert_eq!(page.status, 200);
    let tally = format!(
        "Roll call 5527 of 2016-12-05, on the resolution as a whole: <b>{}</b> yes, <b>{}</b> no, <b>{}</b> abstentions",
        count("yes"),
        count("no"),
        count("abstain")
    );
    assert!(page.body.contains(&tally), "{}", page.body);
    assert!(
        page.body
            .contains("<tr class=\"no\"><td>United States</td><td>no</td></tr>"),
        "{}",
        page.body
    );

    // 187 (1964) renews 186 (1964): its page links what changed, as `unkg diff` reports it.
    let page = get(
        &format!("{}/resolution/S/RES/187%20(1964)", server.base),
        &[],
        "text/html",
    );
    let href = page
        .body
        .split("<p id=\"changed\">")
        .nth(1)
        .and_then(|p| p.split("href=\"").nth(1))
        .and_then(|p| p.split('"').next())
        .unwrap_or_else(|| panic!("no link to what changed:\n{}", page.body));
    let diff = get(&format!("{}{href}", server.base), &[], "text/html");
    assert_eq!(diff.status, 200, "{href}");
    let reported = ok(unkg(
        &store,
        &["diff", "S/RES/186 (1964)", "S/RES/187 (1964)"],
    ));
    let summary = reported.lines().next().unwrap();
    assert!(
        diff.body
            .contains(&format!("<p class=\"diff-summary\">{summary}</p>")),
        "{}",
        diff.body
    );
    let unknown = get(
        &format!(
            "{}/diff/S/RES/186%20(1964)/S/RES/9999%20(1964)",
            server.base
        ),
        &[],
        "text/html",
    );
    assert_eq!(unknown.status, 404);
}
