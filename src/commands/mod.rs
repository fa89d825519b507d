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

/// The store of `dir` for reading, beside other readers and a writer.
pub(crate) fn open_store_to_read(dir: &std::path::Path) -> anyhow::Result<unkg::store::Store> {
    use anyhow::Context;
    unkg::store::Store::open_read_only(dir)
        .with_context(|| format!("cannot read the store in {}", dir.display()))
}

/// The store of `dir`, with a message that says what to do when it cannot be opened.
pub(crate) fn open_store(dir: &std::path::Path) -> anyhow::Result<unkg::store::Store> {
    use anyhow::Context;
    unkg::store::Store::open(dir).with_context(|| {
        format!("cannot open the store in {} (is another unkg using it? set --store or UNKG_STORE to choose another)", dir.display())
    })
}

pub(crate) fn extractor() -> anyhow::Result<unkg::extract::Extractor> {
    use anyhow::Context;
    let lexicon =
        unkg::lang::Lexicon::load().context("cannot load the language data of ontology/")?;
    Ok(unkg::extract::Extractor::new(lexicon))
}
