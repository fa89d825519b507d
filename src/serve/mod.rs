//! `unkg serve`: a SPARQL 1.1 Protocol endpoint over the store (`/query`, `/sparql`,
//! `/update`) with content negotiation, CORS and a query timeout, `/ingest` for
//! `unkg ingest --endpoint` (the server owns its store, so it sees new data at once), and web pages: a query
//! editor (`/`), a page per resolution (`/resolution/{symbol}`) and the network (`/network`).

mod front;
mod ingest;
mod linked;
mod pages;
mod protocol;
pub mod supervisor;

use crate::store::Store;
use oxhttp::Server;
use oxhttp::model::{Body, HeaderValue, Method, Request, Response, StatusCode, header};
use oxigraph::sparql::CancellationToken;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

include!(concat!(env!("OUT_DIR"), "/named_queries.rs"));

/// How long a connection may stay silent (reading a request or taking a response).
pub(crate) const IDLE_TIMEOUT: Duration = Duration::from_secs(10);
/// Connections served at once; more wait to be accepted.
pub(crate) const MAX_CONNECTIONS: usize = 512;

/// How the endpoint behaves.
#[derive(Debug, Clone)]
pub struct Options {
    /// The folder of the store, where a run of `unkg ingest --endpoint` flushes it.
    pub store_dir: PathBuf,
    pub bind: SocketAddr,
    pub allow_update: bool,
    pub timeout: Duration,
    pub cors: bool,
    /// Host names the server answers to besides IP addresses and localhost.
    pub allowed_hosts: Vec<String>,
    /// Set when this server is the query engine behind a [`supervisor`]: requests must carry
    /// the secret, and a query that cannot be cancelled is reported on standard output.
    pub engine_secret: Option<String>,
}

/// The citation network and what the analyses found in it.
type Analysed = (crate::network::CitationGraph, crate::network::Report);

/// Everything a request handler needs; cloned into each server thread.
#[derive(Clone)]
struct Context {
    store: Store,
    options: Options,
    /// The network page, computed once for the store as it is; an update clears it.
    network_page: Arc<Mutex<Option<String>>>,
    /// The citation network, analysed once for the store as it is; an update clears it.
    network: Arc<Mutex<Option<Arc<Analysed>>>>,
}

impl Context {
    /// The network page, from the cache or computed now.
    fn network_page(&self) -> Result<String, crate::store::StoreError> {
        cached(&self.network_page, || {
            let analysed = self.analysed()?;
            Ok(crate::network::html::page(
                &analysed.0,
                &analysed.1,
                "UN resolutions: citation network",
                crate::network::ColourBy::Organ,
            ))
        })
    }

    /// The analysed network, from the cache or computed now.
    fn analysed(&self) -> Result<Arc<Analysed>, crate::store::StoreError> {
        cached(&self.network, || {
            let g = crate::network::load(&self.store)?;
            let report = crate::network::analyse(&g);
            Ok(Arc::new((g, report)))
        })
    }

    /// The chain from a resolution back to the first of its series, by citations, and the
    /// member of its series before it whose text the store holds, if any.
    fn chain_back(
        &self,
        symbol: &str,
    ) -> Result<(Vec<String>, Option<String>), crate::store::StoreError> {
        let analysed = self.analysed()?;
        let (g, report) = (&analysed.0, &analysed.1);
        let Some(v) = crate::network::find(g, symbol) else {
            return Ok((Vec::new(), None));
        };
        let predecessor = report.series_of[v.index()].and_then(|s| {
            let members = &report.series[s];
            let at = members.iter().position(|&m| m == v.index())?;
            members[..at]
                .iter()
                .rev()
                .map(|&m| &g[petgraph::graph::NodeIndex::new(m)])
                .find(|n| n.ingested)
                .map(|n| n.symbol.clone())
        });
        let predecessor = predecessor.filter(|_| g[v].ingested);
        Ok((crate::network::chain_back(g, report, v), predecessor))
    }

    /// Forgets what was computed from the store before it changed.
    fn store_changed(&self) {
        if let Ok(mut cached) = self.network_page.lock() {
            *cached = None;
        }
        if let Ok(mut cached) = self.network.lock() {
            *cached = None;
        }
    }
}

/// What `slot` holds, or what `compute` makes, kept there. The lock is held while it computes:
/// requests that come meanwhile wait for that value instead of each computing their own.
fn cached<T: Clone, E>(
    slot: &Mutex<Option<T>>,
    compute: impl FnOnce() -> Result<T, E>,
) -> Result<T, E> {
    let mut held = slot
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    if let Some(value) = held.as_ref() {
        return Ok(value.clone());
    }
    let value = compute()?;
    *held = Some(value.clone());
    Ok(value)
}

/// Runs a page's work on its own thread and answers 503 if it outlasts the query timeout; the
/// work is then cancelled (its queries stop), so that it burns no more time.
fn in_time(
    context: &Context,
    work: impl FnOnce(&Context, &CancellationToken) -> Result<String, (StatusCode, String)>
    + Send
    + 'static,
) -> Response<Body> {
    let (tx, rx) = std::sync::mpsc::channel();
    let worker = context.clone();
    let cancel = CancellationToken::new();
    let token = cancel.clone();
    std::thread::spawn(move || {
        let _ = tx.send(work(&worker, &token));
    });
    match rx.recv_timeout(context.options.timeout) {
        Ok(Ok(page)) => html(page),
        Ok(Err((status, message))) => error(status, &message),
        Err(_) => {
            cancel.cancel();
            error(
                StatusCode::SERVICE_UNAVAILABLE,
                "the page took longer than the server's timeout",
            )
        }
    }
}

/// Starts the server and returns once it listens; `join` the handle to serve until killed.
pub fn start(store: Store, options: Options) -> std::io::Result<oxhttp::ListeningServer> {
    let context = Context {
        store,
        options: options.clone(),
        network_page: Arc::new(Mutex::new(None)),
        network: Arc::new(Mutex::new(None)),
    };
    Server::new(move |request| {
        let mut response = route(&context, request);
        if context.options.cors {
            response.headers_mut().insert(
                header::ACCESS_CONTROL_ALLOW_ORIGIN,
                HeaderValue::from_static("*"),
            );
        }
        response
    })
    .bind(options.bind)
    .with_server_name(concat!("unkg/", env!("CARGO_PKG_VERSION")))
    .map_err(std::io::Error::other)?
    // Socket reads and writes that stall this long end their connection, so idle clients
    // cannot hold the connection cap; a slow query is bounded by its own timeout instead.
    .with_global_timeout(IDLE_TIMEOUT)
    .with_max_concurrent_connections(MAX_CONNECTIONS)
    .spawn()
}

fn route(context: &Context, request: &mut Request<Body>) -> Response<Body> {
    if let Some(secret) = &context.options.engine_secret {
        let given = request.headers().get(supervisor::SECRET_HEADER);
        if given.is_none_or(|g| g.as_bytes() != secret.as_bytes()) {
            return error(
                StatusCode::FORBIDDEN,
                "this is unkg's query engine; send requests to the address `unkg serve` printed",
            );
        }
    }
    let path = request.uri().path().to_string();
    match (request.method().clone(), path.as_str()) {
        (Method::OPTIONS, _) if context.options.cors => preflight(),
        (Method::GET | Method::POST, "/query" | "/sparql") => protocol::query(context, request),
        (_, "/update") => protocol::update(context, request),
        (_, crate::store::remote::INGEST_PATH) => ingest::route(context, request),
        (Method::GET, "/") => html(pages::editor()),
        (Method::GET, "/context.jsonld") => Response::builder()
            .header(header::CONTENT_TYPE, "application/ld+json")
            .body(crate::export::jsonld::CONTEXT.into())
            .unwrap(),
        (Method::GET, "/network") => in_time(context, |c, _| {
            c.network_page()
                .map_err(|e| (StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))
        }),
        (Method::GET, p) if p.starts_with("/resolution/") => {
            let symbol = crate::symbol::canonical(&percent_decode(&p["/resolution/".len()..]));
            // The languages to show side by side: ?lang=en&lang=zh (all when none).
            let shown: Vec<String> = form_pairs(request.uri().query().unwrap_or(""))
                .into_iter()
                .filter(|(name, _)| name == "lang")
                .map(|(_, value)| value)
                .collect();
            in_time(context, move |c, cancel| {
                let (chain, predecessor) = c
                    .chain_back(&symbol)
                    .map_err(|e| (StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?;
                match pages::resolution(
                    &c.store,
                    &symbol,
                    &shown,
                    &chain,
                    predecessor.as_deref(),
                    cancel,
                ) {
                    Ok(Some(page)) => Ok(page),
                    Ok(None) => Err((
                        StatusCode::NOT_FOUND,
                        format!("no resolution {symbol} in this store"),
                    )),
                    Err(e) => Err((StatusCode::INTERNAL_SERVER_ERROR, e.to_string())),
                }
            })
        }
        (Method::GET, p) if p.starts_with("/diff/") => {
            let Some((before, after)) = two_symbols(&percent_decode(&p["/diff/".len()..])) else {
                return error(
                    StatusCode::NOT_FOUND,
                    "give two resolutions: /diff/A/RES/78/27/A/RES/79/47",
                );
            };
            in_time(context, move |c, cancel| {
                match pages::diff(&c.store, &before, &after, cancel) {
                    Ok(Ok(page)) => Ok(page),
                    Ok(Err(why)) => Err((StatusCode::NOT_FOUND, why)),
                    Err(e) => Err((StatusCode::INTERNAL_SERVER_ERROR, e.to_string())),
                }
            })
        }
        (Method::GET, p) if p.starts_with("/yasgui/") => {
            match pages::yasgui_asset(&p["/yasgui/".len()..]) {
                Some((body, content_type)) => Response::builder()
                    .header(header::CONTENT_TYPE, content_type)
                    .header(header::CACHE_CONTROL, "max-age=86400")
                    .body(body.into())
                    .unwrap(),
                None => error(
                    StatusCode::NOT_FOUND,
                    "this build has no YASGUI: run scripts/build-deps (it needs npm), then build again",
                ),
            }
        }
        (Method::GET, "/search") => {
            let params = form_pairs(request.uri().query().unwrap_or(""));
            let param = |name: &str| {
                params
                    .iter()
                    .find(|(n, v)| n == name && !v.is_empty())
                    .map(|(_, v)| v.clone())
            };
            let (q, organ, year) = (
                param("q").unwrap_or_default(),
                param("organ"),
                param("year"),
            );
            in_time(context, move |c, cancel| {
                pages::search(&c.store, &q, organ.as_deref(), year.as_deref(), cancel)
                    .map_err(|e| (StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))
            })
        }
        (Method::GET, p) if linked::PREFIXES.iter().any(|prefix| p.starts_with(prefix)) => {
            linked::route(context, request)
        }
        (_, "/query" | "/sparql") => error(StatusCode::METHOD_NOT_ALLOWED, "use GET or POST"),
        _ => error(
            StatusCode::NOT_FOUND,
            &format!("nothing at {path}; try / or /query"),
        ),
    }
}

/// The two symbols of a diff's path ("A/RES/78/27/A/RES/79/47"): split where the second
/// begins, since symbols hold slashes themselves.
fn two_symbols(path: &str) -> Option<(String, String)> {
    let path = path.trim_matches('/');
    path.match_indices('/').find_map(|(at, _)| {
        let (before, after) = (&path[..at], &path[at + 1..]);
        let second_starts = ["A/", "S/", "E/"].iter().any(|o| after.starts_with(o))
            && after.contains("/RES/")
            && before.contains("/RES/");
        second_starts.then(|| {
            (
                crate::symbol::canonical(before),
                crate::symbol::canonical(after),
            )
        })
    })
}

fn preflight() -> Response<Body> {
    Response::builder()
        .status(StatusCode::NO_CONTENT)
        // oxhttp 0.3 will not write Access-Control-Allow-Methods; without it browsers allow
        // the CORS-safelisted GET and POST, which are all this endpoint takes.
        .header(header::ALLOW, "GET, POST, OPTIONS")
        .header(header::ACCESS_CONTROL_ALLOW_HEADERS, "Content-Type, Accept")
        .header(header::ACCESS_CONTROL_MAX_AGE, "86400")
        .body(Body::empty())
        .unwrap()
}

fn html(page: String) -> Response<Body> {
    Response::builder()
        .header(header::CONTENT_TYPE, "text/html; charset=utf-8")
        .body(page.into())
        .unwrap()
}

fn error(status: StatusCode, message: &str) -> Response<Body> {
    Response::builder()
        .status(status)
        .header(header::CONTENT_TYPE, "text/plain; charset=utf-8")
        .body(format!("{message}\n").into())
        .unwrap()
}

/// Decodes `%XX` escapes and, in forms, `+` as a space.
fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' if i + 2 < bytes.len() => {
                match u8::from_str_radix(
                    std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap_or("zz"),
                    16,
                ) {
                    Ok(b) => {
                        out.push(b);
                        i += 3;
                        continue;
                    }
                    Err(_) => out.push(b'%'),
                }
            }
            b'+' => out.push(b' '),
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The pairs of a query string or form body.
fn form_pairs(s: &str) -> Vec<(String, String)> {
    s.split('&')
        .filter(|p| !p.is_empty())
        .map(|p| match p.split_once('=') {
            Some((k, v)) => (percent_decode(k), percent_decode(v)),
            None => (percent_decode(p), String::new()),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_forms() {
        assert_eq!(
            form_pairs("query=SELECT+%3Fs&x"),
            [
                ("query".to_string(), "SELECT ?s".to_string()),
                ("x".to_string(), String::new())
            ]
        );
        assert_eq!(percent_decode("S%2FRES%2F687%20(1991)"), "S/RES/687 (1991)");
        assert_eq!(percent_decode("100%"), "100%");
    }

    fn context(timeout: Duration) -> Context {
        let store = Store::in_memory().unwrap();
        store
            .update(
                "INSERT DATA { GRAPH <https://w3id.org/unkg/graph/x> { \
                 <https://w3id.org/unkg/doc/S/RES/1(1946)> a <https://w3id.org/unkg/ontology#Resolution> ; \
                 <https://w3id.org/unkg/ontology#symbol> \"S/RES/1 (1946)\" } }",
            )
            .unwrap();
        Context {
            store,
            options: Options {
                store_dir: PathBuf::new(),
                bind: "127.0.0.1:0".parse().unwrap(),
                allow_update: false,
                timeout,
                cors: false,
                allowed_hosts: Vec::new(),
                engine_secret: None,
            },
            network_page: Arc::new(Mutex::new(None)),
            network: Arc::new(Mutex::new(None)),
        }
    }

    #[test]
    fn page_work_that_outlasts_the_timeout_is_cancelled() {
        let (seen, cancelled) = std::sync::mpsc::channel();
        let response = in_time(&context(Duration::from_millis(50)), move |_, cancel| {
            let until = std::time::Instant::now() + Duration::from_secs(20);
            while !cancel.is_cancelled() && std::time::Instant::now() < until {
                std::thread::sleep(Duration::from_millis(5));
            }
            let _ = seen.send(cancel.is_cancelled());
            Ok(String::new())
        });
        assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(cancelled.recv(), Ok(true));
    }

    #[test]
    fn a_cancelled_page_stops_at_its_queries() {
        let context = context(Duration::from_secs(30));
        let running = CancellationToken::new();
        assert!(
            pages::resolution(&context.store, "S/RES/1 (1946)", &[], &[], None, &running)
                .unwrap()
                .is_some()
        );
        let cancelled = CancellationToken::new();
        cancelled.cancel();
        assert!(
            pages::resolution(&context.store, "S/RES/1 (1946)", &[], &[], None, &cancelled)
                .is_err()
        );
    }

    #[test]
    fn concurrent_requests_for_a_computed_page_compute_it_once_until_the_store_changes() {
        let slot = Mutex::new(None);
        let computed = std::sync::atomic::AtomicUsize::new(0);
        let compute = || {
            computed.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            // Long enough that the other requests come while it computes.
            std::thread::sleep(Duration::from_millis(200));
            Ok::<_, ()>("page".to_string())
        };
        std::thread::scope(|scope| {
            let requests: Vec<_> = (0..4)
                .map(|_| scope.spawn(|| cached(&slot, compute)))
                .collect();
            for r in requests {
                assert_eq!(r.join().unwrap(), Ok("page".to_string()));
            }
        });
        assert_eq!(computed.load(std::sync::atomic::Ordering::SeqCst), 1);
        // The server's own caches keep the page and the network until an update clears them.
        let context = context(Duration::from_secs(30));
        let page = context.network_page().unwrap();
        assert!(page.contains("citation network"), "{page}");
        assert_eq!(context.network_page.lock().unwrap().as_ref(), Some(&page));
        assert!(context.network.lock().unwrap().is_some());
        context.store_changed();
        assert!(context.network_page.lock().unwrap().is_none());
        assert!(context.network.lock().unwrap().is_none());
    }
}
