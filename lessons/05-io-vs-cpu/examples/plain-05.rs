//! Lesson 5, the plain version: a ticking task keeps ticking while another task waits,
//! and stops while another task blocks the thread, unless the blocking work moves to
//! `spawn_blocking`.
//!
//! Run it: `just plain-5` (or `cargo run -p lesson-05-io-vs-cpu --example plain-05`).
//! The same program, measured with a heartbeat and a multi-threaded runtime: `just lesson-5`.
//! The Python it mirrors: `python/lesson_05.py` (`just compare 5` runs both).
//!
//! Beside Python: in both, a blocking call inside a coroutine stops every other coroutine
//! on the thread (the ticker stops), and moving it to a thread pool (`asyncio.to_thread`,
//! `spawn_blocking`) lets them run on. For CPU-heavy work Python needs processes (the
//! GIL); Rust can use more threads.

#![allow(clippy::print_stdout, reason = "a plain program prints with println!")]

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// Runs `work` while a ticker task counts 100 ms ticks; returns the count.
async fn ticks_during(work: impl Future<Output = ()>) -> usize {
    let ticks = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&ticks);
    let ticker = tokio::spawn(async move {
        loop {
            tokio::time::sleep(Duration::from_millis(100)).await;
            counter.fetch_add(1, Ordering::Relaxed);
        }
    });
    work.await;
    ticker.abort();
    ticks.load(Ordering::Relaxed)
}

/// One thread, like asyncio: a task that does not give the thread back stalls the rest.
#[tokio::main(flavor = "current_thread")]
async fn main() {
    let start = Instant::now();
    let second = Duration::from_secs(1);

    // Waiting: `await asyncio.sleep(1)`. The ticker runs meanwhile.
    let waiting = ticks_during(tokio::time::sleep(second)).await;
    println!("awaiting a sleep:        {waiting} ticks");

    // Blocking: `time.sleep(1)` inside a coroutine. The only thread is stuck.
    let blocking = ticks_during(async { std::thread::sleep(second) }).await;
    println!("std::thread::sleep:      {blocking} ticks");

    // The fix: `await asyncio.to_thread(time.sleep, 1)`.
    let moved = ticks_during(async {
        let _ = tokio::task::spawn_blocking(move || std::thread::sleep(second)).await;
    })
    .await;
    println!("spawn_blocking:          {moved} ticks");
    println!("Total time: {:.2} seconds", start.elapsed().as_secs_f64());
}
