use crate::cli::AuditArgs;
use std::io::Write;
use std::process::ExitCode;

pub fn run(args: AuditArgs) -> anyhow::Result<ExitCode> {
    let extractor = super::extractor()?;
    let walk = unkg::input::walk(&args.paths);
    let walked = super::report_walk(&walk);
    let (audits, all_extracted) =
        super::extract_all(&extractor, &walk.files, args.lang.as_deref(), |_, x| {
            unkg::audit::audit(&x)
        });
    let mut report = unkg::audit::Report::default();
    for file in audits {
        report.add(file);
    }
    let failed = !walked || !all_extracted;
    let mut out = super::output(None)?;
    if args.json {
        writeln!(out, "{}", serde_json::to_string_pretty(&report)?)?;
    } else {
        for file in report.files.iter().filter(|f| !f.unexplained.is_empty()) {
            writeln!(out, "{} ({})", file.doc, file.lang)?;
            for u in &file.unexplained {
                writeln!(out, "    {}..{}  {}", u.span.start, u.span.end, u.context)?;
            }
        }
        write!(out, "{}", unkg::audit::table(&report))?;
    }
    out.flush()?;
    if let Some(level) = args.fail_under
        && report.all.accounted() < level
    {
        eprintln!(
            "unkg: audit: {:.2}% of citation-shaped spans are kept or rejected for a reason, under {:.2}%",
            report.all.accounted() * 100.0,
            level * 100.0
        );
        return Ok(ExitCode::from(1));
    }
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
