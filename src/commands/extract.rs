use crate::cli::{ExtractArgs, RecordFormat};
use std::io::Write;
use std::process::ExitCode;

pub fn run(args: ExtractArgs) -> anyhow::Result<ExitCode> {
    let extractor = super::extractor()?;
    let walk = unkg::input::walk(&args.paths);
    let mut failed = !walk.errors.is_empty();
    for (path, e) in &walk.errors {
        eprintln!("unkg: {}: {e}", path.display());
    }
    let mut out = super::output(args.output.as_deref())?;
    let mut records = Vec::new();
    for path in &walk.files {
        let unkg::extract::Extraction { record, text } =
            match extractor.extract_file(path, args.lang.as_deref()) {
                Ok(extraction) => extraction,
                Err(e) => {
                    eprintln!("unkg: {}: {e}", path.display());
                    failed = true;
                    continue;
                }
            };
        match args.format {
            RecordFormat::Json => records.push(record),
            RecordFormat::Jsonl => writeln!(out, "{}", serde_json::to_string(&record)?)?,
            RecordFormat::Html => write!(out, "{}", unkg::annotate::html(&record, &text))?,
            RecordFormat::Turtle => {
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
    out.finish()?;
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
