use crate::cli::{DiffArgs, DiffFormat, SeriesArgs};
use petgraph::graph::NodeIndex;
use std::io::{IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;
use unkg::diff::{self, Comparison};

fn store_for(store_dir: &Path, write_back: bool) -> anyhow::Result<unkg::store::Store> {
    match write_back {
        true => super::open_store(store_dir),
        false => super::open_store_to_read(store_dir),
    }
}

/// Colour on a terminal, unless NO_COLOR says otherwise.
fn colour(output: Option<&Path>) -> bool {
    output.is_none() && std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
}

pub fn run_diff(store_dir: &Path, args: DiffArgs) -> anyhow::Result<ExitCode> {
    let store = store_for(store_dir, args.write_back)?;
    let before = unkg::symbol::canonical(&args.before);
    let after = unkg::symbol::canonical(&args.after);
    let c = diff::compare(
        &store,
        &before,
        &after,
        args.lang.as_deref(),
        &Default::default(),
    )?;
    if args.write_back {
        diff::write_back(&store, &c)?;
        store.flush(store_dir)?;
    }
    let mut out = super::output(args.output.as_deref())?;
    match args.format {
        DiffFormat::Text => write!(out, "{}", diff::text(&c, colour(args.output.as_deref())))?,
        DiffFormat::Json => writeln!(out, "{}", serde_json::to_string_pretty(&c)?)?,
        DiffFormat::Html => write!(
            out,
            "{}",
            diff::html_page(
                &format!("{} → {}", c.before.symbol, c.after.symbol),
                std::slice::from_ref(&c)
            )
        )?,
    }
    out.finish()?;
    Ok(ExitCode::SUCCESS)
}

pub fn run_series(store_dir: &Path, args: SeriesArgs) -> anyhow::Result<ExitCode> {
    let store = store_for(store_dir, args.write_back)?;
    let g = unkg::network::load(&store)?;
    let Some(v) = unkg::network::find(&g, &args.symbol) else {
        anyhow::bail!(
            "{} is neither ingested nor cited by anything in the store {}",
            args.symbol,
            store_dir.display()
        );
    };
    let report = unkg::network::analyse(&g);
    let members: Vec<NodeIndex> = match report.series_of[v.index()] {
        Some(s) => report.series[s]
            .iter()
            .map(|&i| NodeIndex::new(i))
            .collect(),
        None => vec![v],
    };
    let mut out = super::output(args.output.as_deref())?;
    if !args.diff {
        if args.format == DiffFormat::Json {
            let list: Vec<_> = members
                .iter()
                .map(|&m| serde_json::json!({"symbol": g[m].symbol, "date": g[m].date, "ingested": g[m].ingested}))
                .collect();
            writeln!(out, "{}", serde_json::to_string_pretty(&list)?)?;
        } else {
            for &m in &members {
                writeln!(out, "{}", g[m].heading())?;
            }
        }
        out.finish()?;
        return Ok(ExitCode::SUCCESS);
    }
    // Steps between the members whose texts the store holds.
    let texts: Vec<&str> = members
        .iter()
        .filter(|&&m| g[m].ingested)
        .map(|&m| g[m].symbol.as_str())
        .collect();
    let mut steps: Vec<Comparison> = Vec::new();
    for pair in texts.windows(2) {
        match diff::compare(
            &store,
            pair[0],
            pair[1],
            args.lang.as_deref(),
            &Default::default(),
        ) {
            Ok(c) => steps.push(c),
            Err(e) => eprintln!("unkg: {} → {}: {e}", pair[0], pair[1]),
        }
    }
    if args.write_back {
        for c in &steps {
            diff::write_back(&store, c)?;
        }
        store.flush(store_dir)?;
    }
    match args.format {
        DiffFormat::Json => writeln!(out, "{}", serde_json::to_string_pretty(&steps)?)?,
        DiffFormat::Html => write!(
            out,
            "{}",
            diff::html_page(&format!("The series of {}", g[v].symbol), &steps)
        )?,
        DiffFormat::Text => {
            let colour = colour(args.output.as_deref());
            for c in &steps {
                writeln!(out, "{}", diff::summary_line(c))?;
            }
            for c in &steps {
                write!(out, "\n{}", diff::text(c, colour))?;
            }
        }
    }
    out.finish()?;
    if texts.len() < 2 {
        eprintln!(
            "unkg: the store holds the text of {} member{} of this series: nothing to compare",
            texts.len(),
            if texts.len() == 1 { "" } else { "s" }
        );
    }
    Ok(ExitCode::SUCCESS)
}
