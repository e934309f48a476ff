//! # Lesson 5, the body: what async can and can't do
//!
//! Async code shares a thread by *taking turns*: a task runs until it reaches an
//! `.await` that has to wait, and only then can the runtime run another task on that
//! thread. Waiting for a timer, a socket or a database is the ideal case: the task
//! returns `Pending` at once and the thread is free. But code that *computes* for a
//! second, or calls a *blocking* function (`std::thread::sleep`, `std::fs`, a
//! synchronous HTTP client), never reaches such an `.await`: it holds the thread the
//! whole time, and every other task on that thread waits. Python's event loop has
//! exactly the same limit.
//!
//! To see it, a **heartbeat** task (`course_kit::heartbeat`) ticks every 100 ms while the main task does one
//! second of something. On time, it ticks about ten times, never more than ~100 ms
//! apart. Stalled, it does not tick at all until the second is over.
//!
//! ## Where blocking and CPU work go instead
//!
//! - **A blocking call you cannot avoid** (a synchronous library, `std::fs`): hand it to
//!   `tokio::task::spawn_blocking(closure)` and await the `JoinHandle` (Python:
//!   `asyncio.to_thread`). The closure runs on tokio's pool of blocking threads (up to
//!   512 by default), and awaiting the handle waits without blocking. It is meant for
//!   *bounded* blocking work: once started, the closure cannot be aborted, and hundreds
//!   of long jobs would each hold a thread of that pool. (`tokio::fs`, like Python's
//!   `aiofiles`, does exactly this underneath: it runs `std::fs` on blocking threads.)
//! - **Heavy CPU work** (seconds of computing, or a lot of it): give it threads of its
//!   own, a dedicated `std::thread` or a pool such as rayon's sized to the cores, and
//!   send the result back to async code through a channel (`tokio::sync::oneshot`).
//!   `spawn_blocking` works for a short burst, as Part 1 shows, but it is not a CPU pool.
//!
//! Python's side differs here: `asyncio.to_thread` keeps the event loop free, but
//! because of the GIL a CPU-bound function in a thread still gets no parallel speed-up;
//! CPU work needs a process pool there. Rust threads run truly in parallel.
//!
//! ## One thread, or several?
//!
//! Part 1 uses the current-thread runtime, like Python's event loop, where the stall is
//! plain to see. tokio's default (multi-threaded) runtime runs tasks on several worker
//! threads (one per core by default), so one task hogging one worker leaves the others
//! free: Part 2 measures that. It *changes* the problem but does not remove it: as soon
//! as there are as many hogging tasks as workers, everything stalls again, and any task
//! queued behind a hog on its worker may wait until another worker steals it. (Not
//! every queued task can be stolen: the task a worker woke most recently sits in its
//! "LIFO slot", which other workers do not steal from.)
//!
//! Times here are real (`std::time::Instant`): CPU work takes real time, and a paused
//! test clock would not see it. The tests therefore check the *shape* of the result with
//! wide tolerances, not exact figures.

use std::time::{Duration, Instant};

use course_kit::Transcript;
use course_kit::heartbeat::{Pulse, TICK, with_heartbeat};

/// How long each scenario keeps the main task busy.
pub const BUSY_FOR: Duration = Duration::from_secs(1);

/// Real CPU work: counts primes by trial division until `duration` has passed. Returns
/// how many primes it found. (The time budget keeps the work about a second long on any
/// machine and in debug or release builds; the work itself is genuine computation, with
/// no `.await` anywhere, so it never gives the thread back.)
pub fn count_primes_for(duration: Duration) -> u64 {
    let start = Instant::now();
    let (mut candidate, mut primes) = (2u64, 0u64);
    while start.elapsed() < duration {
        for _ in 0..1_000 {
            if is_prime(candidate) {
                primes += 1;
            }
            candidate += 1;
        }
    }
    primes
}

fn is_prime(n: u64) -> bool {
    n >= 2
        && (2..)
            .take_while(|d| d * d <= n)
            .all(|d| !n.is_multiple_of(d))
}

/// One line of the results table.
#[derive(Clone, Debug)]
pub struct Measured {
    /// What the main task did.
    pub what: &'static str,
    /// What the heartbeat saw.
    pub pulse: Pulse,
}

/// Part 1: four ways of spending a second, on the current-thread runtime.
pub async fn one_thread(out: &Transcript) -> Vec<Measured> {
    out.heading("Part 1: one thread (current-thread runtime, like asyncio)");
    let mut results = Vec::new();

    // I/O-like waiting: the main task is Pending for a second; the heartbeat runs.
    let ((), pulse) = with_heartbeat(tokio::time::sleep(BUSY_FOR)).await;
    results.push(report(out, "tokio::time::sleep(1s).await", pulse));

    // CPU-bound work called directly in async code. There is no `.await` inside
    // `count_primes_for`, so this task keeps the only thread for the whole second.
    let (_, pulse) = with_heartbeat(async { count_primes_for(BUSY_FOR) }).await;
    results.push(report(out, "count primes, inline", pulse));

    // A blocking call: the thread sleeps, so nothing else can use it. Same stall. (This
    // is the reason not to call Python's `requests` in async code; lesson 6 shows it with a
    // real HTTP client.)
    let ((), pulse) = with_heartbeat(async { std::thread::sleep(BUSY_FOR) }).await;
    results.push(report(out, "std::thread::sleep(1s), inline", pulse));

    // The fix: run the CPU work on tokio's blocking-thread pool, and *await* its handle.
    // Awaiting the handle is waiting, not computing: the runtime's thread stays free.
    let (_, pulse) =
        with_heartbeat(async { tokio::task::spawn_blocking(|| count_primes_for(BUSY_FOR)).await })
            .await;
    results.push(report(out, "spawn_blocking(count primes).await", pulse));
    results
}

/// How many worker threads Part 2's multi-threaded runtime gets.
pub const WORKERS: usize = 2;

/// Part 2: the same CPU work as tasks on a multi-threaded runtime with [`WORKERS`]
/// workers: first one hog, then as many hogs as workers.
pub async fn several_threads(out: &Transcript) -> Vec<Measured> {
    out.heading(format!(
        "Part 2: the multi-threaded runtime, {WORKERS} worker threads"
    ));
    let mut results = Vec::new();
    for hogs in [1, WORKERS] {
        let (_, pulse) = with_heartbeat(async move {
            // Each hog is a task that computes inline, never reaching an `.await`.
            let handles: Vec<_> = (0..hogs)
                .map(|_| tokio::spawn(async { count_primes_for(BUSY_FOR) }))
                .collect();
            for handle in handles {
                let _ = handle.await;
            }
        })
        .await;
        let what = if hogs == 1 {
            "1 CPU-bound task (1 worker busy)"
        } else {
            "2 CPU-bound tasks (every worker busy)"
        };
        results.push(report(out, what, pulse));
    }
    results
}

fn report(out: &Transcript, what: &'static str, pulse: Pulse) -> Measured {
    out.note(format!("{what:<38} {pulse}"));
    Measured { what, pulse }
}

/// The whole lesson: Part 1 on a current-thread runtime, Part 2 on a multi-threaded one.
/// Fails only if a runtime cannot be built (the OS refused a thread or a timer).
pub fn run(out: &Transcript) -> std::io::Result<Vec<Measured>> {
    out.note("Lesson 5: what async can and can't do");
    out.note("(Start with the plain version, just plain-5; this is the same idea, measured.)");
    out.note(format!(
        "A heartbeat task ticks every {} ms while the main task spends {} s on something.",
        TICK.as_millis(),
        BUSY_FOR.as_secs()
    ));
    let one = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()?;
    let mut results = one.block_on(one_thread(out));
    let several = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(WORKERS)
        .enable_time()
        .build()?;
    results.extend(several.block_on(several_threads(out)));
    out.paragraph(
        "In short: waiting (sleep, sockets, timers) gives the thread back at once, so other \
         tasks run; computing or blocking inline holds the thread, and every task on it \
         stalls. spawn_blocking moves short blocking work off the runtime's threads; more \
         worker threads only help while fewer tasks hog than there are workers.",
    );
    Ok(results)
}
