//! One function per subcommand. Each returns the process exit code; errors that stop the
//! whole command come back as `anyhow::Error`.

mod agreement;
mod audit;
mod cites;
mod eval;
mod export;
mod extract;
mod ingest;
mod network;
mod query;
mod serve;
mod stats;

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
    }
}

/// Output to a file or standard output, buffered.
pub(crate) fn output(path: Option<&std::path::Path>) -> anyhow::Result<Box<dyn std::io::Write>> {
    use anyhow::Context;
    Ok(match path {
        Some(p) => Box::new(std::io::BufWriter::new(
            std::fs::File::create(p).with_context(|| format!("cannot create {}", p.display()))?,
        )),
        None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
    })
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
