//! Test helpers: where the shared corpus is, a temporary folder, and running the real binary.

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
