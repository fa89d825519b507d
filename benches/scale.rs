//! The UN record at scale, generated: General Assembly series re-adopted every session, each
//! recalling its predecessors; Security Council situations; a few landmark resolutions cited
//! far more than the rest; the masthead and layout forms of the real texts, in six languages.
//! Then the commands a user runs, whole (opening and loading the store included): ingest,
//! ingest again with 1% of the files changed, `network`, Turtle export, and every named query,
//! with peak memory.
//!
//! Run: `cargo bench --bench scale` (25,000 resolutions in six languages: 150,000 files).
//! `UNKG_SCALE_RESOLUTIONS=17400 UNKG_SCALE_LANGUAGES=en cargo bench --bench scale` for the
//! English-only comparison; `UNKG_SCALE_DIR` keeps the corpus and store there;
//! `UNKG_SCALE_NO_PUSH=1` leaves out the pushes to Virtuoso (an hour at full scale).

#[path = "common.rs"]
mod common;
#[path = "generated.rs"]
mod generated;
#[path = "random.rs"]
mod random;

use generated::generate;
use std::path::Path;
use std::time::Instant;

fn main() {
    let total: usize = std::env::var("UNKG_SCALE_RESOLUTIONS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(25_000);
    let codes: Vec<String> = std::env::var("UNKG_SCALE_LANGUAGES")
        .unwrap_or_else(|_| "en,fr,es,ru,ar,zh".into())
        .split(',')
        .map(str::to_string)
        .collect();
    let temporary = tempfile::tempdir().unwrap();
    let base = std::env::var_os("UNKG_SCALE_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| temporary.path().to_path_buf());
    let corpus = base.join("corpus");
    let store = base.join("store");
    let _ = std::fs::remove_dir_all(&corpus);
    let _ = std::fs::remove_dir_all(&store);
    let started = Instant::now();
    let (files, bytes, recent) = generate(&corpus, total, &codes);
    println!(
        "generated {files} files ({total} resolutions in {}), {:.0} MB, in {:.1} s",
        codes.join(" "),
        bytes as f64 / 1e6,
        started.elapsed().as_secs_f64()
    );
    let corpus_arg = corpus.to_str().unwrap();
    let row = |what: &str, run: &common::Run| {
        println!(
            "{what:<40} {:>8.2} s   peak {:>9}",
            run.seconds,
            common::mib(run.peak_mib)
        );
    };
    let ingest = common::unkg(&store, &["ingest", corpus_arg]);
    row(&format!("ingest {files} documents (fresh)"), &ingest);
    // What was found, as a check that the generated texts read as resolutions.
    print!(
        "{}",
        String::from_utf8_lossy(&common::unkg(&store, &["stats"]).stdout)
    );

    // A shared server, when this machine has Virtuoso: the whole store, then what changed.
    let virtuoso = if std::env::var_os("UNKG_SCALE_NO_PUSH").is_some() {
        None
    } else {
        Virtuoso::start(&base)
    };
    if let Some(v) = &virtuoso {
        row("push to Virtuoso (all graphs)", &v.push(&store));
    }

    // 1% of the files change: a line added at the end.
    let mut changed = 0;
    for entry in walk(&corpus).into_iter().step_by(100) {
        let mut text = std::fs::read_to_string(&entry).unwrap();
        text.push_str("\nCorrigendum.\n");
        std::fs::write(&entry, text).unwrap();
        changed += 1;
    }
    row(
        &format!("ingest again, {changed} files changed"),
        &common::unkg(&store, &["ingest", corpus_arg]),
    );
    if let Some(v) = &virtuoso {
        row("push to Virtuoso (what changed)", &v.push(&store));
    }
    drop(virtuoso);
    let network = common::unkg(&store, &["network", "--format", "json"]);
    row("network", &network);
    let export = common::unkg(
        &store,
        &[
            "export",
            "--format",
            "turtle",
            "-o",
            base.join("all.ttl").to_str().unwrap(),
        ],
    );
    row("export --format turtle", &export);
    let again = common::unkg(
        &store,
        &[
            "export",
            "--format",
            "turtle",
            "-o",
            base.join("again.ttl").to_str().unwrap(),
        ],
    );
    let identical = std::fs::read(base.join("all.ttl")).unwrap()
        == std::fs::read(base.join("again.ttl")).unwrap();
    println!(
        "{:<40} {:>8.2} s   byte-identical: {identical}",
        "export --format turtle, again", again.seconds
    );
    row(
        "export --format nq",
        &common::unkg(
            &store,
            &[
                "export",
                "--format",
                "nq",
                "-o",
                base.join("all.nq").to_str().unwrap(),
            ],
        ),
    );
    // Oxigraph's own dump of the same store, for comparison (no order, no grouping).
    let started = Instant::now();
    {
        let opened = unkg::store::Store::open_read_only(&store).unwrap();
        let out = std::io::BufWriter::new(std::fs::File::create(base.join("dump.nq")).unwrap());
        opened
            .oxigraph()
            .dump_to_writer(
                oxigraph::io::RdfSerializer::from_format(oxigraph::io::RdfFormat::NQuads),
                out,
            )
            .unwrap();
    }
    println!(
        "{:<40} {:>8.2} s",
        "oxigraph dump_to_writer (N-Quads)",
        started.elapsed().as_secs_f64()
    );
    let names = String::from_utf8(common::unkg(&store, &["query", "--list"]).stdout).unwrap();
    for name in names.lines().filter_map(|l| l.split_whitespace().next()) {
        let mut args = vec!["query", "--name", name, "--format", "csv"];
        let binding = match name {
            "citations-of" | "web-annotations" => Some(format!("symbol={recent}")),
            "cited-by" => Some("symbol=A/RES/1/1".to_string()),
            _ => None,
        };
        if let Some(b) = &binding {
            args.extend(["--bind", b.as_str()]);
        }
        if name == "web-annotations" {
            args[4] = "nt";
        }
        let run = common::unkg(&store, &args);
        let rows = run.stdout.iter().filter(|&&b| b == b'\n').count();
        println!(
            "{:<40} {:>8.2} s   {rows} rows",
            format!("query --name {name}"),
            run.seconds
        );
    }
    search(&store, &recent);
    memory_by_size(&base, total, &codes);
}

/// `/search` as the server answers it: `unkg serve` on the store, then each search a user
/// types, timed from request to the whole page (the median of three).
fn search(store: &Path, recent: &str) {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .unwrap()
        .port();
    let binary = std::env::var_os("UNKG_BIN").unwrap_or(env!("CARGO_BIN_EXE_unkg").into());
    let mut server = std::process::Command::new(binary)
        .arg("--store")
        .arg(store)
        .args(["serve", "--bind", &format!("127.0.0.1:{port}")])
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("unkg serve");
    let get = |q: &str| -> Option<(f64, String)> {
        use std::io::{Read, Write};
        let started = Instant::now();
        let mut stream = std::net::TcpStream::connect(("127.0.0.1", port)).ok()?;
        let query: String = q
            .bytes()
            .map(|b| match b {
                b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' => (b as char).to_string(),
                _ => format!("%{b:02X}"),
            })
            .collect();
        write!(
            stream,
            "GET /search?q={query} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
        )
        .ok()?;
        let mut page = String::new();
        stream.read_to_string(&mut page).ok()?;
        Some((started.elapsed().as_secs_f64(), page))
    };
    let deadline = Instant::now() + std::time::Duration::from_secs(60);
    while get("1").is_none() && Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    for q in ["687", "687 (1991)", recent, "res 1", "nuclear disarmament"] {
        let mut times: Vec<f64> = Vec::new();
        let mut found = String::new();
        for _ in 0..3 {
            if let Some((seconds, page)) = get(q) {
                times.push(seconds);
                found = page
                    .split("data-found=\"")
                    .nth(1)
                    .and_then(|rest| rest.split('"').next())
                    .unwrap_or("?")
                    .to_string();
            }
        }
        times.sort_by(f64::total_cmp);
        if let Some(median) = times.get(times.len() / 2) {
            println!(
                "{:<40} {median:>8.3} s   {found} found",
                format!("search {q:?}")
            );
        }
    }
    let _ = server.kill();
    let _ = server.wait();
}

/// A private Virtuoso on loopback (tests/interop/virtuoso.sh), stopped when dropped.
struct Virtuoso {
    folder: std::path::PathBuf,
    http: u16,
    sql: u16,
    password_file: std::path::PathBuf,
}

const VIRTUOSO_PASSWORD: &str = "unkg-bench";

impl Virtuoso {
    fn script() -> std::path::PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/interop/virtuoso.sh")
    }

    fn start(base: &Path) -> Option<Virtuoso> {
        let found = std::process::Command::new("virtuoso-t")
            .arg("-?")
            .output()
            .is_ok();
        if !found {
            println!(
                "(no Virtuoso here: the push is not timed; scripts/build-deps --tests installs it)"
            );
            return None;
        }
        let free = || {
            std::net::TcpListener::bind("127.0.0.1:0")
                .unwrap()
                .local_addr()
                .unwrap()
                .port()
        };
        let v = Virtuoso {
            folder: base.join("virtuoso"),
            http: free(),
            sql: free(),
            password_file: base.join("virtuoso.password"),
        };
        let _ = std::fs::remove_dir_all(&v.folder);
        std::fs::write(&v.password_file, VIRTUOSO_PASSWORD).unwrap();
        let started = std::process::Command::new(Self::script())
            .arg("start")
            .arg(&v.folder)
            .args([&v.http.to_string(), &v.sql.to_string(), VIRTUOSO_PASSWORD])
            .status()
            .unwrap();
        assert!(started.success(), "Virtuoso did not start");
        Some(v)
    }

    fn push(&self, store: &Path) -> common::Run {
        let gsp = format!("http://127.0.0.1:{}/sparql-graph-crud-auth", self.http);
        let query = format!("http://127.0.0.1:{}/sparql", self.http);
        common::unkg(
            store,
            &[
                "push",
                &gsp,
                "--query-url",
                &query,
                "--user",
                "dba",
                "--password-file",
                self.password_file.to_str().unwrap(),
            ],
        )
    }
}

impl Drop for Virtuoso {
    fn drop(&mut self) {
        let _ = std::process::Command::new(Self::script())
            .arg("stop")
            .arg(&self.folder)
            .args([&self.sql.to_string(), VIRTUOSO_PASSWORD])
            .status();
        let _ = std::fs::remove_dir_all(&self.folder);
    }
}

/// Peak memory of a fresh ingest at smaller sizes of the same corpus: it should not grow with
/// the number of documents.
fn memory_by_size(base: &Path, total: usize, codes: &[String]) {
    let documents = total * codes.len();
    for size in [10_000, 50_000].into_iter().filter(|&n| n < documents) {
        let dir = base.join(format!("size-{size}"));
        let _ = std::fs::remove_dir_all(&dir);
        let (files, _, _) = generate(&dir.join("corpus"), size / codes.len(), codes);
        let run = common::unkg(
            &dir.join("store"),
            &["ingest", dir.join("corpus").to_str().unwrap()],
        );
        println!(
            "{:<40} {:>8.2} s   peak {:>9}",
            format!("ingest {files} documents (fresh)"),
            run.seconds,
            common::mib(run.peak_mib)
        );
        let _ = std::fs::remove_dir_all(&dir);
    }
}

/// The files of a folder, recursively, in name order.
fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}
