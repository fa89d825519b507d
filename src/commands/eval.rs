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
    if args.record {
        let mut levels: BTreeMap<String, BTreeMap<String, f64>> = BTreeMap::new();
        levels.insert("all".into(), round(report.overall.metrics()));
        for (lang, scores) in &report.by_language {
            levels.insert(lang.clone(), round(scores.metrics()));
        }
        std::fs::write(
            &args.thresholds,
            serde_json::to_string_pretty(&levels)? + "\n",
        )
        .with_context(|| format!("cannot write {}", args.thresholds.display()))?;
        eprintln!(
            "unkg: eval: recorded these levels in {}",
            args.thresholds.display()
        );
        return Ok(ExitCode::SUCCESS);
    }
    if !args.thresholds.exists() {
        return Ok(ExitCode::SUCCESS);
    }
    let text = std::fs::read_to_string(&args.thresholds)
        .with_context(|| format!("cannot read {}", args.thresholds.display()))?;
    let thresholds: BTreeMap<String, BTreeMap<String, f64>> = serde_json::from_str(&text)
        .with_context(|| {
            format!(
                "{}: not a thresholds file (scope → metric → level)",
                args.thresholds.display()
            )
        })?;
    let failures = unkg::eval::below_thresholds(&report, &thresholds);
    for (scope, metric, got, limit) in &failures {
        eprintln!(
            "unkg: eval: {metric} for {scope} is {got:.3}, below its recorded level {limit:.3}"
        );
    }
    Ok(if failures.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// Levels as printed (three decimals), so that the same scores meet them.
fn round(metrics: BTreeMap<String, f64>) -> BTreeMap<String, f64> {
    metrics
        .into_iter()
        .map(|(k, v)| (k, (v * 1000.0).floor() / 1000.0))
        .collect()
}
