//! The `unkg` command line: parse arguments, call the library, print. See `unkg --help`.

mod cli;
mod commands;

use std::process::ExitCode;

// Ingest allocates and frees many small keys (ours and the bulk loader's): glibc's allocator
// spent a quarter of an ingest's time on them.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let args = <cli::Cli as clap::Parser>::parse();
    match commands::run(args) {
        Ok(code) => code,
        Err(err) => {
            // A closed pipe (`unkg export | head`) is not an error.
            if err.chain().any(|e| {
                e.downcast_ref::<std::io::Error>()
                    .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            }) {
                return ExitCode::SUCCESS;
            }
            eprintln!("unkg: {err:#}");
            ExitCode::from(2)
        }
    }
}
