//! The SPARQL 1.1 Protocol: queries by GET `?query=`, by POST form and by POST
//! `application/sparql-query`; updates likewise at `/update`, refused unless allowed; the
//! dataset from `default-graph-uri` / `named-graph-uri`; content negotiation with q-values;
//! a service description; a timeout that cancels the query; results streamed as they come.

use super::{Context, error, form_pairs};
use crate::store::Store;
use oxhttp::model::{Body, Request, Response, StatusCode, header};
use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::{GraphName, NamedNode, NamedOrBlankNode};
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use oxigraph::sparql::{CancellationToken, QueryResults, SparqlEvaluator};
use std::io::{Read, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// The query (or update) text and dataset IRIs of a request.
struct Parsed {
    text: Option<String>,
    default_graphs: Vec<String>,
    named_graphs: Vec<String>,
}

/// The largest request body taken (a query, an update or a form).
const MAX_BODY: u64 = 16 * 1024 * 1024;

/// A refusal: the status and the message that says why.
pub(super) type Refusal = (StatusCode, String);

fn parse(request: &mut Request<Body>, field: &str, direct_type: &str) -> Result<Parsed, Refusal> {
    let mut pairs = form_pairs(request.uri().query().unwrap_or(""));
    let mut direct = None;
    if request.method() == oxhttp::model::Method::POST {
        let content_type = request
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_string();
        let body = String::from_utf8(read_body(request, MAX_BODY)?).map_err(|_| {
            (
                StatusCode::BAD_REQUEST,
                "the request body is not UTF-8".to_string(),
            )
        })?;
        let mime = content_type
            .split(';')
            .next()
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase();
        if mime == "application/x-www-form-urlencoded" {
            pairs.extend(form_pairs(&body));
        } else if mime == direct_type {
            direct = Some(body);
        } else {
            return Err((
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                format!(
                    "send the {field} as application/x-www-form-urlencoded or {direct_type}, not {content_type:?}"
                ),
            ));
        }
    }
    let value = |name: &str| {
        pairs
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .collect::<Vec<_>>()
    };
    Ok(Parsed {
        text: direct.or_else(|| value(field).into_iter().next()),
        // SPARQL 1.1 Protocol names: default-graph-uri and named-graph-uri for queries,
        // using-graph-uri and using-named-graph-uri for updates.
        default_graphs: value(if field == "update" {
            "using-graph-uri"
        } else {
            "default-graph-uri"
        }),
        named_graphs: value(if field == "update" {
            "using-named-graph-uri"
        } else {
            "named-graph-uri"
        }),
    })
}

/// The request body, refused whole (413) when it is over `limit` bytes.
pub(super) fn read_body(request: &mut Request<Body>, limit: u64) -> Result<Vec<u8>, Refusal> {
    let mut body = Vec::new();
    // One byte more than the limit tells a body over it.
    request
        .body_mut()
        .take(limit + 1)
        .read_to_end(&mut body)
        .map_err(|e| {
            (
                StatusCode::BAD_REQUEST,
                format!("cannot read the request body: {e}"),
            )
        })?;
    if body.len() as u64 > limit {
        return Err((
            StatusCode::PAYLOAD_TOO_LARGE,
            format!("the request body is over {} MiB", limit >> 20),
        ));
    }
    Ok(body)
}

pub(super) fn query(context: &Context, request: &mut Request<Body>) -> Response<Body> {
    let parsed = match parse(request, "query", "application/sparql-query") {
        Ok(p) => p,
        Err((status, message)) => return error(status, &message),
    };
    let accept = request
        .headers()
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("*/*")
        .to_string();
    let Some(text) = parsed.text.clone() else {
        return service_description(request, &accept);
    };
    evaluate(context, &text, accept, |prepared| {
        set_dataset(prepared, &parsed)
    })
}

/// Evaluates a query of the server's own (a linked-data page's) with the endpoint's timeout,
/// streaming, and content negotiation.
pub(super) fn answer(context: &Context, text: &str, accept: String) -> Response<Body> {
    evaluate(context, text, accept, |_| Ok(()))
}

/// Prepares `text`, lets `dataset` set its graphs, and streams its results in the format
/// `accept` prefers, cancelled at the timeout.
fn evaluate(
    context: &Context,
    text: &str,
    accept: String,
    dataset: impl FnOnce(&mut oxigraph::sparql::PreparedSparqlQuery) -> Result<(), Refusal>,
) -> Response<Body> {
    let token = CancellationToken::new();
    let mut prepared = match Store::prepare_with(
        SparqlEvaluator::new().with_cancellation_token(token.clone()),
        text,
    ) {
        Ok(p) => p,
        Err(e) => return error(StatusCode::BAD_REQUEST, &e.to_string()),
    };
    if let Err((status, message)) = dataset(&mut prepared) {
        return error(status, &message);
    }

    // A watchdog cancels the query at the timeout.
    let (done_tx, done_rx) = mpsc::channel::<()>();
    let timeout = context.options.timeout;
    let watchdog = token.clone();
    let evaluating = Arc::new(AtomicBool::new(true));
    let report_runaway = context.options.engine_secret.is_some();
    std::thread::spawn({
        let evaluating = evaluating.clone();
        move || watch(&done_rx, timeout, &watchdog, &evaluating, report_runaway)
    });

    // The query runs in a thread that streams its results into the response body; the
    // response starts once the first bytes are there, so that an error or a timeout before any
    // result still gets its own status.
    let store = context.store.clone();
    let (started_tx, started_rx) = mpsc::channel::<Result<&'static str, (StatusCode, String)>>();
    let (mut writer, reader) = body_channel(evaluating);
    let deadline = Instant::now() + timeout;
    std::thread::spawn(move || {
        let _done = done_tx;
        let outcome = match prepared.on_store(store.oxigraph()).execute() {
            Ok(results) => stream(results, &accept, &mut writer, &started_tx, deadline),
            Err(e) => Err(evaluation_status(&e.to_string())),
        };
        match outcome {
            Ok(()) => writer.finish(),
            Err((status, message)) => {
                // Before the first byte the error gets its status; after it, the connection
                // is cut, so the client cannot take a partial result for a whole one.
                let _ = started_tx.send(Err((status, message.clone())));
                writer.fail(message);
            }
        }
    });
    // The evaluator notices a cancellation only now and then: the answer does not wait for it.
    match started_rx.recv_timeout(timeout) {
        Ok(Ok(content_type)) => Response::builder()
            .header(header::CONTENT_TYPE, content_type)
            .body(reader)
            .unwrap(),
        Ok(Err((status, message))) => error(status, &message),
        Err(mpsc::RecvTimeoutError::Timeout) => {
            token.cancel();
            let (status, message) = evaluation_status("cancelled");
            error(status, &message)
        }
        Err(mpsc::RecvTimeoutError::Disconnected) => error(
            StatusCode::INTERNAL_SERVER_ERROR,
            "the query stopped without an answer",
        ),
    }
}

/// How long an evaluation may go on after its cancellation before it counts as a runaway.
const GRACE: Duration = Duration::from_millis(500);

/// Cancels a query at its timeout. The evaluator stops at its next read of the store; one
/// that keeps evaluating (not waiting for the client) past [`GRACE`] is stuck in work it never
/// checks, and an engine reports it to its supervisor, which restarts the engine.
fn watch(
    done: &mpsc::Receiver<()>,
    timeout: Duration,
    token: &CancellationToken,
    evaluating: &AtomicBool,
    report_runaway: bool,
) {
    let still_running = |wait| {
        matches!(
            done.recv_timeout(wait),
            Err(mpsc::RecvTimeoutError::Timeout)
        )
    };
    if !still_running(timeout) {
        return;
    }
    token.cancel();
    if !report_runaway {
        return;
    }
    let mut busy_since = Instant::now();
    while still_running(Duration::from_millis(100)) {
        if !evaluating.load(Ordering::Relaxed) {
            busy_since = Instant::now();
        } else if busy_since.elapsed() >= GRACE {
            let mut out = std::io::stdout().lock();
            let _ = writeln!(out, "{}", super::supervisor::RUNAWAY);
            let _ = out.flush();
            return;
        }
    }
}

/// The dataset of `default-graph-uri` and `named-graph-uri`, when the request names one.
fn set_dataset(
    prepared: &mut oxigraph::sparql::PreparedSparqlQuery,
    parsed: &Parsed,
) -> Result<(), Refusal> {
    if parsed.default_graphs.is_empty() && parsed.named_graphs.is_empty() {
        return Ok(());
    }
    let iri = |s: &String| {
        NamedNode::new(s.clone())
            .map_err(|e| (StatusCode::BAD_REQUEST, format!("not an IRI: {s}: {e}")))
    };
    let defaults = parsed
        .default_graphs
        .iter()
        .map(|g| iri(g).map(GraphName::NamedNode))
        .collect::<Result<Vec<_>, _>>()?;
    let named = parsed
        .named_graphs
        .iter()
        .map(|g| iri(g).map(NamedOrBlankNode::NamedNode))
        .collect::<Result<Vec<_>, _>>()?;
    let dataset = prepared.dataset_mut();
    dataset.set_default_graph(defaults);
    if !named.is_empty() {
        dataset.set_available_named_graphs(named);
    }
    Ok(())
}

fn evaluation_status(message: &str) -> Refusal {
    if message.to_lowercase().contains("cancel") {
        (
            StatusCode::SERVICE_UNAVAILABLE,
            "the query took longer than the server's timeout and was cancelled".into(),
        )
    } else {
        (
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("the query failed: {message}"),
        )
    }
}

type Started = mpsc::Sender<Result<&'static str, (StatusCode, String)>>;

/// Serialises results into `out` in the negotiated format; tells `started` when bytes flow.
fn stream(
    results: QueryResults<'static>,
    accept: &str,
    out: &mut impl Write,
    started: &Started,
    deadline: Instant,
) -> Result<(), (StatusCode, String)> {
    let io = |e: std::io::Error| (StatusCode::INTERNAL_SERVER_ERROR, e.to_string());
    // A stream that outlives the timeout is cut, however fast its rows come.
    let in_time = || {
        if Instant::now() > deadline {
            Err(evaluation_status("cancelled"))
        } else {
            Ok(())
        }
    };
    match results {
        QueryResults::Boolean(value) => {
            let (format, mime) = negotiate_results(accept).ok_or_else(not_acceptable)?;
            let _ = started.send(Ok(mime));
            QueryResultsSerializer::from_format(format)
                .serialize_boolean_to_writer(out, value)
                .map_err(io)?;
        }
        QueryResults::Solutions(mut solutions) => {
            let (format, mime) = negotiate_results(accept).ok_or_else(not_acceptable)?;
            // The first solution decides between an error status and a stream.
            let first = solutions
                .next()
                .transpose()
                .map_err(|e| evaluation_status(&e.to_string()))?;
            let _ = started.send(Ok(mime));
            let mut w = QueryResultsSerializer::from_format(format)
                .serialize_solutions_to_writer(&mut *out, solutions.variables().to_vec())
                .map_err(io)?;
            if let Some(s) = first {
                w.serialize(&s).map_err(io)?;
            }
            for s in solutions {
                let s = s.map_err(|e| evaluation_status(&e.to_string()))?;
                in_time()?;
                w.serialize(&s).map_err(io)?;
            }
            w.finish().map_err(io)?;
        }
        QueryResults::Graph(mut triples) => {
            let (format, mime) = negotiate_graph(accept).ok_or_else(not_acceptable)?;
            let first = triples
                .next()
                .transpose()
                .map_err(|e| evaluation_status(&e.to_string()))?;
            let _ = started.send(Ok(mime));
            let mut serializer = RdfSerializer::from_format(format);
            for (prefix, ns) in crate::rdf::turtle::PREFIXES {
                serializer = serializer
                    .with_prefix(prefix, ns)
                    .map_err(|e| (StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?;
            }
            let mut w = serializer.for_writer(&mut *out);
            for t in first.into_iter().map(Ok).chain(triples) {
                let t = t.map_err(|e| evaluation_status(&e.to_string()))?;
                in_time()?;
                w.serialize_triple(&t).map_err(io)?;
            }
            w.finish().map_err(io)?;
        }
    }
    Ok(())
}

/// What the query thread sends the response body.
enum Chunk {
    Bytes(Vec<u8>),
    End,
    Failed(String),
}

/// A response body written by another thread through a bounded channel. Its reader returns
/// an I/O error when the writer fails or vanishes before [`BodyWriter::finish`], so the server
/// drops the connection instead of ending the body as if it were whole.
/// `evaluating` is false while the writer waits for the client to take bytes.
fn body_channel(evaluating: Arc<AtomicBool>) -> (BodyWriter, Body) {
    let (tx, rx) = mpsc::sync_channel(16);
    let reader = BodyReader {
        rx,
        chunk: Vec::new(),
        at: 0,
        ended: false,
    };
    (
        BodyWriter {
            tx,
            buffer: Vec::new(),
            evaluating,
        },
        Body::from_read(reader),
    )
}

struct BodyWriter {
    tx: mpsc::SyncSender<Chunk>,
    buffer: Vec<u8>,
    evaluating: Arc<AtomicBool>,
}

impl BodyWriter {
    const CHUNK: usize = 64 * 1024;

    fn finish(mut self) {
        if self.flush().is_ok() {
            let _ = self.tx.send(Chunk::End);
        }
    }

    fn fail(self, message: String) {
        let _ = self.tx.send(Chunk::Failed(message));
    }
}

impl Write for BodyWriter {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.buffer.extend_from_slice(bytes);
        if self.buffer.len() >= Self::CHUNK {
            self.flush()?;
        }
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        if self.buffer.is_empty() {
            return Ok(());
        }
        let bytes = std::mem::take(&mut self.buffer);
        self.evaluating.store(false, Ordering::Relaxed);
        let sent = self.tx.send(Chunk::Bytes(bytes));
        self.evaluating.store(true, Ordering::Relaxed);
        sent.map_err(|_| std::io::Error::new(std::io::ErrorKind::BrokenPipe, "client gone"))
    }
}

struct BodyReader {
    rx: mpsc::Receiver<Chunk>,
    chunk: Vec<u8>,
    at: usize,
    ended: bool,
}

impl Read for BodyReader {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        while self.at == self.chunk.len() {
            if self.ended {
                return Ok(0);
            }
            match self.rx.recv() {
                Ok(Chunk::Bytes(bytes)) => {
                    self.chunk = bytes;
                    self.at = 0;
                }
                Ok(Chunk::End) => self.ended = true,
                Ok(Chunk::Failed(message)) => return Err(std::io::Error::other(message)),
                Err(_) => return Err(std::io::Error::other("the query thread stopped")),
            }
        }
        let n = out.len().min(self.chunk.len() - self.at);
        out[..n].copy_from_slice(&self.chunk[self.at..self.at + n]);
        self.at += n;
        Ok(n)
    }
}

fn not_acceptable() -> (StatusCode, String) {
    (
        StatusCode::NOT_ACCEPTABLE,
        "no format this endpoint writes matches the Accept header".into(),
    )
}

/// The media types an Accept header asks for, best first (q-values; more specific wins ties).
fn accepted(accept: &str) -> Vec<(String, f32)> {
    let mut ranges: Vec<(String, f32, usize)> = accept
        .split(',')
        .enumerate()
        .filter_map(|(i, part)| {
            let mut pieces = part.split(';');
            let mime = pieces.next()?.trim().to_ascii_lowercase();
            if mime.is_empty() {
                return None;
            }
            let q = pieces
                .filter_map(|p| {
                    p.trim()
                        .strip_prefix("q=")
                        .and_then(|q| q.parse::<f32>().ok())
                })
                .next()
                .unwrap_or(1.0);
            Some((mime, q, i))
        })
        .filter(|(_, q, _)| *q > 0.0)
        .collect();
    let specificity = |m: &str| {
        if m == "*/*" {
            0
        } else if m.ends_with("/*") {
            1
        } else {
            2
        }
    };
    ranges.sort_by(|a, b| {
        b.1.total_cmp(&a.1)
            .then(specificity(&b.0).cmp(&specificity(&a.0)))
            .then(a.2.cmp(&b.2))
    });
    ranges.into_iter().map(|(m, q, _)| (m, q)).collect()
}

pub(super) fn negotiate<T: Copy>(
    accept: &str,
    offered: &[(&'static str, T)],
) -> Option<(T, &'static str)> {
    for (wanted, _) in accepted(accept) {
        for (mime, format) in offered {
            let matches = wanted == *mime
                || wanted == "*/*"
                || wanted
                    .strip_suffix("/*")
                    .is_some_and(|t| mime.starts_with(&format!("{t}/")));
            if matches {
                return Some((*format, mime));
            }
        }
    }
    None
}

fn negotiate_results(accept: &str) -> Option<(QueryResultsFormat, &'static str)> {
    negotiate(
        accept,
        &[
            ("application/sparql-results+json", QueryResultsFormat::Json),
            ("application/sparql-results+xml", QueryResultsFormat::Xml),
            ("text/csv", QueryResultsFormat::Csv),
            ("text/tab-separated-values", QueryResultsFormat::Tsv),
            ("application/json", QueryResultsFormat::Json),
        ],
    )
}

fn negotiate_graph(accept: &str) -> Option<(RdfFormat, &'static str)> {
    negotiate(
        accept,
        &[
            ("text/turtle", RdfFormat::Turtle),
            ("application/n-triples", RdfFormat::NTriples),
            ("application/rdf+xml", RdfFormat::RdfXml),
            (
                "application/ld+json",
                RdfFormat::JsonLd {
                    profile: Default::default(),
                },
            ),
            ("application/n-quads", RdfFormat::NQuads),
            ("application/trig", RdfFormat::TriG),
            // A client that asks every query for JSON results (rdflib's SPARQLStore with
            // returnFormat='json') gets a graph as JSON-LD rather than a refusal.
            (
                "application/sparql-results+json",
                RdfFormat::JsonLd {
                    profile: Default::default(),
                },
            ),
            (
                "application/json",
                RdfFormat::JsonLd {
                    profile: Default::default(),
                },
            ),
        ],
    )
    .map(|(format, mime)| match format {
        RdfFormat::JsonLd { .. } => (format, "application/ld+json"),
        _ => (format, mime),
    })
}

/// The SPARQL service description of this endpoint, in Turtle (or N-Triples if asked).
fn service_description(request: &Request<Body>, accept: &str) -> Response<Body> {
    // Behind `unkg serve`, the engine is told the Host the client used.
    let host = [FORWARDED_HOST, header::HOST.as_str()]
        .into_iter()
        .find_map(|name| request.headers().get(name).and_then(|h| h.to_str().ok()))
        .unwrap_or("localhost");
    let endpoint = format!("http://{host}{}", request.uri().path());
    let description = format!(
        "@prefix sd: <http://www.w3.org/ns/sparql-service-description#> .\n\
         @prefix formats: <http://www.w3.org/ns/formats/> .\n\n\
         <{endpoint}> a sd:Service ;\n    sd:endpoint <{endpoint}> ;\n    sd:supportedLanguage sd:SPARQL11Query ;\n    \
         sd:feature sd:UnionDefaultGraph ;\n    \
         sd:resultFormat formats:SPARQL_Results_JSON , formats:SPARQL_Results_XML , formats:SPARQL_Results_CSV , formats:SPARQL_Results_TSV ,\n        \
         formats:Turtle , formats:N-Triples , formats:RDF_XML , formats:JSON-LD .\n"
    );
    let turtle = negotiate(
        accept,
        &[("text/turtle", ()), ("application/n-triples", ())],
    )
    .map_or("text/turtle", |(_, m)| m);
    if turtle == "application/n-triples" {
        let triples: Vec<_> = oxigraph::io::RdfParser::from_format(RdfFormat::Turtle)
            .for_slice(description.as_bytes())
            .filter_map(Result::ok)
            .collect();
        let mut out = Vec::new();
        let mut w = RdfSerializer::from_format(RdfFormat::NTriples).for_writer(&mut out);
        for q in &triples {
            let _ = w.serialize_quad(q);
        }
        let _ = w.finish();
        return Response::builder()
            .header(header::CONTENT_TYPE, turtle)
            .body(out.into())
            .unwrap();
    }
    Response::builder()
        .header(header::CONTENT_TYPE, "text/turtle")
        .body(description.into())
        .unwrap()
}

pub(super) fn update(context: &Context, request: &mut Request<Body>) -> Response<Body> {
    if let Err((status, message)) = may_write(context, request) {
        return error(status, &message);
    }
    if request.method() != oxhttp::model::Method::POST {
        return error(
            StatusCode::METHOD_NOT_ALLOWED,
            "send updates by POST, as `update=` in a form or as application/sparql-update",
        );
    }
    let parsed = match parse(request, "update", "application/sparql-update") {
        Ok(p) => p,
        Err((status, message)) => return error(status, &message),
    };
    let Some(text) = parsed.text else {
        return error(
            StatusCode::BAD_REQUEST,
            "no update: send it as `update=` or as application/sparql-update",
        );
    };
    match context.store.update(&text) {
        Ok(()) => {
            context.store_changed();
            Response::builder()
                .status(StatusCode::NO_CONTENT)
                .body(Body::empty())
                .unwrap()
        }
        Err(
            e @ (crate::store::StoreError::Syntax(_) | crate::store::StoreError::TooComplex(_)),
        ) => error(StatusCode::BAD_REQUEST, &e.to_string()),
        Err(e) => error(StatusCode::INTERNAL_SERVER_ERROR, &e.to_string()),
    }
}

/// The header that passes the client's Host to the engine behind `unkg serve`.
pub(super) const FORWARDED_HOST: &str = "x-forwarded-host";

/// Whether a request names this server in its Host: an IP address (which no DNS rebinding
/// can take over), `localhost`, or a name given with `--allowed-host`. A page of another site
/// whose name was made to resolve here names its own site.
pub(super) fn known_host(options: &super::Options, request: &Request<Body>) -> Result<(), String> {
    let Some(host) = request.headers().get(header::HOST) else {
        return Ok(()); // HTTP/1.0 clients without one: no browser sends such requests.
    };
    let host = host
        .to_str()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    let name = match host.strip_prefix('[') {
        Some(v6) => v6.split(']').next().unwrap_or_default(),
        None => host
            .rsplit_once(':')
            .map_or(host.as_str(), |(name, _)| name),
    };
    let known = name.parse::<std::net::IpAddr>().is_ok()
        || name == "localhost"
        || name.ends_with(".localhost")
        || options
            .allowed_hosts
            .iter()
            .any(|allowed| allowed.eq_ignore_ascii_case(name));
    if known {
        Ok(())
    } else {
        Err(format!(
            "this server does not answer to the name {name:?}; if that name is yours, start it with `unkg serve --allowed-host {name}`"
        ))
    }
}

/// Whether a request may change the store (or see what only writers see): the server must
/// allow updates, and the request must not come from a page of another origin (a form could
/// post it). Changes themselves come by POST only, so that no link or `<img>` can make one.
pub(super) fn may_write(context: &Context, request: &Request<Body>) -> Result<(), Refusal> {
    may_write_from(&context.options, request)
}

/// [`may_write`] for a server with these options.
pub(super) fn may_write_from(
    options: &super::Options,
    request: &Request<Body>,
) -> Result<(), Refusal> {
    if !options.allow_update {
        return Err((
            StatusCode::FORBIDDEN,
            "this endpoint is read-only; start it with `unkg serve --allow-update` to accept updates".into(),
        ));
    }
    same_origin(request).map_err(|message| (StatusCode::FORBIDDEN, message))
}

/// Whether a request that says where it comes from (`Origin`, else `Referer`) comes from a
/// page of this server: the scheme-less host and port must be the request's `Host`.
fn same_origin(request: &Request<Body>) -> Result<(), String> {
    let header = |name| {
        request
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
    };
    let Some(from) = header(header::ORIGIN).or_else(|| header(header::REFERER)) else {
        // Not sent by a browser page (curl, a SPARQL client): nothing to check.
        return Ok(());
    };
    let host = header(header::HOST).unwrap_or_default();
    let from_host = from
        .split_once("://")
        .map_or(from.as_str(), |(_, rest)| rest)
        .split('/')
        .next()
        .unwrap_or("");
    if !host.is_empty() && from_host.eq_ignore_ascii_case(&host) {
        Ok(())
    } else {
        Err(format!(
            "updates are taken only from this server's own pages, not from {from}"
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn negotiates_with_q_values() {
        let yasgui = "application/sparql-results+json,*/*;q=0.9";
        assert_eq!(
            negotiate_results(yasgui).unwrap().1,
            "application/sparql-results+json"
        );
        assert_eq!(
            negotiate_results("text/csv;q=0.5, application/sparql-results+xml")
                .unwrap()
                .1,
            "application/sparql-results+xml"
        );
        assert_eq!(negotiate_results("text/*").unwrap().1, "text/csv");
        assert!(negotiate_results("image/png").is_none());
        assert_eq!(negotiate_graph("*/*").unwrap().1, "text/turtle");
        assert_eq!(
            negotiate_graph("application/ld+json;q=1, text/turtle;q=0.2")
                .unwrap()
                .1,
            "application/ld+json"
        );
    }
}
