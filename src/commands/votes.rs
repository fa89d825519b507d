use crate::cli::{VotesArgs, VotesCommand};
use std::collections::BTreeMap;
use std::io::Write;
use std::process::ExitCode;
use unkg::votes::{self, Unplaced};

pub fn run(store_dir: &std::path::Path, quiet: bool, args: VotesArgs) -> anyhow::Result<ExitCode> {
    match (args.load, args.symbol) {
        (
            Some(VotesCommand::Load {
                roll_calls,
                votes,
                issues,
                json,
            }),
            _,
        ) => {
            let started = std::time::Instant::now();
            let store = super::open_store(store_dir)?;
            let tables = votes::Tables {
                roll_calls: &roll_calls,
                votes: &votes,
                issues: issues.as_deref(),
            };
            let report = votes::load(&store, &tables)?;
            store.flush(store_dir)?;
            let mut out = super::output(None)?;
            if json {
                writeln!(out, "{}", serde_json::to_string_pretty(&report)?)?;
            } else if !quiet {
                print_report(&mut out, &report, store_dir, started)?;
            }
            out.finish()?;
            Ok(ExitCode::SUCCESS)
        }
        (None, Some(symbol)) => show(store_dir, &symbol, args.json),
        (None, None) => anyhow::bail!(
            "name a resolution (unkg votes A/RES/71/71), or load the tables (unkg votes load ROLL_CALLS.csv VOTES.csv [ISSUES.csv])"
        ),
    }
}

fn print_report(
    out: &mut impl Write,
    report: &votes::Report,
    store_dir: &std::path::Path,
    started: std::time::Instant,
) -> std::io::Result<()> {
    let done = if report.unchanged {
        "already held as loaded: nothing written"
    } else {
        "loaded"
    };
    writeln!(
        out,
        "{} roll calls, {} votes of {} States, {} issue tags: {done} in {} ({:.1} s)",
        report.roll_calls,
        report.votes,
        report.countries,
        report.issue_tags,
        store_dir.display(),
        started.elapsed().as_secs_f64()
    )?;
    writeln!(
        out,
        "{} roll calls on {} resolutions; {} not linked to a resolution (loaded all the same):",
        report.linked,
        report.resolutions,
        report.not_linked.len()
    )?;
    list(out, &report.not_linked)?;
    if !report.left_out.is_empty() {
        writeln!(out, "{} rows left out:", report.left_out.len())?;
        list(out, &report.left_out)?;
    }
    Ok(())
}

/// Rows by file and reason, with their lines as ranges ("2–1101, 1205").
fn list(out: &mut impl Write, rows: &[Unplaced]) -> std::io::Result<()> {
    let mut by_reason: BTreeMap<(&str, &str), Vec<u64>> = BTreeMap::new();
    for r in rows {
        by_reason
            .entry((r.file.as_str(), r.reason.as_str()))
            .or_default()
            .push(r.line);
    }
    for ((file, reason), mut lines) in by_reason {
        lines.sort_unstable();
        writeln!(out, "  {:>6}  {reason}", lines.len())?;
        writeln!(out, "          {file}: lines {}", ranges(&lines))?;
    }
    Ok(())
}

fn ranges(lines: &[u64]) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let mut j = i;
        while j + 1 < lines.len() && lines[j + 1] == lines[j] + 1 {
            j += 1;
        }
        parts.push(match j > i {
            true => format!("{}–{}", lines[i], lines[j]),
            false => lines[i].to_string(),
        });
        i = j + 1;
    }
    parts.join(", ")
}

fn show(store_dir: &std::path::Path, symbol: &str, json: bool) -> anyhow::Result<ExitCode> {
    let store = super::open_store_to_read(store_dir)?;
    let symbol = unkg::symbol::canonical(symbol);
    let work = unkg::rdf::vocab::work_iri(&symbol);
    let events = votes::events_on(&store, &work, &Default::default())?;
    let mut out = super::output(None)?;
    if json {
        let value = serde_json::json!({ "symbol": symbol, "roll_calls": events });
        writeln!(out, "{}", serde_json::to_string_pretty(&value)?)?;
        out.finish()?;
        return Ok(ExitCode::SUCCESS);
    }
    if events.is_empty() {
        anyhow::bail!(
            "the store {} holds no roll call on {symbol} (adopted without a vote, or the votes are not loaded: unkg votes load)",
            store_dir.display()
        );
    }
    for event in &events {
        let [yes, no, abstain] = event.tally;
        let what = event.what();
        writeln!(
            out,
            "{symbol}, roll call {} of {}, on {what}: {yes} yes, {no} no, {abstain} abstentions",
            event.rcid,
            event.date.as_deref().unwrap_or("an unknown date"),
        )?;
        if let Some(title) = &event.title {
            writeln!(out, "  {title}")?;
        }
        for option in votes::OPTIONS {
            let states: Vec<&str> = event
                .votes
                .iter()
                .filter(|v| v.option == option)
                .map(|v| v.name.as_str())
                .collect();
            if !states.is_empty() {
                writeln!(out, "  {option} ({}): {}", states.len(), states.join(", "))?;
            }
        }
    }
    out.finish()?;
    Ok(ExitCode::SUCCESS)
}
