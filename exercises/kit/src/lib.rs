//! What every exercise's check shares.
//!
//! A check is a small program (`check.rs`, built as the binary `check-NNx`) whose
//! `main` calls [`run`] with the check itself. [`run`] first reads the runner's seal from
//! stdin (before any of the learner's code runs, so that code cannot know it), gives the
//! check a thread of its own and a real-time deadline, catches a panic in the learner's
//! code, and prints the [`Verdict`] after a marker line that carries the seal. The runner
//! believes only a sealed verdict whose exit status agrees with it: a learner's file that
//! prints `PASSED` and exits cannot pass.
//!
//! Checks that measure time use [`paused_runtime`] and [`measure`]: tokio's clock is
//! paused and jumps straight to the next timer when every task waits, so "three
//! greetings of 2 s" take 2.00 s (or 6.00 s) of *virtual* time, exactly, in a few
//! milliseconds. [`Measured::honest`] tells a blocked thread and a clock moved by hand
//! (`tokio::time::advance`, which exists for tests) from a real wait.
//!
//! The given modules ([`greetings`], [`connection`], [`prices`], [`settings`], [`visits`]) are the
//! pieces an exercise hands the learner: they live here, out of the learner's file, so
//! that the check can vary them and see that they were really used.

pub mod connection;
pub mod greetings;
pub mod prices;
pub mod settings;
pub mod visits;

use std::future::Future;
use std::io::Read;
use std::process::ExitCode;
use std::sync::mpsc;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

/// How long a check may take in real time before it is stopped.
pub const DEADLINE: Duration = Duration::from_secs(10);

/// The environment variable that shortens [`DEADLINE`] (whole seconds), so that the
/// course's own tests of endless answers do not wait ten seconds each.
pub const DEADLINE_VARIABLE: &str = course_kit::check_protocol::DEADLINE_SECS;

/// [`DEADLINE`], or what [`DEADLINE_VARIABLE`] asks for.
pub fn deadline() -> Duration {
    std::env::var(DEADLINE_VARIABLE)
        .ok()
        .and_then(|secs| secs.parse().ok())
        .map_or(DEADLINE, Duration::from_secs)
}

/// The marker line before the verdict: `---- verdict SEAL ----`.
pub fn verdict_marker(seal: &str) -> String {
    format!("---- verdict {seal} ----")
}

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

/// Runs `check` on a thread of its own, waits at most [`deadline`] of real time, prints
/// the sealed verdict and returns the exit code: 0 passed, 1 failed.
pub fn run(check: impl FnOnce() -> Verdict + Send + 'static) -> ExitCode {
    // The seal comes first, before any learner code runs; stdin is then at its end.
    let mut seal = String::new();
    let _ = std::io::stdin().lock().take(64).read_to_string(&mut seal);
    let seal = seal.trim().to_owned();
    // The default panic report would print a backtrace hint; the verdict says it better.
    std::panic::set_hook(Box::new(|_| {}));
    let (done, verdict) = mpsc::channel();
    std::thread::spawn(move || {
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(check));
        let verdict = outcome.unwrap_or_else(|payload| {
            Verdict::fail(format!("your code panicked: {}", panic_text(&*payload)))
        });
        let _ = done.send(verdict);
    });
    let deadline = deadline();
    let verdict = verdict.recv_timeout(deadline).unwrap_or_else(|_| {
        Verdict::fail(format!(
            "the check did not finish within {} s of real time. Your code is waiting for \
             something that never happens (a future that returns Pending without arranging to \
             be woken, a lock or a channel never released), or it runs a loop that never \
             reaches an .await that waits (a spin, or a retry that never gives up)",
            deadline.as_secs()
        ))
    });
    print(&seal, &verdict);
    // Returning from `main` ends the process, even if the check's thread is stuck.
    if verdict.passed {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// The text of a panic's payload.
pub fn panic_text(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|text| (*text).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "(no message)".to_owned())
}

/// Prints the verdict for the runner: the sealed marker, `PASSED` or `FAILED`, the
/// message.
fn print(seal: &str, verdict: &Verdict) {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    let status = if verdict.passed { "PASSED" } else { "FAILED" };
    let _ = writeln!(
        stdout,
        "\n{}\n{status}\n{}",
        verdict_marker(seal),
        verdict.message
    );
    let _ = stdout.flush();
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

/// A number picked anew on every run within `range`: a value a check passes to the
/// learner's function (a limit, a wait) that no answer can have written in advance.
pub fn vary(range: std::ops::RangeInclusive<u64>) -> u64 {
    use std::hash::{BuildHasher, RandomState};
    let random = RandomState::new().hash_one(std::time::SystemTime::now());
    range.start() + random % (range.end() - range.start() + 1)
}

/// `6.00 s`
pub fn secs(duration: Duration) -> String {
    format!("{:.2} s", duration.as_secs_f64())
}

/// `1 item`, `3 items`.
pub fn count(n: usize, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{n} {what}s")
    }
}

/// A list shown in a message, cut after `most` items so that a runaway answer does not
/// print three hundred of them.
pub fn shown<T: std::fmt::Debug>(items: &[T], most: usize) -> String {
    if items.len() <= most {
        format!("{items:?}")
    } else {
        let head: Vec<String> = items[..most].iter().map(|i| format!("{i:?}")).collect();
        format!("[{}, … {} in all]", head.join(", "), items.len())
    }
}

/// How real time went while the learner's future ran on the paused clock.
#[derive(Clone, Copy, Debug)]
pub struct Measured<T> {
    /// What the future returned.
    pub output: T,
    /// Virtual time it took.
    pub took: Duration,
    /// Real time it took while this thread was not waiting for a CPU: a busy machine
    /// does not count (see [`ThreadClock`]), a blocked or spinning thread does.
    pub real: Duration,
    /// The latest a witness task woke after its timer was due (virtual time).
    pub late: Duration,
}

/// Real time a correct answer never needs on the paused clock (time spent waiting for a
/// CPU on a busy machine not counted): more than this means the thread was blocked.
pub const BLOCKED: Duration = Duration::from_millis(400);

impl<T> Measured<T> {
    /// `Err` with the real cause when the thread was blocked (real time went by) or the
    /// clock was moved by hand (a task's timer fired late): `what` names the call.
    pub fn honest(&self, what: &str) -> Result<(), Verdict> {
        if self.real >= BLOCKED {
            return Err(Verdict::fail(format!(
                "{what} kept the thread busy: {} of real time went by while it ran (and {} of \
                 virtual time). That is blocking code on the runtime's thread \
                 (std::thread::sleep, a std lock or join), or a loop that spins without ever \
                 waiting (an .await that is always ready at once). Wait with \
                 tokio::time::sleep(..).await or for the value itself; move blocking work to \
                 spawn_blocking (lesson 5, Part 1)",
                secs(self.real),
                secs(self.took)
            )));
        }
        if self.late > Duration::from_millis(1) {
            return Err(Verdict::fail(format!(
                "while {what} ran, another task's timer fired {} late: the clock was moved \
                 forward by hand instead of waited for. tokio::time::advance and pause are test \
                 controls that skip everyone's time; your code should wait with \
                 tokio::time::sleep(..).await (lesson 1, Step 2; lesson 11, Part 3)",
                secs(self.late)
            )));
        }
        Ok(())
    }
}

/// Real time on this thread, less the time it waited for a CPU: what a blocked thread
/// (`std::thread::sleep`, a std lock) or a spinning one adds, and what two busy loops on
/// the other cores do not. Linux keeps the wait per thread in
/// `/proc/thread-self/schedstat` (its second field, in ns); where that cannot be read,
/// this is plain real time.
pub struct ThreadClock {
    started: std::time::Instant,
    waited: Option<u64>,
}

impl ThreadClock {
    /// Starts measuring on the calling thread.
    pub fn start() -> Self {
        Self {
            waited: run_queue_wait(),
            started: std::time::Instant::now(),
        }
    }

    /// Real time since [`ThreadClock::start`], less the time this thread waited for a CPU
    /// meanwhile. Call it on the thread that started it.
    pub fn elapsed(&self) -> Duration {
        let real = self.started.elapsed();
        match (self.waited, run_queue_wait()) {
            (Some(before), Some(now)) => {
                real.saturating_sub(Duration::from_nanos(now.saturating_sub(before)))
            }
            _ => real,
        }
    }
}

/// How long (ns) the calling thread has waited on a run queue, runnable but not running.
fn run_queue_wait() -> Option<u64> {
    let stats = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    stats.split_whitespace().nth(1)?.parse().ok()
}

/// Runs `future` on the current (paused) runtime beside a witness task that wakes every
/// 10 ms of virtual time and notes how late each wake-up was; returns what `future`
/// gave and how time went.
pub async fn measure<F: Future>(future: F) -> Measured<F::Output> {
    let late = Arc::new(Mutex::new(Duration::ZERO));
    let noted = Arc::clone(&late);
    let start = tokio::time::Instant::now();
    let witness = tokio::spawn(async move {
        let mut due = start;
        loop {
            due += Duration::from_millis(10);
            tokio::time::sleep_until(due).await;
            let lateness = tokio::time::Instant::now().saturating_duration_since(due);
            let mut most = noted.lock().unwrap_or_else(PoisonError::into_inner);
            *most = (*most).max(lateness);
            // A clock moved far ahead: start again from now, so one jump counts once.
            due = due.max(tokio::time::Instant::now() - Duration::from_millis(10));
        }
    });
    let real = ThreadClock::start();
    let output = future.await;
    let (took, real) = (start.elapsed(), real.elapsed());
    // Let a timer that came due at this very instant fire before the witness stops.
    tokio::task::yield_now().await;
    witness.abort();
    let late = *late.lock().unwrap_or_else(PoisonError::into_inner);
    Measured {
        output,
        took,
        real,
        late,
    }
}
