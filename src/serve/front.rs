//! The front door of `unkg serve`: it takes each connection, reads the request's head within
//! [`HEAD_DEADLINE`] and its body at [`MIN_BODY_RATE`] or faster, and only then hands it to
//! the HTTP server behind it, on loopback. oxhttp bounds only the silence between two bytes,
//! so a client that sent a byte a second held one of its threads as long as it liked: 640
//! such clients held them all, and every honest query timed out. Here a slow client holds a
//! small thread of its own for ten seconds at most, and the server's threads go to requests
//! that have arrived whole.
//!
//! One request per connection: the head is passed on with `Connection: close`, so that every
//! request comes through this door (clients open a new connection, on loopback or a LAN a
//! fraction of a millisecond).

use std::io::{self, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// The time a client has to send a request's head, from its first byte.
pub const HEAD_DEADLINE: Duration = Duration::from_secs(10);
/// The slowest a body may come once the head is in (bytes per second), with
/// [`HEAD_DEADLINE`] more as a start.
const MIN_BODY_RATE: u64 = 64 << 10;
/// The longest head read.
const MAX_HEAD: usize = 64 << 10;
/// Connections being read at once; more are closed as they come.
const MAX_READING: usize = 8192;

/// Listens on `public` and passes each request, once read, to the server at `inner`.
pub fn spawn(public: SocketAddr, inner: SocketAddr) -> io::Result<()> {
    let listener = TcpListener::bind(public)?;
    let reading = Arc::new(AtomicUsize::new(0));
    std::thread::Builder::new()
        .name("unkg front door".into())
        .spawn(move || {
            for stream in listener.incoming().flatten() {
                if reading.fetch_add(1, Ordering::SeqCst) >= MAX_READING {
                    reading.fetch_sub(1, Ordering::SeqCst);
                    continue; // dropped: closed at once
                }
                let counted = Reading(reading.clone());
                // A thread that waits on a socket needs little stack.
                let _ = std::thread::Builder::new()
                    .stack_size(128 << 10)
                    .spawn(move || pass_on(stream, inner, counted));
            }
        })?;
    Ok(())
}

/// One connection being read; counted down when it is read, or dropped.
struct Reading(Arc<AtomicUsize>);

impl Drop for Reading {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

/// Reads one request from `client` in time, sends it to `inner`, and the answer back.
fn pass_on(mut client: TcpStream, inner: SocketAddr, reading: Reading) {
    let _ = client.set_nodelay(true);
    let started = Instant::now();
    let (head, mut rest) = match read_head(&mut client, started + HEAD_DEADLINE) {
        Ok(read) => read,
        Err(Refusal(status, message)) => {
            refuse(&mut client, status, message);
            return;
        }
    };
    let Ok((head, body_length)) = with_connection_close(&head) else {
        refuse(
            &mut client,
            "411 Length Required",
            "send the request body with a Content-Length (chunked request bodies are not read)",
        );
        return;
    };
    let Ok(mut server) = TcpStream::connect(inner) else {
        refuse(
            &mut client,
            "503 Service Unavailable",
            "the server is not answering",
        );
        return;
    };
    let _ = server.set_nodelay(true);
    rest.truncate(body_length.min(rest.len() as u64) as usize);
    if server.write_all(&head).is_err() || server.write_all(&rest).is_err() {
        return;
    }
    // The rest of the body, at the least rate.
    let deadline =
        Instant::now() + HEAD_DEADLINE + Duration::from_secs(body_length / MIN_BODY_RATE);
    let mut left = body_length - rest.len() as u64;
    let mut buffer = vec![0; 64 << 10];
    while left > 0 {
        let Some(time) = deadline.checked_duration_since(Instant::now()) else {
            refuse(
                &mut client,
                "408 Request Timeout",
                "the request body came too slowly",
            );
            return;
        };
        let _ = client.set_read_timeout(Some(time.max(Duration::from_millis(1))));
        let want = buffer.len().min(left as usize);
        match client.read(&mut buffer[..want]) {
            Ok(0) | Err(_) => return,
            Ok(n) => {
                if server.write_all(&buffer[..n]).is_err() {
                    return;
                }
                left -= n as u64;
            }
        }
    }
    drop(reading);
    // The answer, as it comes: the server bounds its own silences (and a query its time).
    let _ = client.set_write_timeout(Some(super::IDLE_TIMEOUT));
    let _ = io::copy(&mut server, &mut client);
}

/// Why a request is refused: a status line and a sentence.
struct Refusal(&'static str, &'static str);

/// Reads up to the blank line that ends a request head, by `deadline`. Returns the head (the
/// blank line included) and what came after it.
fn read_head(client: &mut TcpStream, deadline: Instant) -> Result<(Vec<u8>, Vec<u8>), Refusal> {
    let too_slow = Refusal(
        "408 Request Timeout",
        "the request head did not come in time",
    );
    let mut read = Vec::with_capacity(4096);
    let mut chunk = [0u8; 4096];
    loop {
        let time = deadline
            .checked_duration_since(Instant::now())
            .ok_or(Refusal(too_slow.0, too_slow.1))?;
        let _ = client.set_read_timeout(Some(time.max(Duration::from_millis(1))));
        let n = match client.read(&mut chunk) {
            Ok(0) => return Err(Refusal("", "")), // the client went away
            Ok(n) => n,
            Err(e)
                if matches!(
                    e.kind(),
                    io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut
                ) =>
            {
                return Err(too_slow);
            }
            Err(_) => return Err(Refusal("", "")),
        };
        // The blank line may straddle two reads.
        let from = read.len().saturating_sub(3);
        read.extend_from_slice(&chunk[..n]);
        if let Some(end) = find(&read[from..], b"\r\n\r\n") {
            let rest = read.split_off(from + end + 4);
            return Ok((read, rest));
        }
        if read.len() > MAX_HEAD {
            return Err(Refusal(
                "431 Request Header Fields Too Large",
                "the request head is too long",
            ));
        }
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// The head with its connection headers replaced by `Connection: close`, and the body's
/// length; an error for a chunked body.
fn with_connection_close(head: &[u8]) -> Result<(Vec<u8>, u64), ()> {
    let text = String::from_utf8_lossy(head);
    let mut lines = text.split("\r\n");
    let mut out = String::with_capacity(head.len() + 20);
    out.push_str(lines.next().unwrap_or_default());
    out.push_str("\r\n");
    let mut length = 0;
    for line in lines.filter(|l| !l.is_empty()) {
        let (name, value) = line.split_once(':').unwrap_or((line, ""));
        let name = name.trim();
        if name.eq_ignore_ascii_case("transfer-encoding") {
            return Err(());
        }
        if name.eq_ignore_ascii_case("content-length") {
            // A bad length is the server's to refuse; none is read here.
            length = value.trim().parse().unwrap_or(0);
        }
        if name.eq_ignore_ascii_case("connection") || name.eq_ignore_ascii_case("keep-alive") {
            continue;
        }
        out.push_str(line);
        out.push_str("\r\n");
    }
    out.push_str("Connection: close\r\n\r\n");
    Ok((out.into_bytes(), length))
}

/// Answers with an error and closes; `status` empty when the client is gone.
fn refuse(client: &mut TcpStream, status: &str, message: &str) {
    if status.is_empty() {
        return;
    }
    let body = format!("{message}\n");
    let _ = client.set_write_timeout(Some(Duration::from_secs(1)));
    let _ = write!(
        client,
        "HTTP/1.1 {status}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
}
