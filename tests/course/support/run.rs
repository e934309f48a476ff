//! Running a built binary with a deadline, so a hung program fails its test instead of
//! hanging the suite. Both pipes are read on their own threads while it runs.

use std::io::Read;
use std::process::{Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use course_kit::child::{self, Stderr};
use wait_timeout::ChildExt;

use course_devkit::cargo::without_caller_env;

use super::binaries::{binary_path, workspace_root};
use super::finished::Finished;

/// How long any binary may run before its test gives up and kills it.
pub const DEADLINE: Duration = Duration::from_secs(120);

/// The deadline for a program that compiles things (the exercises' `verify` compiles
/// every starter and solution): minutes on a cold machine that builds the rest of the
/// suite at the same time.
pub const BUILD_DEADLINE: Duration = Duration::from_secs(900);

/// Runs the binary of lesson `package` with `args` and waits for it (at most
/// [`DEADLINE`]), as `cargo run -p package -- args` would, without cargo in between.
#[track_caller]
pub fn run_lesson(package: &str, args: &[&str]) -> Finished {
    run_with_env(package, args, &[])
}

/// [`run_lesson`], with extra environment variables for the program.
#[track_caller]
pub fn run_with_env(package: &str, args: &[&str], env: &[(&str, &str)]) -> Finished {
    run_within(package, args, env, DEADLINE)
}

/// [`run_with_env`] with a deadline of its own, for a program that compiles things
/// (the exercises' `verify`) and may take minutes on a cold, busy machine.
#[track_caller]
pub fn run_within(
    package: &str,
    args: &[&str],
    env: &[(&str, &str)],
    deadline: Duration,
) -> Finished {
    let command = format!("{package} {}", args.join(" "));
    let binary = binary_path(package);
    // The course's one child helper: both pipes read while it runs (a lesson that prints
    // a lot never blocks), and at the deadline it is killed with what it started.
    let ended = child::run(
        without_caller_env(&mut Command::new(&binary))
            .args(args)
            .envs(env.iter().copied())
            .current_dir(workspace_root()),
        b"",
        deadline,
        Stderr::Capture,
    )
    .unwrap_or_else(|error| panic!("could not start {}: {error}", binary.display()));
    let Some(status) = ended.status else {
        panic!(
            "{command} did not finish within {deadline:?}; stdout so far:\n{}",
            ended.stdout
        );
    };
    Finished {
        command,
        status,
        stdout: ended.stdout,
        stderr: ended.stderr,
        wall_time: ended.took,
    }
}

/// Starts the binary of lesson `package` in the workspace root, stdin closed, both
/// output pipes captured.
#[track_caller]
fn spawn(package: &str, args: &[&str], env: &[(&str, &str)]) -> std::process::Child {
    let binary = binary_path(package);
    without_caller_env(&mut Command::new(&binary))
        .args(args)
        .envs(env.iter().copied())
        .current_dir(workspace_root())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|error| panic!("could not start {}: {error}", binary.display()))
}

fn read_on_a_thread(pipe: Option<impl Read + Send + 'static>) -> thread::JoinHandle<String> {
    thread::spawn(move || {
        let mut text = String::new();
        if let Some(mut pipe) = pipe {
            let mut bytes = Vec::new();
            let _ = pipe.read_to_end(&mut bytes);
            text = String::from_utf8_lossy(&bytes).into_owned();
        }
        text
    })
}

/// Runs the binary of lesson `package` with `args`, and sends it `signal` (`"INT"`,
/// `"TERM"`, as `kill -s` spells them) as soon as it prints a line containing `when`:
/// no sleeping to guess when it is ready. Then waits for it (at most [`DEADLINE`]).
#[track_caller]
pub fn run_and_signal(package: &str, args: &[&str], when: &str, signal: &str) -> Finished {
    run_and_signals(package, args, &[(when, signal)], 1)
}

/// [`run_and_signal`] with several cues: each `(when, signal)` is sent once, at the
/// first line containing `when`; at least `must_send` of them (the first ones) must have
/// been sent, or the test fails. A later cue covers a line the program may or may not
/// reach (a signal it should have died of but ignored).
#[track_caller]
pub fn run_and_signals(
    package: &str,
    args: &[&str],
    cues: &[(&str, &str)],
    must_send: usize,
) -> Finished {
    let command = format!("{package} {} (kill -s after: {cues:?})", args.join(" "));
    let started = Instant::now();
    let mut child = spawn(package, args, &[]);
    let stderr = read_on_a_thread(child.stderr.take());
    // stdout line by line, handed over as it comes, so the signal goes at the right line.
    let (lines, arriving) = std::sync::mpsc::channel::<String>();
    let stdout = child.stdout.take();
    let reader = thread::spawn(move || {
        use std::io::BufRead;
        if let Some(stdout) = stdout {
            for line in std::io::BufReader::new(stdout)
                .lines()
                .map_while(Result::ok)
            {
                if lines.send(line).is_err() {
                    break;
                }
            }
        }
    });
    let mut stdout = String::new();
    let mut sent = vec![false; cues.len()];
    while let Ok(line) = arriving.recv_timeout(DEADLINE) {
        stdout.push_str(&line);
        stdout.push('\n');
        for ((when, signal), sent) in cues.iter().zip(&mut sent) {
            if !*sent && line.contains(when) {
                let killed = Command::new("kill")
                    .args(["-s", signal, &child.id().to_string()])
                    .status();
                assert!(
                    killed.is_ok_and(|status| status.success()),
                    "kill -s {signal} failed"
                );
                *sent = true;
            }
        }
    }
    let _ = reader.join();
    let status = match child.wait_timeout(DEADLINE) {
        Ok(Some(status)) => status,
        Ok(None) | Err(_) => {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{command} did not finish within {DEADLINE:?}; stdout:\n{stdout}");
        }
    };
    assert!(
        sent.iter().take(must_send).all(|sent| *sent),
        "{command}: not every cue came (sent: {sent:?}); stdout:\n{stdout}"
    );
    Finished {
        command,
        status,
        stdout,
        stderr: stderr.join().unwrap_or_default(),
        wall_time: started.elapsed(),
    }
}
