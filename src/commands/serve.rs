use crate::cli::ServeArgs;
use anyhow::Context;
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;
use std::time::Duration;
use unkg::serve::supervisor;

/// `unkg serve`: a supervisor that listens for clients, and behind it a query engine (this
/// command again, with `--engine`) that owns the store, so that writes through the endpoint
/// are seen at once and a query that cannot be cancelled costs a restart, not the CPU.
pub fn run(store_dir: &Path, args: ServeArgs) -> anyhow::Result<ExitCode> {
    let options = unkg::serve::Options {
        store_dir: store_dir.to_path_buf(),
        bind: args.bind,
        allow_update: args.allow_update,
        timeout: Duration::from_secs(args.timeout),
        cors: args.cors,
        allowed_hosts: args.allowed_hosts.clone(),
        engine_secret: None,
    };
    if args.engine {
        return engine(store_dir, options);
    }
    let mut engine_args = vec![
        "--store".to_string(),
        store_dir.display().to_string(),
        "serve".into(),
        "--timeout".into(),
        args.timeout.to_string(),
    ];
    for (on, flag) in [(args.allow_update, "--allow-update"), (args.cors, "--cors")] {
        if on {
            engine_args.push(flag.into());
        }
    }
    let server = supervisor::start(options, engine_args)
        .with_context(|| format!("cannot serve {} at {}", store_dir.display(), args.bind))?;
    eprintln!(
        "unkg: serving {} at http://{}/ (SPARQL at /query{})",
        store_dir.display(),
        args.bind,
        if args.allow_update {
            ", updates at /update, `unkg ingest --endpoint` at /ingest"
        } else {
            "; read-only"
        }
    );
    server.join().context("the server stopped")?;
    Ok(ExitCode::SUCCESS)
}

/// The engine: owns the store, answers the supervisor on loopback, and ends with it.
fn engine(store_dir: &Path, mut options: unkg::serve::Options) -> anyhow::Result<ExitCode> {
    options.engine_secret = Some(
        std::env::var(supervisor::SECRET_ENV)
            .context("the query engine is started by `unkg serve`, not by hand")?,
    );
    let store = super::open_store(store_dir)?;
    let bind = options.bind;
    let server = unkg::serve::start(store.clone(), options)
        .with_context(|| format!("the query engine cannot listen on {bind}"))?;
    if let Ok(url) = std::env::var(supervisor::PUBLIC_URL_ENV) {
        store.announce(store_dir, &format!("serve {url}"));
    }
    let mut out = std::io::stdout().lock();
    writeln!(out, "{}", supervisor::READY)?;
    out.flush()?;
    drop(out);
    // The supervisor holds the other end of standard input: when it ends, so does the engine.
    std::thread::spawn(|| {
        let _ = std::io::copy(&mut std::io::stdin().lock(), &mut std::io::sink());
        std::process::exit(0);
    });
    server.join().context("the query engine stopped")?;
    Ok(ExitCode::SUCCESS)
}
