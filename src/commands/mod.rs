//! One function per subcommand. Each returns the process exit code; errors that stop the
//! whole command come back as `anyhow::Error`.

mod agreement;
mod audit;
mod cites;
mod diff;
mod eval;
mod export;
mod extract;
mod ingest;
mod network;
mod push;
mod query;
mod serve;
mod stats;
mod validate;
mod votes;

use crate::cli::{Cli, Command};
use std::process::ExitCode;

pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Ingest(args) => ingest::run(&cli.store, cli.quiet, cli.verbose, args),
        Command::Extract(args) => extract::run(args),
        Command::Query(args) => query::run(&cli.store, args),
        Command::Export(args) => export::run(&cli.store, args),
        Command::Stats => stats::run(&cli.store),
        Command::Agreement(args) => agreement::run(&cli.store, args),
        Command::Eval(args) => eval::run(args),
        Command::Audit(args) => audit::run(args),
        Command::Cites(args) => cites::run(&cli.store, args),
        Command::Network(args) => network::run(&cli.store, args),
        Command::Serve(args) => serve::run(&cli.store, args),
        Command::Push(args) => push::run(&cli.store, cli.quiet, cli.verbose, args),
        Command::Validate(args) => validate::run(&cli.store, cli.quiet, args),
        Command::Votes(args) => votes::run(&cli.store, cli.quiet, args),
        Command::Diff(args) => diff::run_diff(&cli.store, args),
        Command::Series(args) => diff::run_series(&cli.store, args),
    }
}

/// Output to a file or standard output, buffered. A regular file is written beside its final
/// path and renamed there by [`Output::finish`]: a run stopped half-way leaves the earlier file
/// as it was, never a truncated one that looks whole. Anything else (`/dev/null`, a named
/// pipe) is written to as it is.
pub(crate) fn output(path: Option<&std::path::Path>) -> anyhow::Result<Output> {
    use anyhow::Context;
    let Some(path) = path else {
        return Ok(Output::Stdout(std::io::BufWriter::new(
            std::io::stdout().lock(),
        )));
    };
    let cannot = || format!("cannot create {}", path.display());
    if std::fs::metadata(path).is_ok_and(|m| !m.is_file()) {
        let file = std::fs::OpenOptions::new()
            .write(true)
            .open(path)
            .with_context(cannot)?;
        return Ok(Output::File {
            writer: std::io::BufWriter::new(file),
            partial: std::path::PathBuf::new(),
            path: path.to_path_buf(),
        });
    }
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let partial = path.with_file_name(format!(".{name}.{}.partial", std::process::id()));
    let file = std::fs::File::create(&partial)
        .with_context(|| format!("cannot create {}", partial.display()))?;
    Ok(Output::File {
        writer: std::io::BufWriter::new(file),
        partial,
        path: path.to_path_buf(),
    })
}

pub(crate) enum Output {
    Stdout(std::io::BufWriter<std::io::StdoutLock<'static>>),
    File {
        writer: std::io::BufWriter<std::fs::File>,
        /// Where the file is written until it is whole; empty when written in place.
        partial: std::path::PathBuf,
        path: std::path::PathBuf,
    },
}

impl Output {
    /// Writes out what is buffered and, for a file, puts it at its path.
    pub(crate) fn finish(mut self) -> anyhow::Result<()> {
        use anyhow::Context;
        use std::io::Write;
        self.flush()?;
        if let Output::File {
            writer,
            partial,
            path,
        } = &mut self
            && !partial.as_os_str().is_empty()
        {
            writer
                .get_ref()
                .sync_all()
                .with_context(|| format!("cannot write {}", path.display()))?;
            std::fs::rename(&partial, &path)
                .with_context(|| format!("cannot write {}", path.display()))?;
            partial.clear();
        }
        Ok(())
    }
}

impl std::io::Write for Output {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match self {
            Output::Stdout(w) => w.write(buf),
            Output::File { writer, .. } => writer.write(buf),
        }
    }
    fn write_all(&mut self, buf: &[u8]) -> std::io::Result<()> {
        match self {
            Output::Stdout(w) => w.write_all(buf),
            Output::File { writer, .. } => writer.write_all(buf),
        }
    }
    fn flush(&mut self) -> std::io::Result<()> {
        match self {
            Output::Stdout(w) => w.flush(),
            Output::File { writer, .. } => writer.flush(),
        }
    }
}

impl Drop for Output {
    /// An output dropped unfinished (an error stopped the command) leaves no partial file.
    fn drop(&mut self) {
        if let Output::File { partial, .. } = self
            && !partial.as_os_str().is_empty()
        {
            let _ = std::fs::remove_file(partial);
        }
    }
}

/// The store of `dir` for reading, beside other readers (never beside a writer).
pub(crate) fn open_store_to_read(dir: &std::path::Path) -> anyhow::Result<unkg::store::Store> {
    unkg::store::Store::open_read_only(dir).map_err(|e| why_not_opened(dir, e))
}

/// The store of `dir`, to write, with a message that says what to do when it cannot be opened.
pub(crate) fn open_store(dir: &std::path::Path) -> anyhow::Result<unkg::store::Store> {
    unkg::store::Store::open(dir).map_err(|e| why_not_opened(dir, e))
}

/// A store held by another process says so itself; anything else gets the folder named.
fn why_not_opened(dir: &std::path::Path, error: unkg::store::StoreError) -> anyhow::Error {
    match error {
        unkg::store::StoreError::Busy(message) => anyhow::anyhow!(message),
        other => {
            anyhow::Error::new(other).context(format!("cannot open the store in {}", dir.display()))
        }
    }
}

pub(crate) fn extractor() -> anyhow::Result<unkg::extract::Extractor> {
    use anyhow::Context;
    let lexicon =
        unkg::lang::Lexicon::load().context("cannot load the language data of ontology/")?;
    Ok(unkg::extract::Extractor::new(lexicon))
}

/// Reports each path the walk could not read (`unkg: PATH: why`); says whether it read all.
pub(crate) fn report_walk(walk: &unkg::input::Walk) -> bool {
    for (path, e) in &walk.errors {
        eprintln!("unkg: {}: {e}", path.display());
    }
    walk.errors.is_empty()
}

/// The most files one thread extracts without letting another take some. Rayon otherwise
/// hands each core a quarter of the files or so and splits a share only when it is stolen
/// from: a profile of the network from 150,000 files showed the last share extracted on one
/// core while the other waited for about a second.
pub(crate) const FILES_PER_TASK: usize = 8;

/// Extracts `files` on every core and maps each extraction there (with the file's index in
/// `files`); returns what was mapped, in the files' order, and whether every file gave a
/// record. A file that gives none is reported (`unkg: PATH: why`) and left out.
pub(crate) fn extract_all<T: Send>(
    extractor: &unkg::extract::Extractor,
    files: &[std::path::PathBuf],
    lang: Option<&str>,
    map: impl Fn(usize, unkg::extract::Extraction) -> T + Sync,
) -> (Vec<T>, bool) {
    use rayon::prelude::*;
    let extracted: Vec<_> = files
        .par_iter()
        .with_max_len(FILES_PER_TASK)
        .enumerate()
        .map(|(i, path)| extractor.extract_file(path, lang).map(|e| map(i, e)))
        .collect();
    let mut all_read = true;
    let mut mapped = Vec::with_capacity(extracted.len());
    for (path, extraction) in files.iter().zip(extracted) {
        match extraction {
            Ok(m) => mapped.push(m),
            Err(e) => {
                eprintln!("unkg: {}: {e}", path.display());
                all_read = false;
            }
        }
    }
    (mapped, all_read)
}

/// A path made absolute (and real, where it exists), so that one file is one source, as
/// sources are keyed.
pub(crate) fn absolute(path: &std::path::Path) -> String {
    unkg::store::path_key(&std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf()))
}

/// The citation network of the store, or, when `paths` are given, of those files and folders
/// read straight (no store is opened): extracted on every core, put together by the rules of
/// the store. The flag says whether every file could be read (a file that could not is named
/// on standard error).
pub(crate) fn citation_network(
    store_dir: &std::path::Path,
    paths: &[std::path::PathBuf],
    lang: Option<&str>,
) -> anyhow::Result<(unkg::network::CitationGraph, bool)> {
    if paths.is_empty() {
        let store = open_store_to_read(store_dir)?;
        return Ok((unkg::network::load(&store)?, true));
    }
    // Loading the language data and walking the folders wait on different things: at once.
    let (extractor, walk) = rayon::join(extractor, || unkg::input::walk(paths));
    let extractor = extractor?;
    let walked = report_walk(&walk);
    let (documents, all_extracted) = extract_all(&extractor, &walk.files, lang, |i, e| {
        (
            unkg::store::path_key(&walk.real_paths[i]),
            unkg::network::DocumentFacts::of(&e.record, &e.text),
        )
    });
    let all_read = walked && all_extracted;
    let (g, shadowed) = unkg::network::from_documents(documents)?;
    for (file, giver) in shadowed {
        eprintln!(
            "unkg: {}: holds the same document as {}, which gives it (the file whose path sorts last does, as in a store)",
            unkg::store::key_path(&file).display(),
            unkg::store::key_path(&giver).display(),
        );
    }
    Ok((g, all_read))
}
