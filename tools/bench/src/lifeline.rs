//! A child process that cannot outlive its parent.
//!
//! The benchmarks start child processes (the HTTP server, one measurement per row). If
//! the parent is killed (SIGTERM, SIGKILL, a panic), nothing runs its destructors, so a
//! `Drop` that kills the child is not enough. What the kernel *does* do for a dead
//! process is close its files, including the write end of the pipe it gave the child as
//! stdin. So the parent hands every child a pipe as stdin and never writes to it; the
//! child treats end-of-file on stdin as "my parent is gone" and returns from `main`.

use std::io::Read;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc;
use std::thread;

/// How a child's work ended.
#[derive(Debug, PartialEq, Eq)]
pub enum Outcome<T> {
    /// The work finished with this value.
    Finished(T),
    /// The work panicked (the panic hook has reported it).
    Panicked,
    /// stdin reached end-of-file first: the parent closed the pipe or died.
    ParentGone,
}

/// In the child: runs `work` on a thread of its own while this thread watches stdin.
/// Returns as soon as either the work ends or stdin reaches end-of-file. `main` then
/// returns, which ends the process even if the work is still running.
pub fn run_while_parent_lives<T: Send + 'static>(
    work: impl FnOnce() -> T + Send + 'static,
) -> Outcome<T> {
    let (report, outcome) = mpsc::channel();
    let parent_gone = report.clone();
    thread::spawn(move || {
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(work));
        let _ = report.send(match result {
            Ok(value) => Outcome::Finished(value),
            Err(_) => Outcome::Panicked,
        });
    });
    // Detached on purpose: it blocks in `read` until the parent goes, or until the
    // process ends.
    thread::spawn(move || {
        wait_until_parent_goes();
        let _ = parent_gone.send(Outcome::ParentGone);
    });
    outcome.recv().unwrap_or(Outcome::ParentGone)
}

/// In the child: blocks until stdin reaches end-of-file (or fails), which is how the
/// parent's exit shows up here. Whatever the parent writes is ignored.
pub fn wait_until_parent_goes() {
    let mut stdin = std::io::stdin().lock();
    let mut buffer = [0u8; 256];
    while let Ok(1..) = stdin.read(&mut buffer) {}
}

/// In the parent: a child started with [`spawn_child`]. Dropping it kills the child and
/// waits for it; if the parent dies without dropping it, the closed pipe ends the child.
#[derive(Debug)]
pub struct ChildProcess {
    /// The child itself (its stdout may be taken to read it).
    pub child: Child,
    // Held, never written: the child exits when this closes.
    lifeline: Option<ChildStdin>,
}

/// Starts `command` with a lifeline pipe as its stdin.
pub fn spawn_child(command: &mut Command) -> std::io::Result<ChildProcess> {
    let mut child = command.stdin(Stdio::piped()).spawn()?;
    let lifeline = child.stdin.take();
    Ok(ChildProcess { child, lifeline })
}

/// How a child started with [`spawn_child`] ended, and what it printed.
#[derive(Debug)]
pub struct ChildOutput {
    /// Its exit status.
    pub status: std::process::ExitStatus,
    /// Everything it printed on stdout.
    pub stdout: String,
}

impl ChildProcess {
    /// Waits for the child to finish on its own and returns its exit status and what it
    /// printed on stdout. The lifeline stays open meanwhile, so the child is not told to
    /// stop. (`Child::wait_with_output` would close stdin first, which here means "stop".)
    pub fn finish(&mut self) -> std::io::Result<ChildOutput> {
        let mut stdout = String::new();
        if let Some(mut pipe) = self.child.stdout.take() {
            pipe.read_to_string(&mut stdout)?;
        }
        let status = self.child.wait()?;
        Ok(ChildOutput { status, stdout })
    }
}

impl Drop for ChildProcess {
    fn drop(&mut self) {
        drop(self.lifeline.take());
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
