//! A stand-in for your service, for step 7's check: it runs a copy of your service,
//! broken in the one way its settings name. The settings come from the check, over the
//! Unix socket whose path is appended to this binary's own file
//! (`#fanout-stand-in#SOCKET#`), which answers this process alone (the check asks the
//! kernel who connected): nothing in the file, the environment or beside it tells a
//! test which stand-in it runs. It creates the file MARKER when it starts, so the check
//! knows your tests ran it. The defects:
//!
//! - `none`: not at all (the same flags, the same process);
//! - `limit`: `--limit 64`, whatever was asked;
//! - `deadline`: ten times the `--deadline-ms` asked;
//! - `retries`: `--retries 1`;
//! - `cache`: `--cache-ttl-ms 0`;
//! - `drain`: on SIGTERM or Ctrl-C, your service is killed at once and this exits 0,
//!   as a service without graceful shutdown would appear to a careless test.

use std::os::unix::process::CommandExt;
use std::process::{Command, ExitCode};

/// What the check tells this process: the defect, your service, the marker.
fn settings() -> Option<(String, String, String)> {
    use std::io::Read;
    let bytes = std::fs::read(std::env::current_exe().ok()?).ok()?;
    let tail = String::from_utf8_lossy(&bytes[bytes.len().saturating_sub(4096)..]).into_owned();
    let start = tail.rfind("#fanout-stand-in#")? + "#fanout-stand-in#".len();
    let socket = tail[start..].split('#').next()?.to_owned();
    let mut answer = String::new();
    std::os::unix::net::UnixStream::connect(socket)
        .ok()?
        .read_to_string(&mut answer)
        .ok()?;
    let mut fields = answer.split('#');
    Some((
        fields.next()?.to_owned(),
        fields.next()?.to_owned(),
        fields.next()?.to_owned(),
    ))
}

fn main() -> ExitCode {
    let Some((defect, real, marker)) = settings() else {
        eprintln!(
            "fanout-broken: no settings from the check: step 7's check prepares and serves each copy"
        );
        return ExitCode::from(1);
    };
    let _ = std::fs::write(&marker, b"started\n");
    let real = std::path::PathBuf::from(real);
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    match defect.as_str() {
        "limit" => set_flag(&mut args, "--limit", |_| "64".to_owned()),
        "deadline" => set_flag(&mut args, "--deadline-ms", |asked| {
            let asked: u64 = asked.and_then(|v| v.parse().ok()).unwrap_or(2000);
            (asked * 10).to_string()
        }),
        "retries" => set_flag(&mut args, "--retries", |_| "1".to_owned()),
        "cache" => set_flag(&mut args, "--cache-ttl-ms", |_| "0".to_owned()),
        "drain" => return killed_on_signal(&real, &args),
        _ => {}
    }
    // Becomes your service: same process, same pipes, same signals.
    let error = Command::new(&real).args(&args).exec();
    eprintln!("fanout-broken: cannot run {}: {error}", real.display());
    ExitCode::from(1)
}

/// Replaces the value of `flag` (`--flag V` or `--flag=V`) by `value(V)`, or adds it.
fn set_flag(args: &mut Vec<String>, flag: &str, value: impl Fn(Option<&str>) -> String) {
    let prefix = format!("{flag}=");
    let mut index = 0;
    let mut asked = None;
    while index < args.len() {
        if args[index] == flag && index + 1 < args.len() {
            asked = Some(args.remove(index + 1));
            args.remove(index);
        } else if let Some(given) = args[index].strip_prefix(&prefix) {
            asked = Some(given.to_owned());
            args.remove(index);
        } else {
            index += 1;
        }
    }
    let new = value(asked.as_deref());
    args.push(flag.to_owned());
    args.push(new);
}

/// Runs the service as a child; the first SIGTERM or Ctrl-C kills it and exits 0.
fn killed_on_signal(real: &std::path::Path, args: &[String]) -> ExitCode {
    let Ok(runtime) = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    else {
        return ExitCode::from(1);
    };
    runtime.block_on(async {
        use tokio::signal::unix::{SignalKind, signal};
        let (Ok(mut terminate), Ok(mut interrupt)) = (
            signal(SignalKind::terminate()),
            signal(SignalKind::interrupt()),
        ) else {
            return ExitCode::from(1);
        };
        let Ok(mut child) = tokio::process::Command::new(real)
            .args(args)
            .kill_on_drop(true)
            .spawn()
        else {
            return ExitCode::from(1);
        };
        tokio::select! {
            status = child.wait() => {
                ExitCode::from(status.ok().and_then(|s| s.code()).unwrap_or(1) as u8)
            }
            _ = terminate.recv() => {
                let _ = child.kill().await;
                ExitCode::SUCCESS
            }
            _ = interrupt.recv() => {
                let _ = child.kill().await;
                ExitCode::SUCCESS
            }
        }
    })
}
