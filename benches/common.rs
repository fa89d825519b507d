//! What the benchmarks share: running the real `unkg` binary as a user would, timed, with the
//! peak resident memory of the process read from /proc while it runs (Linux).

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// What one run of `unkg` took.
pub struct Run {
    pub seconds: f64,
    /// Peak resident memory in MiB, when /proc tells it.
    pub peak_mib: Option<f64>,
    pub stdout: Vec<u8>,
}

/// Runs `unkg --store STORE ARGS…`; panics if it fails (exit 1, some inputs failed, is allowed).
/// `UNKG_BIN` names another `unkg` binary to time (a copy, so a long run can go on while the
/// crate is rebuilt).
pub fn unkg(store: &Path, args: &[&str]) -> Run {
    let binary = std::env::var_os("UNKG_BIN").unwrap_or(env!("CARGO_BIN_EXE_unkg").into());
    let mut command = Command::new(binary);
    command.arg("--store").arg(store).arg("--quiet").args(args);
    timed(&mut command)
}

/// Runs a command, timed, with the peak memory of its process; panics if it fails (exit 1,
/// some inputs failed, is allowed).
pub fn timed(command: &mut Command) -> Run {
    let started = Instant::now();
    let mut child = command
        .stdout(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("run {command:?}: {e}"));
    let status_file = format!("/proc/{}/status", child.id());
    // Standard output is read on a thread, so that a large answer does not block the child.
    let mut stdout = child.stdout.take().expect("piped");
    let reader = std::thread::spawn(move || {
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut stdout, &mut bytes).map(|_| bytes)
    });
    let mut peak_mib = None;
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for the command") {
            break status;
        }
        if let Some(kib) = std::fs::read_to_string(&status_file)
            .ok()
            .and_then(|s| vm_hwm_kib(&s))
        {
            peak_mib = Some(kib / 1024.0);
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    assert!(
        status.success() || status.code() == Some(1),
        "{command:?}: {status}"
    );
    Run {
        seconds: started.elapsed().as_secs_f64(),
        peak_mib,
        stdout: reader
            .join()
            .expect("reader")
            .expect("the command's output"),
    }
}

fn vm_hwm_kib(status: &str) -> Option<f64> {
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// A peak memory figure for a table.
pub fn mib(peak: Option<f64>) -> String {
    peak.map_or("unknown".into(), |m| format!("{m:.0} MiB"))
}
