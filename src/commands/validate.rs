use crate::cli::{ReportFormat, ValidateArgs};
use anyhow::Context;
use std::io::Write;
use std::process::ExitCode;

pub fn run(
    store_dir: &std::path::Path,
    quiet: bool,
    args: ValidateArgs,
) -> anyhow::Result<ExitCode> {
    let started = std::time::Instant::now();
    let (shapes, name) = match &args.shapes {
        Some(path) => (
            std::fs::read_to_string(path)
                .with_context(|| format!("cannot read the shapes file {}", path.display()))?,
            path.display().to_string(),
        ),
        None => (
            unkg::validate::SHAPES_TTL.to_string(),
            "ontology/shapes.ttl".to_string(),
        ),
    };
    let store = super::open_store_to_read(store_dir)?;
    let violations = unkg::validate::validate(&store, &shapes, &name)?;
    let mut out = super::output(None)?;
    match args.format {
        ReportFormat::Text => {
            for v in &violations {
                writeln!(
                    out,
                    "{}\t{}\t{}\t{}",
                    v.focus,
                    v.shape,
                    v.component,
                    v.value.as_deref().unwrap_or("")
                )?;
            }
        }
        ReportFormat::Turtle => unkg::validate::report_turtle(&violations, &mut out)?,
    }
    out.finish()?;
    if !quiet {
        if violations.is_empty() {
            eprintln!(
                "unkg: the store conforms to {name} ({:.1} s)",
                started.elapsed().as_secs_f64()
            );
        } else {
            let shapes: std::collections::BTreeSet<&str> =
                violations.iter().map(|v| v.shape.as_str()).collect();
            eprintln!(
                "unkg: {} violations of {} shapes of {name} ({:.1} s)",
                violations.len(),
                shapes.len(),
                started.elapsed().as_secs_f64()
            );
        }
    }
    Ok(if violations.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
