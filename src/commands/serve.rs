use crate::cli::ServeArgs;
use anyhow::Context;
use std::process::ExitCode;
use std::time::Duration;

pub fn run(store_dir: &std::path::Path, args: ServeArgs) -> anyhow::Result<ExitCode> {
    let store = if args.allow_update {
        super::open_store(store_dir)?
    } else {
        super::open_store_to_read(store_dir)?
    };
    let options = unkg::serve::Options {
        bind: args.bind,
        allow_update: args.allow_update,
        timeout: Duration::from_secs(args.timeout),
        cors: args.cors,
    };
    let server = unkg::serve::start(store, options)
        .with_context(|| format!("cannot listen on {}", args.bind))?;
    eprintln!(
        "unkg: serving {} at http://{}/ (SPARQL at /query{})",
        store_dir.display(),
        args.bind,
        if args.allow_update {
            ", updates at /update"
        } else {
            "; read-only"
        }
    );
    server.join().context("the server stopped")?;
    Ok(ExitCode::SUCCESS)
}
