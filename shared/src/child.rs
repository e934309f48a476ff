//! Running a child process with a deadline, the one way the course does it.
//!
//! Both output pipes are read on threads of their own *while* the child runs, so a child
//! that writes a lot to either never blocks on a full pipe (a pipe holds about 64 KiB).
//! At the deadline the child, and every process it started, is killed and reaped. When
//! the child has exited but something it started still holds a pipe open, what was read
//! so far is kept after a short grace instead of waiting for an end of file that may
//! never come.

use std::io::{self, Read, Write};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread;
use std::time::{Duration, Instant};

use wait_timeout::ChildExt;

/// How long the pipes may stay open after the child exited before they are given up on.
pub const PIPE_GRACE: Duration = Duration::from_millis(500);

/// Where the child's standard error goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stderr {
    /// Captured, in [`Ended::stderr`].
    Capture,
    /// Shown on ours as it comes (cargo's progress while it builds).
    Show,
}

/// How a child ended.
#[derive(Debug)]
pub struct Ended {
    /// Its exit status; `None` when it was stopped at the deadline.
    pub status: Option<ExitStatus>,
    /// Everything it wrote to stdout (lossily decoded).
    pub stdout: String,
    /// Everything it wrote to stderr, when captured.
    pub stderr: String,
    /// How long it ran.
    pub took: Duration,
    /// Whether a process it started still held a pipe open after it exited.
    pub pipes_left_open: bool,
}

impl Ended {
    /// Whether it was stopped at the deadline.
    pub fn timed_out(&self) -> bool {
        self.status.is_none()
    }

    /// Whether it exited with status 0.
    pub fn succeeded(&self) -> bool {
        self.status.is_some_and(|status| status.success())
    }
}

/// One pipe, read to its end on a thread of its own.
struct Reader {
    bytes: Arc<Mutex<Vec<u8>>>,
    done: Arc<AtomicBool>,
}

impl Reader {
    fn start(pipe: Option<impl Read + Send + 'static>) -> Self {
        let bytes = Arc::new(Mutex::new(Vec::new()));
        let done = Arc::new(AtomicBool::new(pipe.is_none()));
        if let Some(mut pipe) = pipe {
            let (bytes, done) = (Arc::clone(&bytes), Arc::clone(&done));
            thread::spawn(move || {
                let mut chunk = [0_u8; 8192];
                while let Ok(read) = pipe.read(&mut chunk) {
                    if read == 0 {
                        break;
                    }
                    bytes
                        .lock()
                        .unwrap_or_else(PoisonError::into_inner)
                        .extend_from_slice(&chunk[..read]);
                }
                done.store(true, Ordering::SeqCst);
            });
        }
        Self { bytes, done }
    }

    fn is_done(&self) -> bool {
        self.done.load(Ordering::SeqCst)
    }

    fn text(&self) -> String {
        String::from_utf8_lossy(&self.bytes.lock().unwrap_or_else(PoisonError::into_inner))
            .into_owned()
    }
}

/// Runs `command` with `input` on its stdin (then closed), at most `deadline`.
///
/// # Errors
/// If the program cannot be started.
pub fn run(
    command: &mut Command,
    input: &[u8],
    deadline: Duration,
    stderr: Stderr,
) -> io::Result<Ended> {
    let started = Instant::now();
    let mut child = command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(match stderr {
            Stderr::Capture => Stdio::piped(),
            Stderr::Show => Stdio::inherit(),
        })
        .spawn()?;
    if let Some(mut pipe) = child.stdin.take() {
        let input = input.to_vec();
        // On a thread: a child that does not read its input must not block us.
        thread::spawn(move || {
            let _ = pipe.write_all(&input);
        });
    }
    let out = Reader::start(child.stdout.take());
    let err = Reader::start(child.stderr.take());
    let status = match child.wait_timeout(deadline.saturating_sub(started.elapsed())) {
        Ok(Some(status)) => Some(status),
        Ok(None) | Err(_) => {
            kill_tree(&mut child);
            None
        }
    };
    // The child is gone; its pipes end now unless something it started holds them.
    let grace = Instant::now();
    while !(out.is_done() && err.is_done()) && grace.elapsed() < PIPE_GRACE {
        thread::sleep(Duration::from_millis(5));
    }
    Ok(Ended {
        status,
        pipes_left_open: !(out.is_done() && err.is_done()),
        stdout: out.text(),
        stderr: err.text(),
        took: started.elapsed(),
    })
}

/// Kills `child` and every process it started (on Linux, found through `/proc`), then
/// reaps it.
pub fn kill_tree(child: &mut Child) {
    let mut doomed = descendants(child.id());
    doomed.reverse();
    for pid in doomed {
        let _ = Command::new("kill")
            .args(["-KILL", &pid.to_string()])
            .stderr(Stdio::null())
            .status();
    }
    let _ = child.kill();
    let _ = child.wait();
}

/// Every process below `pid`, parents before their children (empty where `/proc` is
/// not there).
fn descendants(pid: u32) -> Vec<u32> {
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return Vec::new();
    };
    let parents: Vec<(u32, u32)> = entries
        .flatten()
        .filter_map(|entry| {
            let child: u32 = entry.file_name().to_str()?.parse().ok()?;
            let stat = std::fs::read_to_string(entry.path().join("stat")).ok()?;
            // The fields after the command name, which is in parentheses: state, ppid.
            let after = &stat[stat.rfind(')')? + 1..];
            let parent = after.split_whitespace().nth(1)?.parse().ok()?;
            Some((child, parent))
        })
        .collect();
    let mut found = vec![pid];
    let mut index = 0;
    while index < found.len() {
        let parent = found[index];
        found.extend(
            parents
                .iter()
                .filter(|(_, p)| *p == parent)
                .map(|(c, _)| *c),
        );
        index += 1;
    }
    found.remove(0);
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shell(script: &str) -> Command {
        let mut command = Command::new("sh");
        command.args(["-c", script]);
        command
    }

    #[test]
    fn a_child_that_writes_a_mebibyte_to_stderr_does_not_stall() {
        let ended = run(
            &mut shell("head -c 1048576 /dev/zero | tr '\\0' x >&2; echo done"),
            b"",
            Duration::from_secs(20),
            Stderr::Capture,
        )
        .expect("sh runs");
        assert!(ended.succeeded(), "{ended:?}");
        assert_eq!(ended.stderr.len(), 1_048_576);
        assert_eq!(ended.stdout, "done\n");
    }

    #[test]
    fn a_child_that_never_ends_is_killed_with_its_children_at_the_deadline() {
        let ended = run(
            &mut shell("sleep 1000 & sleep 1000; echo never"),
            b"",
            Duration::from_millis(300),
            Stderr::Capture,
        )
        .expect("sh runs");
        assert!(ended.timed_out());
        assert!(!ended.pipes_left_open, "the grandchild must be killed too");
        assert!(ended.took < Duration::from_secs(5), "{ended:?}");
    }

    #[test]
    fn input_arrives_and_a_pipe_held_open_by_a_grandchild_does_not_hang() {
        let ended = run(
            &mut shell("read line; echo got $line; sleep 3 &"),
            b"hello\n",
            Duration::from_secs(20),
            Stderr::Capture,
        )
        .expect("sh runs");
        assert!(ended.succeeded());
        assert!(ended.pipes_left_open);
        assert_eq!(ended.stdout, "got hello\n");
        assert!(ended.took < Duration::from_secs(5), "{ended:?}");
    }
}
