use crate::cli::AgreementArgs;
use std::io::Write;
use std::process::ExitCode;

pub fn run(store_dir: &std::path::Path, args: AgreementArgs) -> anyhow::Result<ExitCode> {
    let store = super::open_store_to_read(store_dir)?;
    let symbol = args.symbol.as_deref().map(unkg::symbol::canonical);
    let report = unkg::agreement::check(&store, symbol.as_deref())?;
    let mut out = super::output(None)?;
    if args.json {
        writeln!(out, "{}", serde_json::to_string_pretty(&report)?)?;
        out.flush()?;
        return Ok(ExitCode::SUCCESS);
    }
    if report.is_empty() {
        writeln!(out, "no resolution is held in more than one language")?;
    }
    for a in &report {
        let verdict = if a.agrees() {
            "agree".to_string()
        } else {
            format!("{} differences", a.disagreements.len())
        };
        writeln!(out, "{} ({}): {verdict}", a.symbol, a.languages.join(" "))?;
        for d in &a.disagreements {
            writeln!(
                out,
                "    {} {}: in {}, not in {}",
                d.field,
                d.value,
                d.found_in.join(" "),
                d.missing_in.join(" ")
            )?;
            for (lang, (start, end, quote)) in &d.spans {
                writeln!(out, "        {lang} {start}-{end}: {quote:?}")?;
            }
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
