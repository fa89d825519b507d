use crate::cli::{ExtractArgs, RecordFormat};
use anyhow::Context;
use std::io::{BufRead, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use unkg::extract::Extraction;

/// Files extracted together on every core, then written in order.
const WINDOW: usize = 256;

pub fn run(args: ExtractArgs) -> anyhow::Result<ExitCode> {
    let extractor = super::extractor()?;
    let mut paths = args.paths.clone();
    if let Some(list) = &args.files_from {
        paths.extend(files_from(list)?);
    }
    if paths.is_empty() {
        anyhow::bail!("no files to read: name them, or give --files-from");
    }
    let walk = unkg::input::walk(&paths);
    let mut failed = !super::report_walk(&walk);
    let mut out = super::output(args.output.as_deref())?;
    if args.format == RecordFormat::Nq {
        // What `ingest` puts in the ontology graph, so that the quads of any split of a
        // corpus, loaded together, hold all that an ingest stores.
        write_nquads(&mut out, &unkg::store::ontology_quads()?)?;
    }
    let mut records = Vec::new();
    // Version graphs written, and the file each came from.
    let mut written: std::collections::HashMap<String, PathBuf> = Default::default();
    for window in walk.files.chunks(WINDOW) {
        let (extractions, all_extracted) =
            super::extract_all(&extractor, window, args.lang.as_deref(), |i, x| (i, x));
        failed |= !all_extracted;
        for (i, Extraction { record, text }) in extractions {
            let path = &window[i];
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
                RecordFormat::Nq => {
                    let graph = unkg::rdf::record_graph_iri(&record);
                    if let Some(earlier) = written.insert(graph, path.clone()) {
                        eprintln!(
                            "unkg: {}: holds the same document as {} ({} in {}); ingest keeps the later file, these quads hold both",
                            path.display(),
                            earlier.display(),
                            record.symbol.as_deref().unwrap_or("no symbol"),
                            record.lang
                        );
                    }
                    write_nquads(&mut out, &unkg::rdf::record_quads(&record, &text))?
                }
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

/// The paths listed one a line in `list` (`-`: standard input), as a pipe such as Spark's
/// `RDD.pipe` gives them.
fn files_from(list: &std::path::Path) -> anyhow::Result<Vec<PathBuf>> {
    let reader: Box<dyn BufRead> = if list.as_os_str() == "-" {
        Box::new(std::io::stdin().lock())
    } else {
        Box::new(std::io::BufReader::new(
            std::fs::File::open(list).with_context(|| format!("cannot read {}", list.display()))?,
        ))
    };
    let mut paths = Vec::new();
    for line in reader.lines() {
        let line = line.with_context(|| format!("cannot read {}", list.display()))?;
        if !line.trim().is_empty() {
            paths.push(PathBuf::from(line.trim_end_matches('\r')));
        }
    }
    Ok(paths)
}

fn write_nquads(out: &mut impl Write, quads: &[oxigraph::model::Quad]) -> anyhow::Result<()> {
    let mut writer =
        oxigraph::io::RdfSerializer::from_format(oxigraph::io::RdfFormat::NQuads).for_writer(out);
    for q in quads {
        writer.serialize_quad(q)?;
    }
    writer.finish()?;
    Ok(())
}
