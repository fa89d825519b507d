use crate::cli::PushArgs;
use anyhow::Context;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::{IsTerminal, Write};
use std::process::ExitCode;
use unkg::push::{self, Options, gsp};

pub fn run(
    store_dir: &std::path::Path,
    quiet: bool,
    verbose: bool,
    args: PushArgs,
) -> anyhow::Result<ExitCode> {
    let started = std::time::Instant::now();
    let credentials = match &args.user {
        Some(user) => Some(gsp::Credentials {
            user: user.clone(),
            password: password(&args)?,
        }),
        None => None,
    };
    let store = super::open_store_to_read(store_dir)?;
    let options = Options {
        all: args.all,
        verify: args.verify,
        jobs: args.jobs,
        chunk_triples: args.chunk,
    };
    let plan = push::plan(&store, store_dir, &args.url, &options)?;
    let mut out = super::output(None)?;
    if args.dry_run {
        for (graph, _) in &plan.send {
            writeln!(out, "PUT\t{graph}")?;
        }
        for graph in &plan.delete {
            writeln!(out, "DELETE\t{graph}")?;
        }
        out.finish()?;
        eprintln!(
            "unkg: would send {} graphs and delete {} on {} ({} unchanged)",
            plan.send.len(),
            plan.delete.len(),
            args.url,
            plan.unchanged
        );
        return Ok(ExitCode::SUCCESS);
    }
    if args.query_url.is_none() && !quiet {
        eprintln!("unkg: without --query-url the server's counts are not checked after the push");
    }
    let server = gsp::GraphStore::new(
        &args.url,
        args.query_url.as_deref(),
        credentials,
        std::time::Duration::from_secs(args.timeout),
    );
    let unchanged = plan.unchanged;
    let progress = ProgressBar::new((plan.send.len() + plan.delete.len()) as u64);
    if quiet || !std::io::stderr().is_terminal() {
        progress.set_draw_target(ProgressDrawTarget::hidden());
    }
    progress.set_style(
        ProgressStyle::with_template("{bar:40} {pos}/{len} graphs {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    let report = push::run(&store, &server, plan, &options, &|| progress.inc(1))?;
    progress.finish_and_clear();
    if verbose {
        for (graph, triples) in &report.sent {
            writeln!(out, "PUT\t{graph}\t{triples}")?;
        }
        for graph in &report.deleted {
            writeln!(out, "DELETE\t{graph}")?;
        }
    }
    out.finish()?;
    let triples: usize = report.sent.iter().map(|(_, n)| n).sum();
    if !quiet {
        eprintln!(
            "unkg: sent {} graphs ({triples} triples), deleted {}, {unchanged} unchanged, to {} in {:.1} s{}",
            report.sent.len(),
            report.deleted.len(),
            args.url,
            started.elapsed().as_secs_f64(),
            if report.counted > 0 {
                format!("; counted {} graphs on the server", report.counted)
            } else {
                String::new()
            }
        );
    }
    for (graph, remote, local) in &report.mismatches {
        eprintln!(
            "unkg: error: <{graph}> holds {remote} triples on the server, {local} in the store (the next push sends it again)"
        );
    }
    Ok(if report.mismatches.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// The password, from the environment variable or the file named (never from the command
/// line, where other users of the machine can read it).
fn password(args: &PushArgs) -> anyhow::Result<String> {
    if let Some(var) = &args.password_env {
        return std::env::var(var)
            .with_context(|| format!("the environment variable {var} holds no password"));
    }
    if let Some(file) = &args.password_file {
        let text = std::fs::read_to_string(file)
            .with_context(|| format!("cannot read the password file {}", file.display()))?;
        return Ok(text.lines().next().unwrap_or("").to_string());
    }
    anyhow::bail!("--user needs the password: give --password-env VAR or --password-file FILE")
}
