//! Who may use a store folder at once, across processes: one writer, or any number of readers.
//! RocksDB locks out a second writer itself, but a read-only opening beside a writer in another
//! process is undefined behaviour in Oxigraph, so readers and writers take an advisory lock
//! (`unkg.lock`) first. A writer leaves a note (`unkg.holder`) saying what it is, so that a
//! refused command can say where to go instead (`unkg serve` takes ingests at its endpoint).

use std::fs::{File, OpenOptions, TryLockError};
use std::io::Write;
use std::path::Path;

const LOCK_FILE: &str = "unkg.lock";
const HOLDER_FILE: &str = "unkg.holder";

/// A held lock on a store folder, released when dropped (or when the process ends, however).
#[derive(Debug)]
pub struct FolderLock {
    _file: File,
}

/// How a store folder is to be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    Read,
    Write,
}

impl FolderLock {
    /// Takes the lock for `access`, or says who holds it and what to do.
    pub fn take(dir: &Path, access: Access) -> Result<FolderLock, String> {
        if access == Access::Write {
            std::fs::create_dir_all(dir)
                .map_err(|e| format!("cannot create the store folder {}: {e}", dir.display()))?;
        }
        let path = dir.join(LOCK_FILE);
        let file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(|e| format!("cannot open {}: {e}", path.display()))?;
        let taken = match access {
            Access::Read => file.try_lock_shared(),
            Access::Write => file.try_lock(),
        };
        match taken {
            Ok(()) => Ok(FolderLock { _file: file }),
            Err(TryLockError::WouldBlock) => Err(busy(dir, &file, access)),
            Err(TryLockError::Error(e)) => Err(format!("cannot lock {}: {e}", path.display())),
        }
    }

    /// Records what holds the store for writing, for the messages of those refused.
    pub fn describe_holder(&self, dir: &Path, holder: &str) {
        let written =
            File::create(dir.join(HOLDER_FILE)).and_then(|mut f| f.write_all(holder.as_bytes()));
        // The note only improves a message: a store on a read-only medium works without it.
        drop(written);
    }
}

/// Why the lock could not be had, in the words of what to do about it.
fn busy(dir: &Path, file: &File, wanted: Access) -> String {
    let store = dir.display();
    // Readers only: a writer waits for them.
    if wanted == Access::Write && file.try_lock_shared().is_ok() {
        let _ = file.unlock();
        return format!(
            "the store in {store} is being read by another unkg (query, export, network …); run this again when it ends"
        );
    }
    let holder = std::fs::read_to_string(dir.join(HOLDER_FILE)).unwrap_or_default();
    match holder.strip_prefix("serve ") {
        Some(url) => {
            let url = url.trim();
            if wanted == Access::Write {
                format!(
                    "the store in {store} is served by `unkg serve` at {url}; ingest through it with `unkg ingest --endpoint {url} PATHS` (it needs --allow-update), or stop the server"
                )
            } else {
                format!(
                    "the store in {store} is served by `unkg serve` at {url}; query it there ({url}query?query=…, or the page at {url}), or stop the server"
                )
            }
        }
        None => format!(
            "the store in {store} is being written by another unkg (an ingest?); run this again when it ends, or set --store or UNKG_STORE to use another store"
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_writer_or_many_readers() {
        let dir = tempfile::tempdir().unwrap();
        let first = FolderLock::take(dir.path(), Access::Read).unwrap();
        let second = FolderLock::take(dir.path(), Access::Read).unwrap();
        let refused = FolderLock::take(dir.path(), Access::Write).unwrap_err();
        assert!(refused.contains("being read"), "{refused}");
        drop((first, second));
        let writer = FolderLock::take(dir.path(), Access::Write).unwrap();
        writer.describe_holder(dir.path(), "serve http://127.0.0.1:7878/");
        let refused = FolderLock::take(dir.path(), Access::Write).unwrap_err();
        assert!(
            refused.contains("unkg ingest --endpoint http://127.0.0.1:7878/"),
            "{refused}"
        );
        let refused = FolderLock::take(dir.path(), Access::Read).unwrap_err();
        assert!(refused.contains("query it there"), "{refused}");
    }
}
