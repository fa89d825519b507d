use crate::cli::ExportArgs;
use anyhow::Context;
use std::process::ExitCode;
use unkg::export::Format;

pub fn run(store_dir: &std::path::Path, args: ExportArgs) -> anyhow::Result<ExitCode> {
    if args.format == Format::Akn {
        return akn(store_dir, args);
    }
    let store = super::open_store_to_read(store_dir)?;
    let mut out = super::output(args.output.as_deref())?;
    unkg::export::write(&store, args.format, args.graph.as_deref(), &mut out)?;
    out.finish()?;
    Ok(ExitCode::SUCCESS)
}

/// A file per language version into the folder `-o`; exit 1 when some version could not be
/// written (each is named), the others are.
fn akn(store_dir: &std::path::Path, args: ExportArgs) -> anyhow::Result<ExitCode> {
    let Some(dir) = args.output.as_deref() else {
        anyhow::bail!(
            "--format akn writes a file per language version: name the folder to write them to with -o DIR"
        );
    };
    if dir.is_file() {
        anyhow::bail!(
            "{} is a file: --format akn writes a file per language version into a folder",
            dir.display()
        );
    }
    let store = super::open_store_to_read(store_dir)?;
    let lexicon =
        unkg::lang::Lexicon::load().context("cannot load the language data of ontology/")?;
    let summary = unkg::export::akn::write_folder(&store, &lexicon, args.graph.as_deref(), dir)?;
    for why in &summary.skipped {
        eprintln!("unkg: {why}");
    }
    eprintln!(
        "unkg: {} Akoma Ntoso files (a file per language version) written to {}",
        summary.written,
        dir.display()
    );
    Ok(if summary.skipped.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
