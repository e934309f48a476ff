//! What every exercise's check shares.
//!
//! A check is a small program (`check.rs`, built as the binary `check-NNx`) whose
//! `main` calls [`run`] with the check itself. [`run`] gives the check a thread of its
//! own and a real-time [`DEADLINE`], so a deadlock or a future that never completes
//! fails with a clear message instead of hanging; it catches a panic in the learner's
//! code; and it prints the [`Verdict`] after a [`VERDICT_MARKER`] line, which is what
//! the runner reads (anything the learner's code printed comes before it).
//!
//! Checks that measure time use [`paused_runtime`]: tokio's clock is paused and jumps
//! straight to the next timer when every task is waiting, so "three greetings of 2 s"
//! take 2.00 s (or 6.00 s) of *virtual* time, exactly, in a few milliseconds.

use std::process::ExitCode;
use std::sync::mpsc;
use std::time::Duration;

/// How long a check may take in real time before it is stopped.
pub const DEADLINE: Duration = Duration::from_secs(10);

/// The environment variable that shortens [`DEADLINE`] (whole seconds), so that the
/// course's own test of the deadline does not wait ten seconds.
pub const DEADLINE_VARIABLE: &str = "EXERCISE_DEADLINE_SECS";

/// [`DEADLINE`], or what [`DEADLINE_VARIABLE`] asks for.
pub fn deadline() -> Duration {
    std::env::var(DEADLINE_VARIABLE)
        .ok()
        .and_then(|secs| secs.parse().ok())
        .map_or(DEADLINE, Duration::from_secs)
}

/// The line after which a check prints its verdict.
pub const VERDICT_MARKER: &str = "---- verdict ----";

/// A check's result, in the learner's words.
#[derive(Debug, PartialEq, Eq)]
pub struct Verdict {
    /// Whether the exercise is solved.
    pub passed: bool,
    /// What was expected, what happened, and where the course teaches it.
    pub message: String,
}

impl Verdict {
    /// Solved: `message` says what was proven.
    pub fn pass(message: impl Into<String>) -> Self {
        Self {
            passed: true,
            message: message.into(),
        }
    }

    /// Not yet: `message` says what was expected, what happened, and which lesson part
    /// teaches it.
    pub fn fail(message: impl Into<String>) -> Self {
        Self {
            passed: false,
            message: message.into(),
        }
    }
}

/// Runs `check` on a thread of its own, waits at most [`DEADLINE`] of real time, prints
/// the verdict and returns the exit code: 0 passed, 1 failed.
pub fn run(check: impl FnOnce() -> Verdict + Send + 'static) -> ExitCode {
    // The default panic report would print a backtrace hint; the verdict says it better.
    std::panic::set_hook(Box::new(|_| {}));
    let (done, verdict) = mpsc::channel();
    std::thread::spawn(move || {
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(check));
        let verdict = outcome.unwrap_or_else(|payload| {
            let message = payload
                .downcast_ref::<&str>()
                .map(|text| (*text).to_owned())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "(no message)".to_owned());
            Verdict::fail(format!("your code panicked: {message}"))
        });
        let _ = done.send(verdict);
    });
    let deadline = deadline();
    let verdict = verdict.recv_timeout(deadline).unwrap_or_else(|_| {
        Verdict::fail(format!(
            "the check did not finish within {} s of real time: your code is probably \
             waiting for something that never happens (a future that returns Pending without \
             arranging to be woken, or a lock or channel that is never released)",
            deadline.as_secs()
        ))
    });
    print(&verdict);
    // Returning from `main` ends the process, even if the check's thread is stuck.
    if verdict.passed {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// Prints the verdict for the runner: the marker, `PASSED` or `FAILED`, the message.
pub fn print(verdict: &Verdict) {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    let status = if verdict.passed { "PASSED" } else { "FAILED" };
    let _ = writeln!(stdout, "\n{VERDICT_MARKER}\n{status}\n{}", verdict.message);
}

/// A current-thread runtime with tokio's clock paused (and timers and I/O enabled).
///
/// # Panics
/// If the OS refuses the runtime's resources; [`run`] turns that into a failed verdict.
pub fn paused_runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .start_paused(true)
        .build()
        .expect("a tokio runtime")
}

/// A current-thread runtime on the real clock, for checks about blocking.
///
/// # Panics
/// If the OS refuses the runtime's resources; [`run`] turns that into a failed verdict.
pub fn real_time_runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a tokio runtime")
}

/// `6.00 s`
pub fn secs(duration: Duration) -> String {
    format!("{:.2} s", duration.as_secs_f64())
}
