use crate::cli::{ExtractArgs, RecordFormat};
use std::io::Write;
use std::process::ExitCode;

pub fn run(args: ExtractArgs) -> anyhow::Result<ExitCode> {
    let extractor = super::extractor()?;
    let files = unkg::input::walk(&args.paths)?;
    let mut out = super::output(args.output.as_deref())?;
    let mut failed = false;
    let mut records = Vec::new();
    for path in &files {
        let raw = match unkg::input::read(path) {
            Ok(raw) => raw,
            Err(e) => {
                eprintln!("unkg: {}: {e}", path.display());
                failed = true;
                continue;
            }
        };
        let record = extractor.extract(&path.display().to_string(), &raw, args.lang.as_deref());
        match args.format {
            RecordFormat::Json => records.push(record),
            RecordFormat::Jsonl => writeln!(out, "{}", serde_json::to_string(&record)?)?,
            RecordFormat::Html => write!(
                out,
                "{}",
                unkg::annotate::html(&record, &unkg::text::Text::new(&raw))
            )?,
            RecordFormat::Turtle => {
                let text = unkg::text::Text::new(&raw);
                let triples: Vec<_> = unkg::rdf::record_quads(&record, &text)
                    .into_iter()
                    .map(oxigraph::model::Triple::from)
                    .collect();
                unkg::rdf::turtle::write_turtle(&mut out, &triples)?;
            }
        }
    }
    if args.format == RecordFormat::Json {
        // One record prints as an object, several as an array.
        if records.len() == 1 {
            serde_json::to_writer_pretty(&mut out, &records[0])?;
        } else {
            serde_json::to_writer_pretty(&mut out, &records)?;
        }
        writeln!(out)?;
    }
    out.flush()?;
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
