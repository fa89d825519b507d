//! Test helpers: where the shared corpus is, a temporary folder, and running the real binary.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// `../shared/corpus`, or `$UNKG_CORPUS`.
pub fn corpus() -> PathBuf {
    match std::env::var_os("UNKG_CORPUS") {
        Some(p) => PathBuf::from(p),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus"),
    }
}

/// `../shared/gold`, beside the corpus.
pub fn gold() -> PathBuf {
    corpus().join("../gold")
}

pub fn read(relative: &str) -> String {
    let path = corpus().join(relative);
    std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e} (set UNKG_CORPUS to the shared corpus folder)",
            path.display()
        )
    })
}

/// A fresh temporary folder, removed when dropped.
pub struct Dir(pub tempfile::TempDir);

impl Dir {
    pub fn new() -> Dir {
        Dir(tempfile::tempdir().expect("temporary folder"))
    }
    pub fn path(&self) -> &Path {
        self.0.path()
    }
    pub fn write(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let p = self.path().join(name);
        std::fs::write(&p, bytes).unwrap();
        p
    }
}

/// Runs `unkg` with a store in `store`.
pub fn unkg(store: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_unkg"))
        .arg("--store")
        .arg(store)
        .args(args)
        .env_remove("UNKG_ONTOLOGY")
        .output()
        .expect("run unkg")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Makes a store in `store` of the Security Council corpus, the Chinese texts and the
/// constructed versions in five languages (79/47 in six languages).
pub fn ingest_corpus(store: &Path) {
    for path in ["raw/en", "raw/zh", "constructed"] {
        ok(unkg(
            store,
            &["ingest", "-q", corpus().join(path).to_str().unwrap()],
        ));
    }
}

/// Asserts success and returns standard output.
pub fn ok(o: Output) -> String {
    assert!(
        o.status.success(),
        "unkg failed ({:?}):\n{}",
        o.status,
        stderr(&o)
    );
    stdout(&o)
}

/// The DOM of a page after its scripts ran in headless Chromium, and Chromium's log; `None`
/// when there is no Chromium and `UNKG_SKIP_BROWSER` says to go without.
pub fn headless_dom(url: &str) -> Option<(String, String)> {
    let found = ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find(|c| {
            std::env::var_os("PATH")
                .is_some_and(|paths| std::env::split_paths(&paths).any(|p| p.join(c).is_file()))
        });
    let Some(chromium) = found else {
        if std::env::var_os("UNKG_SKIP_BROWSER").is_some() {
            // Written past the test harness's capture, so that a skip is never silent.
            let _ = writeln!(
                std::io::stderr(),
                "SKIPPED: the browser check of {url} (no Chromium, UNKG_SKIP_BROWSER is set)"
            );
            return None;
        }
        panic!(
            "no Chromium to open {url} in: install Debian's chromium (as .ci/run does) or set UNKG_SKIP_BROWSER=1"
        );
    };
    let profile = Dir::new();
    // The flags keep a headless Chromium off the network this machine does not have.
    let output = Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
        ])
        .args([
            "--disable-component-update",
            "--disable-sync",
            "--enable-logging=stderr",
            "--v=0",
            "--virtual-time-budget=10000",
            // A laptop screen, not the 800 × 600 default.
            "--window-size=1280,800",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(["--dump-dom", url])
        .output()
        .expect("run chromium");
    Some((
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    ))
}

/// A Python interpreter that can import `modules`: `$UNKG_PYTHON`, the environment that
/// `scripts/build-deps --tests` makes, or `python3`. `None` (said aloud) when there is none
/// and `UNKG_SKIP_CLIENTS` says to go without.
pub fn python_with(modules: &[&str]) -> Option<PathBuf> {
    let home = std::env::var_os("HOME")
        .map(PathBuf::from)
        .unwrap_or_default();
    let candidates = std::env::var_os("UNKG_PYTHON")
        .map(PathBuf::from)
        .into_iter()
        .chain([
            home.join(".cache/unkg/python/bin/python3"),
            PathBuf::from("python3"),
        ]);
    let import = format!("import {}", modules.join(", "));
    for python in candidates {
        let works = Command::new(&python)
            .args(["-c", &import])
            .output()
            .is_ok_and(|o| o.status.success());
        if works {
            return Some(python);
        }
    }
    if std::env::var_os("UNKG_SKIP_CLIENTS").is_some() {
        let _ = writeln!(
            std::io::stderr(),
            "SKIPPED: the checks with Python's {} (none installed, UNKG_SKIP_CLIENTS is set)",
            modules.join(" and ")
        );
        return None;
    }
    panic!(
        "no Python with {}: run scripts/build-deps --tests (it installs them in ~/.cache/unkg/python), set UNKG_PYTHON, or set UNKG_SKIP_CLIENTS=1",
        modules.join(" and ")
    );
}

/// The number in a `data-NAME="N"` attribute of a dumped DOM.
pub fn data_number(dom: &str, name: &str) -> usize {
    dom.split(&format!("data-{name}=\""))
        .nth(1)
        .and_then(|s| s.split('"').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or(0)
}

/// A program that the push and interop tests run (`virtuoso-t`, Oxigraph's `oxigraph`): on
/// the PATH or in the Python environment that `scripts/build-deps --tests` makes. `None`
/// (said aloud) when it is missing and `UNKG_SKIP_CLIENTS` says to go without.
pub fn program(name: &str) -> Option<PathBuf> {
    let home = std::env::var_os("HOME")
        .map(PathBuf::from)
        .unwrap_or_default();
    let venv = home.join(".cache/unkg/python/bin").join(name);
    if venv.exists() {
        return Some(venv);
    }
    let found = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|dir| dir.join(name))
            .find(|p| p.is_file())
    });
    if found.is_some() {
        return found;
    }
    if std::env::var_os("UNKG_SKIP_CLIENTS").is_some() {
        let _ = writeln!(
            std::io::stderr(),
            "SKIPPED: the checks that need {name} (not installed, UNKG_SKIP_CLIENTS is set)"
        );
        return None;
    }
    panic!("{name} is not installed: run scripts/build-deps --tests, or set UNKG_SKIP_CLIENTS=1");
}

/// A TCP port free on loopback at the time of asking.
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}
