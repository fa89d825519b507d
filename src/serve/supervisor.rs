//! The public face of `unkg serve`: it listens for clients and hands every request to a query
//! engine, a child `unkg` process that owns the store. Oxigraph's evaluator checks for
//! cancellation only when it reads the store, so a query whose work is in joining results
//! already in memory (a three-way cross product, say) would run on after its timeout, and a
//! thread cannot be stopped from outside. A process can: the engine reports such a runaway,
//! and the supervisor ends the engine and starts another, which opens the store again in a
//! fraction of a second. Requests in flight then get 503 or a cut connection, never a
//! partial answer that looks whole. An engine that crashes is restarted the same way.
//!
//! The engine listens on loopback only and takes requests only with a secret given to it at
//! start, so a page in a browser cannot reach around the supervisor's checks.

use super::protocol::may_write_from;
use super::{IDLE_TIMEOUT, MAX_CONNECTIONS, Options, error};
use oxhttp::Server;
use oxhttp::model::{Body, HeaderName, Request, Response, StatusCode, header};
use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

/// The header that carries the engine's secret; a request without it is refused.
pub const SECRET_HEADER: &str = "x-unkg-engine-secret";
/// What the engine prints on its standard output once it listens.
pub const READY: &str = "ready";
/// What the engine prints when a query outlived its cancellation: it must be restarted.
pub const RUNAWAY: &str = "runaway";
/// Environment variables by which the supervisor tells the engine what it needs.
pub const SECRET_ENV: &str = "UNKG_ENGINE_SECRET";
pub const PUBLIC_URL_ENV: &str = "UNKG_SERVE_URL";

/// How long a request waits for an engine being started before it gets 503.
const ENGINE_WAIT: Duration = Duration::from_secs(30);

/// The running engine, as requests see it.
#[derive(Default)]
struct EngineState {
    /// Where the engine listens; `None` while it is being (re)started.
    address: Option<SocketAddr>,
    /// Set when the supervisor gives up on the engine: requests fail at once.
    failed: Option<String>,
}

struct Engine {
    state: Mutex<EngineState>,
    changed: Condvar,
    secret: String,
}

impl Engine {
    /// The engine's address, waiting while it is being restarted.
    fn address(&self) -> Result<SocketAddr, String> {
        let state = self.state.lock().map_err(|_| "engine state poisoned")?;
        let (state, _) = self
            .changed
            .wait_timeout_while(state, ENGINE_WAIT, |s| {
                s.address.is_none() && s.failed.is_none()
            })
            .map_err(|_| "engine state poisoned")?;
        match (&state.address, &state.failed) {
            (Some(address), _) => Ok(*address),
            (None, Some(why)) => Err(why.clone()),
            (None, None) => Err("the query engine is still starting".into()),
        }
    }

    fn set(&self, address: Option<SocketAddr>, failed: Option<String>) {
        if let Ok(mut state) = self.state.lock() {
            *state = EngineState { address, failed };
        }
        self.changed.notify_all();
    }
}

/// Starts an engine (this program, `serve` with `engine_args`) and the public server; returns
/// once both run. `join` the handle to serve until killed.
pub fn start(
    options: Options,
    engine_args: Vec<String>,
) -> std::io::Result<oxhttp::ListeningServer> {
    let engine = Arc::new(Engine {
        state: Mutex::new(EngineState::default()),
        changed: Condvar::new(),
        secret: secret(),
    });
    let public_url = format!("http://{}/", options.bind);
    // The first start must work: a store held by another process is the user's to resolve.
    let running = spawn_engine(&engine, &engine_args, &public_url)?;
    std::thread::spawn({
        let engine = engine.clone();
        move || keep_running(&engine, running, &engine_args, &public_url)
    });
    let client = oxhttp::Client::new()
        .with_global_timeout(options.timeout + IDLE_TIMEOUT)
        .with_redirection_limit(0);
    let public = options.bind;
    // The HTTP server listens on loopback, behind the front door, which hands it only
    // requests read whole in time (see `front`).
    let inner = std::net::TcpListener::bind("127.0.0.1:0")?.local_addr()?;
    let server = Server::new(move |request| forward(&engine, &client, &options, request))
        .bind(inner)
        .with_server_name(concat!("unkg/", env!("CARGO_PKG_VERSION")))
        .map_err(std::io::Error::other)?
        .with_global_timeout(IDLE_TIMEOUT)
        .with_max_concurrent_connections(MAX_CONNECTIONS)
        .spawn()?;
    super::front::spawn(public, inner)?;
    Ok(server)
}

/// A secret nobody else can guess: std seeds its hasher keys from the operating system's
/// randomness, so what they hash is unpredictable outside this process.
fn secret() -> String {
    use std::hash::BuildHasher;
    let random = || std::collections::hash_map::RandomState::new().hash_one(std::process::id());
    format!("{:016x}{:016x}", random(), random())
}

/// An engine process and the thread that reads its reports.
struct RunningEngine {
    child: Child,
    /// Held only to be closed when this process ends, which tells the engine to end too.
    _stdin: std::process::ChildStdin,
    /// Ends when the engine reports a runaway query or its output closes (it stopped).
    watcher: std::thread::JoinHandle<()>,
}

/// Starts one engine on a free loopback port and waits until it listens.
fn spawn_engine(
    engine: &Engine,
    args: &[String],
    public_url: &str,
) -> std::io::Result<RunningEngine> {
    let port = std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port();
    let address = SocketAddr::from(([127, 0, 0, 1], port));
    let mut child = Command::new(std::env::current_exe()?)
        .args(args)
        .args(["--engine", "--bind", &address.to_string()])
        .env(SECRET_ENV, &engine.secret)
        .env(PUBLIC_URL_ENV, public_url)
        // The engine ends when this end of its standard input closes (this process ended).
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()?;
    let (Some(stdin), Some(stdout)) = (child.stdin.take(), child.stdout.take()) else {
        return Err(std::io::Error::other("the query engine has no pipes"));
    };
    let mut lines = BufReader::new(stdout).lines();
    match lines.next() {
        Some(Ok(line)) if line == READY => {}
        _ => {
            let status = child.wait()?;
            return Err(std::io::Error::other(format!(
                "the query engine did not start ({status}; see above)"
            )));
        }
    }
    engine.set(Some(address), None);
    Ok(RunningEngine {
        child,
        _stdin: stdin,
        watcher: engine_watcher(lines),
    })
}

/// Reads the engine's reports; returns when it says a query ran away or its output ends.
fn engine_watcher(
    lines: std::io::Lines<BufReader<std::process::ChildStdout>>,
) -> std::thread::JoinHandle<()> {
    std::thread::spawn(move || {
        for line in lines {
            match line {
                Ok(l) if l == RUNAWAY => return,
                Ok(_) => {}
                Err(_) => return,
            }
        }
    })
}

/// Keeps an engine running: when one reports a runaway query or stops, it is ended and
/// another started.
fn keep_running(engine: &Engine, mut running: RunningEngine, args: &[String], public_url: &str) {
    loop {
        let _ = running.watcher.join();
        engine.set(None, None);
        let _ = running.child.kill();
        let _ = running.child.wait();
        eprintln!(
            "unkg: the query engine stopped (a query outlived its timeout, or it failed); starting another"
        );
        let mut attempts = 0;
        running = loop {
            match spawn_engine(engine, args, public_url) {
                Ok(c) => break c,
                Err(e) if attempts < 5 => {
                    attempts += 1;
                    eprintln!("unkg: {e}; trying again");
                    std::thread::sleep(Duration::from_secs(1));
                }
                Err(e) => {
                    engine.set(None, Some(format!("the query engine cannot start: {e}")));
                    return;
                }
            }
        };
    }
}

/// Hands a request to the engine and its answer back, as a stream.
fn forward(
    engine: &Engine,
    client: &oxhttp::Client,
    options: &Options,
    request: &mut Request<Body>,
) -> Response<Body> {
    // Requests are checked here, where the client's own Host and Origin are seen.
    if let Err(message) = super::protocol::known_host(options, request) {
        return error(StatusCode::FORBIDDEN, &message);
    }
    let path = request.uri().path();
    if (path == "/update" || path == crate::store::remote::INGEST_PATH)
        && let Err((status, message)) = may_write_from(options, request)
    {
        return error(status, &message);
    }
    let address = match engine.address() {
        Ok(a) => a,
        Err(why) => return error(StatusCode::SERVICE_UNAVAILABLE, &why),
    };
    let target = format!(
        "http://{address}{}",
        request.uri().path_and_query().map_or("/", |p| p.as_str())
    );
    let mut builder = Request::builder()
        .method(request.method().clone())
        .uri(target);
    for (name, value) in request.headers() {
        if !is_hop_by_hop(name) {
            builder = builder.header(name, value);
        }
    }
    // The engine describes the endpoint the client sees, not its own private address.
    if let Some(host) = request.headers().get(header::HOST) {
        builder = builder.header(super::protocol::FORWARDED_HOST, host);
    }
    let forwarded = builder
        .header(SECRET_HEADER, engine.secret.as_str())
        .body(std::mem::take(request.body_mut()));
    let Ok(forwarded) = forwarded else {
        return error(
            StatusCode::BAD_REQUEST,
            "a request this server cannot pass on",
        );
    };
    match client.request(forwarded) {
        Ok(mut response) => {
            for name in [header::CONNECTION, header::TRANSFER_ENCODING] {
                response.headers_mut().remove(name);
            }
            response
        }
        Err(_) => error(
            StatusCode::SERVICE_UNAVAILABLE,
            "the query engine restarted while answering (a query outlived its timeout); try again",
        ),
    }
}

/// Headers that belong to one connection, not to the request passed on.
fn is_hop_by_hop(name: &HeaderName) -> bool {
    [
        header::HOST,
        header::CONNECTION,
        header::CONTENT_LENGTH,
        header::TRANSFER_ENCODING,
        header::TE,
        header::UPGRADE,
    ]
    .contains(name)
        || name.as_str().eq_ignore_ascii_case("keep-alive")
        || name.as_str().eq_ignore_ascii_case(SECRET_HEADER)
        || name
            .as_str()
            .eq_ignore_ascii_case(super::protocol::FORWARDED_HOST)
}
