use crate::cli::ExportArgs;
use std::process::ExitCode;

pub fn run(store_dir: &std::path::Path, args: ExportArgs) -> anyhow::Result<ExitCode> {
    let store = super::open_store_to_read(store_dir)?;
    let mut out = super::output(args.output.as_deref())?;
    unkg::export::write(&store, args.format, args.graph.as_deref(), &mut out)?;
    out.finish()?;
    Ok(ExitCode::SUCCESS)
}
