//! What the last pushes to one server left there: graph → digest of what was sent. Kept as an
//! append-only log beside the store, a line a graph once the server has it, so that a push
//! killed at any point leaves every line written true (a torn last line is ignored) and the
//! next push goes on from there. A finished push rewrites the log compactly.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Marks a graph deleted on the server, in place of a digest.
const DELETED: &str = "-";

pub struct PushState {
    path: PathBuf,
    remote: String,
    sent: BTreeMap<String, String>,
    log: std::fs::File,
}

impl PushState {
    /// The state of pushes from the store in `store_dir` to `remote`, kept in
    /// `store_dir/push/` under a name derived from the URL.
    pub fn open(store_dir: &Path, remote: &str) -> std::io::Result<PushState> {
        use sha2::Digest;
        let dir = store_dir.join("push");
        std::fs::create_dir_all(&dir)?;
        let name = crate::text::hex(&sha2::Sha256::digest(remote.as_bytes())[..8]);
        let path = dir.join(format!("{name}.log"));
        let mut sent = BTreeMap::new();
        if let Ok(text) = std::fs::read_to_string(&path) {
            for line in text.split_inclusive('\n') {
                // A line without its newline was being written when the push stopped.
                let Some(line) = line.strip_suffix('\n') else {
                    continue;
                };
                if line.starts_with('#') {
                    continue;
                }
                if let Some((digest, graph)) = line.split_once('\t') {
                    if digest == DELETED {
                        sent.remove(graph);
                    } else {
                        sent.insert(graph.to_string(), digest.to_string());
                    }
                }
            }
        }
        // Start from a compact log: what was read, rewritten, then appended to.
        let log = write_compact(&path, remote, &sent)?;
        Ok(PushState {
            log,
            path,
            remote: remote.to_string(),
            sent,
        })
    }

    /// The digest of what was last sent of `graph`, if the server has it.
    pub fn digest(&self, graph: &str) -> Option<&str> {
        self.sent.get(graph).map(String::as_str)
    }

    /// The graphs the server has from earlier pushes.
    pub fn graphs(&self) -> impl Iterator<Item = &str> {
        self.sent.keys().map(String::as_str)
    }

    /// Notes that the server now holds `graph` as `digest`.
    pub fn sent(&mut self, graph: &str, digest: &str) -> std::io::Result<()> {
        writeln!(self.log, "{digest}\t{graph}")?;
        self.sent.insert(graph.to_string(), digest.to_string());
        Ok(())
    }

    /// Notes that `graph` is gone from the server, or must be sent again whatever its digest.
    pub fn forget(&mut self, graph: &str) -> std::io::Result<()> {
        writeln!(self.log, "{DELETED}\t{graph}")?;
        self.sent.remove(graph);
        Ok(())
    }

    /// Rewrites the log as one line a graph.
    pub fn rewrite(&mut self) -> std::io::Result<()> {
        self.log = write_compact(&self.path, &self.remote, &self.sent)?;
        Ok(())
    }
}

/// Writes `sent` to the log at `path`, one line a graph: beside it, synced, then renamed
/// over it. Returns the log opened to append.
fn write_compact(
    path: &Path,
    remote: &str,
    sent: &BTreeMap<String, String>,
) -> std::io::Result<std::fs::File> {
    let fresh = path.with_extension("log.new");
    let mut file = std::io::BufWriter::new(std::fs::File::create(&fresh)?);
    writeln!(file, "# unkg push state for {remote}")?;
    for (graph, digest) in sent {
        writeln!(file, "{digest}\t{graph}")?;
    }
    let file = file.into_inner().map_err(|e| e.into_error())?;
    file.sync_all()?;
    std::fs::rename(&fresh, path)?;
    std::fs::OpenOptions::new().append(true).open(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_torn_last_line_is_ignored_and_the_rest_is_kept() {
        let dir = tempfile::tempdir().unwrap();
        let mut state = PushState::open(dir.path(), "http://h/gsp").unwrap();
        state.sent("https://g/1", "aa").unwrap();
        state.sent("https://g/2", "bb").unwrap();
        state.forget("https://g/1").unwrap();
        let log = std::fs::read_dir(dir.path().join("push"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .find(|p| p.extension().is_some_and(|e| e == "log"))
            .unwrap();
        // A push killed in the middle of a line.
        std::fs::OpenOptions::new()
            .append(true)
            .open(&log)
            .unwrap()
            .write_all(b"cc\thttps://g/")
            .unwrap();
        let state = PushState::open(dir.path(), "http://h/gsp").unwrap();
        assert_eq!(state.graphs().collect::<Vec<_>>(), ["https://g/2"]);
        assert_eq!(state.digest("https://g/2"), Some("bb"));
        // Another server's state is kept apart.
        let other = PushState::open(dir.path(), "http://other/gsp").unwrap();
        assert_eq!(other.graphs().count(), 0);
    }
}
