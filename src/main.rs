//! The `unkg` command line: parse arguments, call the library, print. See `unkg --help`.

mod cli;
mod commands;

use std::process::ExitCode;

// Ingest allocates and frees many small keys (ours and the bulk loader's): glibc's allocator
// spent a quarter of an ingest's time on them.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The stack of every thread: queries are bounded by what it holds (see
/// `unkg::store::MAX_CONSTRUCTS`). Only touched pages cost memory.
const STACK_BYTES: usize = 32 << 20;

fn main() -> ExitCode {
    // mimalloc asks for transparent huge pages. Each first touch of one zeroes 2 MiB, however
    // little of it is used, and the allocator gives memory back and takes it again all the
    // time: `network` over 25,000 files (peak 330 MB) zeroed 5 to 9 GiB, a quarter of its
    // time; with them off, 0.3 GiB.
    #[cfg(target_os = "linux")]
    // SAFETY: prctl with PR_SET_THP_DISABLE reads no memory of ours.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
    if std::env::var_os("RUST_MIN_STACK").is_none() {
        // SAFETY: no other thread runs yet, so none reads the environment meanwhile.
        unsafe { std::env::set_var("RUST_MIN_STACK", STACK_BYTES.to_string()) };
    }
    // The main thread's stack is the system's (8 MiB): the command runs on one of ours.
    let command = std::thread::Builder::new()
        .stack_size(STACK_BYTES)
        .spawn(run);
    match command.map(|c| c.join()) {
        Ok(Ok(code)) => code,
        Ok(Err(panic)) => std::panic::resume_unwind(panic),
        Err(e) => {
            eprintln!("unkg: cannot start: {e}");
            ExitCode::from(2)
        }
    }
}

fn run() -> ExitCode {
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
