//! # Lesson 5, the body: what async can and can't do
//!
//! The lesson itself: every part as code, each `.await`, `spawn` and `join` commented
//! where it happens. What the lesson shows and why is told once, in its chapter:
//! `book/src/lessons/05-io-vs-cpu.md` (`just book`).

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
