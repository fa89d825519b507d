//! `unkg push`: the store's graphs to a SPARQL 1.1 Graph Store Protocol server (Virtuoso,
//! Oxigraph's server, Fuseki …), a PUT per graph as N-Triples (Virtuoso misreads escaped
//! Turtle local names), large graphs in chunks the server takes. Only graphs changed since
//! the last push to that server are sent, and graphs that left the store are deleted there
//! ([`state`]). What was sent is then counted on the server with COUNT and compared.

pub mod gsp;
mod state;

use crate::store::{Store, StoreError};
use gsp::{GraphStore, GspError};
use state::PushState;
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Mutex;

#[derive(Debug, thiserror::Error)]
pub enum PushError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("cannot keep the push state in {0}: {1}")]
    State(String, std::io::Error),
    #[error("cannot push <{graph}>: {message}")]
    Graph { graph: String, message: String },
}

pub struct Options {
    /// Send every graph, whatever the state says the server has.
    pub all: bool,
    /// Count every graph on the server, not only those sent, and compare.
    pub verify: bool,
    /// Requests under way at once.
    pub jobs: usize,
    /// Triples in one request at first (halved while the server answers 413).
    pub chunk_triples: usize,
}

/// What a push is to do: graphs to send with their digests, graphs to delete.
pub struct Plan {
    pub send: Vec<(String, String)>,
    pub delete: Vec<String>,
    pub unchanged: usize,
    state: PushState,
}

/// What a push did.
#[derive(Default)]
pub struct Report {
    /// Graphs sent, with their triple counts.
    pub sent: Vec<(String, usize)>,
    pub deleted: Vec<String>,
    /// Graphs whose count on the server differs from the store's: (graph, server, store).
    pub mismatches: Vec<(String, u64, u64)>,
    /// Graphs counted on the server.
    pub counted: usize,
}

/// Graphs counted in one query: far below any server's cap on result rows.
const COUNT_BATCH: usize = 200;

/// The smallest request a 413 may bring a chunk down to.
const MIN_CHUNK: usize = 500;

/// Works out what to send to the server at `remote` (its Graph Store URL), from the state
/// of earlier pushes kept in `store_dir`.
pub fn plan(
    store: &Store,
    store_dir: &Path,
    remote: &str,
    options: &Options,
) -> Result<Plan, PushError> {
    let state = PushState::open(store_dir, remote)
        .map_err(|e| PushError::State(store_dir.join("push").display().to_string(), e))?;
    let graphs = store.graph_names(None)?;
    let digests = graph_digests(store, &graphs)?;
    let mut plan = Plan {
        send: Vec::new(),
        delete: Vec::new(),
        unchanged: 0,
        state,
    };
    for (graph, digest) in digests {
        if !options.all && plan.state.digest(&graph) == Some(digest.as_str()) {
            plan.unchanged += 1;
        } else {
            plan.send.push((graph, digest));
        }
    }
    let local: std::collections::HashSet<&str> = graphs.iter().map(String::as_str).collect();
    plan.delete = plan
        .state
        .graphs()
        .filter(|g| !local.contains(g))
        .map(str::to_string)
        .collect();
    Ok(plan)
}

/// A digest of each graph's content: for graphs that source files feed, what decides them
/// (see [`Store::fed_graph_digests`]); for the others (ontology, stubs, metrics), their
/// N-Triples.
fn graph_digests(store: &Store, graphs: &[String]) -> Result<BTreeMap<String, String>, StoreError> {
    use rayon::prelude::*;
    use sha2::Digest;
    let fed = store.fed_graph_digests()?;
    graphs
        .par_iter()
        .map(|g| {
            let digest = match fed.get(g) {
                Some(d) => d.clone(),
                None => {
                    let body = ntriples(&store.graph_triples(g)?);
                    crate::text::hex(&sha2::Sha256::digest(body.concat().as_bytes())[..16])
                }
            };
            Ok((g.clone(), digest))
        })
        .collect()
}

/// Each triple as an N-Triples line.
fn ntriples(triples: &[oxigraph::model::Triple]) -> Vec<String> {
    triples
        .iter()
        .map(|t| crate::rdf::ntriples_line(t.as_ref()))
        .collect()
}

/// Carries out `plan` against `server`, calling `progress` after each graph.
pub fn run(
    store: &Store,
    server: &GraphStore,
    plan: Plan,
    options: &Options,
    progress: &(dyn Fn() + Sync),
) -> Result<Report, PushError> {
    let Plan {
        send,
        delete,
        state,
        ..
    } = plan;
    let state = Mutex::new(state);
    let record = |result: std::io::Result<()>| {
        result.map_err(|e| PushError::State("the store folder".into(), e))
    };
    let next = Mutex::new(send.iter());
    let sent = Mutex::new(Vec::new());
    let failure: Mutex<Option<PushError>> = Mutex::new(None);
    std::thread::scope(|scope| {
        for _ in 0..options.jobs.max(1) {
            scope.spawn(|| {
                loop {
                    if failure.lock().map_or(true, |f| f.is_some()) {
                        return;
                    }
                    let Some((graph, digest)) = next.lock().ok().and_then(|mut n| n.next()) else {
                        return;
                    };
                    let outcome =
                        send_graph(store, server, graph, options.chunk_triples).and_then(|count| {
                            let mut state = state.lock().unwrap_or_else(|e| e.into_inner());
                            record(state.sent(graph, digest))?;
                            Ok(count)
                        });
                    match outcome {
                        Ok(count) => {
                            sent.lock()
                                .unwrap_or_else(|e| e.into_inner())
                                .push((graph.clone(), count));
                            progress();
                        }
                        Err(e) => {
                            *failure.lock().unwrap_or_else(|e| e.into_inner()) = Some(e);
                            return;
                        }
                    }
                }
            });
        }
    });
    if let Some(e) = failure.into_inner().unwrap_or_else(|e| e.into_inner()) {
        return Err(e);
    }
    let mut state = state.into_inner().unwrap_or_else(|e| e.into_inner());
    for graph in &delete {
        server.delete(graph).map_err(|e| PushError::Graph {
            graph: graph.clone(),
            message: e.to_string(),
        })?;
        record(state.forget(graph))?;
        progress();
    }
    let mut report = Report {
        sent: sent.into_inner().unwrap_or_else(|e| e.into_inner()),
        deleted: delete,
        ..Report::default()
    };
    report.sent.sort();
    if server.can_count() {
        // What was sent, or with --verify every graph of the store and those deleted.
        let expected: BTreeMap<String, u64> = if options.verify {
            let mut all = local_counts(store)?;
            all.extend(report.deleted.iter().map(|g| (g.clone(), 0)));
            all
        } else {
            report
                .sent
                .iter()
                .map(|(g, n)| (g.clone(), *n as u64))
                .collect()
        };
        report.mismatches = compare_counts(server, &expected)?;
        report.counted = expected.len();
        for (graph, ..) in &report.mismatches {
            // Sent again by the next push, whatever its digest.
            record(state.forget(graph))?;
        }
    }
    record(state.rewrite())?;
    Ok(report)
}

/// Sends one graph: a PUT of the first chunk, a POST of each further one; a 413 halves the
/// chunks and starts again. Returns the number of triples.
fn send_graph(
    store: &Store,
    server: &GraphStore,
    graph: &str,
    chunk_triples: usize,
) -> Result<usize, PushError> {
    let lines = ntriples(&store.graph_triples(graph)?);
    let fail = |message: String| PushError::Graph {
        graph: graph.to_string(),
        message,
    };
    let mut chunk = chunk_triples.max(MIN_CHUNK);
    'sizes: loop {
        for (i, part) in lines.chunks(chunk).enumerate() {
            let body = part.concat().into_bytes();
            let result = if i == 0 {
                server.put(graph, body)
            } else {
                server.post(graph, body)
            };
            match result {
                Ok(()) => {}
                Err(GspError::TooLarge) if chunk > MIN_CHUNK => {
                    chunk = (chunk / 2).max(MIN_CHUNK);
                    continue 'sizes;
                }
                Err(GspError::TooLarge) => {
                    return Err(fail(format!(
                        "the server refuses requests of {chunk} triples as too large (413)"
                    )));
                }
                Err(GspError::Failed(message)) => return Err(fail(message)),
            }
        }
        return Ok(lines.len());
    }
}

/// The number of triples in each data graph of the store.
fn local_counts(store: &Store) -> Result<BTreeMap<String, u64>, StoreError> {
    let graphs = store.graph_names(None)?;
    let mut counts = BTreeMap::new();
    if let oxigraph::sparql::QueryResults::Solutions(rows) =
        store.query("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")?
    {
        for row in rows {
            let row = row?;
            if let (
                Some(oxigraph::model::Term::NamedNode(g)),
                Some(oxigraph::model::Term::Literal(n)),
            ) = (row.get("g"), row.get("n"))
            {
                counts.insert(g.as_str().to_string(), n.value().parse().unwrap_or(0));
            }
        }
    }
    counts.retain(|g, _| graphs.binary_search(g).is_ok());
    Ok(counts)
}

/// Counts `expected`'s graphs on the server, a batch a query; returns those that differ.
fn compare_counts(
    server: &GraphStore,
    expected: &BTreeMap<String, u64>,
) -> Result<Vec<(String, u64, u64)>, PushError> {
    let graphs: Vec<&str> = expected.keys().map(String::as_str).collect();
    let mut mismatches = Vec::new();
    for batch in graphs.chunks(COUNT_BATCH) {
        let counted: BTreeMap<String, u64> = server
            .count(batch)
            .map_err(|e| PushError::Graph {
                graph: batch[0].to_string(),
                message: format!("cannot count what the server holds: {e}"),
            })?
            .into_iter()
            .collect();
        for graph in batch {
            let local = expected[*graph];
            let remote = counted.get(*graph).copied().unwrap_or(0);
            if local != remote {
                mismatches.push((graph.to_string(), remote, local));
            }
        }
    }
    Ok(mismatches)
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxhttp::model::{Body, Response, StatusCode};
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};

    /// A store with one graph of `n` triples.
    fn store_of(n: usize) -> Store {
        let store = Store::in_memory().unwrap();
        let graph = "https://w3id.org/unkg/graph/test";
        let quads: Vec<oxigraph::model::Quad> = (0..n)
            .map(|i| {
                oxigraph::model::Quad::new(
                    oxigraph::model::NamedNode::new_unchecked(format!("https://example.org/s{i}")),
                    oxigraph::model::NamedNode::new_unchecked("https://example.org/p"),
                    oxigraph::model::Literal::from(i as i64),
                    oxigraph::model::NamedNode::new_unchecked(graph),
                )
            })
            .collect();
        store.replace_graph(graph, &quads).unwrap();
        store
    }

    /// A Graph Store that wants Basic credentials, refuses bodies of more than `max_lines`
    /// lines with 413, and fails the first request with 503; it counts the triples it took.
    fn strict_server(max_lines: usize) -> (String, Arc<AtomicUsize>, Arc<AtomicUsize>) {
        let received = Arc::new(AtomicUsize::new(0));
        let requests = Arc::new(AtomicUsize::new(0));
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let (r, q) = (received.clone(), requests.clone());
        oxhttp::Server::new(move |request| {
            let first = q.fetch_add(1, Ordering::SeqCst) == 0;
            let authorized = request
                .headers()
                .get("authorization")
                .is_some_and(|v| v.as_bytes() == b"Basic dTpw");
            let status = if first {
                StatusCode::SERVICE_UNAVAILABLE
            } else if !authorized {
                return Response::builder()
                    .status(StatusCode::UNAUTHORIZED)
                    .header("WWW-Authenticate", "Basic realm=\"test\"")
                    .body(Body::empty())
                    .unwrap();
            } else {
                let body = std::mem::take(request.body_mut()).to_string().unwrap();
                let lines = body.lines().count();
                if lines > max_lines {
                    StatusCode::PAYLOAD_TOO_LARGE
                } else {
                    r.fetch_add(lines, Ordering::SeqCst);
                    StatusCode::CREATED
                }
            };
            Response::builder()
                .status(status)
                .body(Body::empty())
                .unwrap()
        })
        .bind(std::net::SocketAddr::from(([127, 0, 0, 1], port)))
        .spawn()
        .unwrap();
        (format!("http://127.0.0.1:{port}/gsp"), received, requests)
    }

    /// A client of `url` with the credentials the strict server wants, and push options.
    fn client(url: &str, jobs: usize) -> (GraphStore, Options) {
        let server = GraphStore::new(
            url,
            None,
            Some(gsp::Credentials {
                user: "u".into(),
                password: "p".into(),
            }),
            std::time::Duration::from_secs(10),
        );
        let options = Options {
            all: false,
            verify: false,
            jobs,
            chunk_triples: 1000,
        };
        (server, options)
    }

    #[test]
    fn a_413_halves_the_chunks_until_they_pass_or_names_the_graph() {
        for (max_lines, passes) in [(600, true), (40, false)] {
            let (url, received, _) = strict_server(max_lines);
            let store = store_of(1200);
            let (server, options) = client(&url, 1);
            let dir = tempfile::tempdir().unwrap();
            let plan = plan(&store, dir.path(), &url, &options).unwrap();
            let outcome = run(&store, &server, plan, &options, &|| {});
            if passes {
                // 1000 refused, then 500, 500 and 200 taken.
                assert_eq!(outcome.unwrap().sent[0].1, 1200);
                assert_eq!(received.load(Ordering::SeqCst), 1200);
            } else {
                // Down to the smallest chunk (500) and still refused.
                let error = outcome.err().unwrap().to_string();
                assert!(
                    error.contains("graph/test") && error.contains("413"),
                    "{error}"
                );
            }
        }
    }

    #[test]
    fn basic_credentials_go_only_where_asked_and_a_graph_sent_is_not_sent_again() {
        let (url, received, requests) = strict_server(1000);
        let store = store_of(30);
        let (server, options) = client(&url, 2);
        let dir = tempfile::tempdir().unwrap();
        let report = run(
            &store,
            &server,
            plan(&store, dir.path(), &url, &options).unwrap(),
            &options,
            &|| {},
        )
        .unwrap();
        assert_eq!(
            report.sent,
            [("https://w3id.org/unkg/graph/test".to_string(), 30)]
        );
        assert_eq!(received.load(Ordering::SeqCst), 30);
        // 503, then 401 asking for Basic, then the PUT with credentials.
        assert_eq!(requests.load(Ordering::SeqCst), 3);
        let again = plan(&store, dir.path(), &url, &options).unwrap();
        assert_eq!((again.send.len(), again.unchanged), (0, 1));
    }
}
