use crate::cli::EvalArgs;
use anyhow::Context;
use std::collections::BTreeMap;
use std::io::Write;
use std::process::ExitCode;

pub fn run(args: EvalArgs) -> anyhow::Result<ExitCode> {
    let extractor = super::extractor()?;
    let files = unkg::eval::gold_files(&args.gold)?;
    anyhow::ensure!(
        !files.is_empty(),
        "no gold files (*.json) in {}",
        args.gold
            .iter()
            .map(|p| p.display().to_string())
            .collect::<Vec<_>>()
            .join(", ")
    );
    let report = unkg::eval::evaluate(&extractor, &files)?;
    let mut out = super::output(None)?;
    if args.json {
        writeln!(out, "{}", serde_json::to_string_pretty(&report)?)?;
    } else {
        if args.details {
            for d in &report.documents {
                if !d.differences.is_empty() {
                    writeln!(out, "{} ({})", d.doc, d.lang)?;
                    for diff in &d.differences {
                        writeln!(out, "    {diff}")?;
                    }
                }
            }
            writeln!(out)?;
        }
        write!(out, "{}", unkg::eval::table(&report))?;
    }
    out.flush()?;
    let Some(path) = &args.thresholds else {
        anyhow::ensure!(
            !args.record,
            "--record needs --thresholds FILE to write the levels to"
        );
        return Ok(ExitCode::SUCCESS);
    };
    let recorded = read_levels(path, args.record)?;
    if args.record {
        // Levels only ever rise: a fall is a regression to fix, not a new level to accept.
        let mut levels = recorded;
        for (scope, scores) in report.scopes() {
            let scope_levels = levels.entry(scope.to_string()).or_default();
            for (metric, value) in round(scores.metrics()) {
                let level = scope_levels.entry(metric).or_insert(value);
                *level = level.max(value);
            }
        }
        std::fs::write(path, serde_json::to_string_pretty(&levels)? + "\n")
            .with_context(|| format!("cannot write {}", path.display()))?;
        eprintln!("unkg: eval: recorded the levels in {}", path.display());
        return Ok(ExitCode::SUCCESS);
    }
    let failures = unkg::eval::below_thresholds(&report, &recorded);
    for failure in &failures {
        eprintln!("unkg: eval: {failure}");
    }
    Ok(if failures.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

type Levels = BTreeMap<String, BTreeMap<String, f64>>;

/// The recorded levels (scope → metric → level). A missing file is an error, unless levels
/// are about to be recorded for the first time.
fn read_levels(path: &std::path::Path, recording: bool) -> anyhow::Result<Levels> {
    if recording && !path.exists() {
        return Ok(Levels::new());
    }
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read the thresholds file {}", path.display()))?;
    serde_json::from_str(&text).with_context(|| {
        format!(
            "{}: not a thresholds file (scope → metric → level)",
            path.display()
        )
    })
}

/// Levels as printed (three decimals), so that the same scores meet them.
fn round(metrics: BTreeMap<String, f64>) -> BTreeMap<String, f64> {
    metrics
        .into_iter()
        .map(|(k, v)| (k, (v * 1000.0).floor() / 1000.0))
        .collect()
}
