//! Lesson 9, the plain version: a limit on how many run at once, results as they
//! finish, errors as values, a retry with backoff, and one deadline for a batch that
//! keeps what finished.
//!
//! Run it: `just plain-9` (or `cargo run -p lesson-09-bounded-concurrency --example
//! plain-09`). The requests here are simulated with `sleep`, so the program stands on its
//! own; the lesson (`just lesson-9`) does the same over real HTTP, measured.
//! The Python it mirrors: `python/lesson_09.py` (`just compare 9` runs both).
//!
//! Beside Python: the semaphore is the same idea in both. Rust's permit is a value: it is
//! released when it is dropped, so it must live in a named variable (`let _ = ...`
//! releases it at once), and taking it before the spawn keeps at most two tasks running.

#![allow(clippy::print_stdout, reason = "a plain program prints with println!")]

use std::sync::Arc;
use std::time::{Duration, Instant};

use futures::StreamExt;
use futures::stream::FuturesUnordered;
use tokio::sync::Semaphore;

/// A pretend request: waits `ms`, then answers, or fails if `ms` is 0.
async fn fetch(name: &'static str, ms: u64) -> Result<&'static str, String> {
    if ms == 0 {
        return Err(format!("{name}: HTTP 500"));
    }
    tokio::time::sleep(Duration::from_millis(ms)).await;
    Ok(name)
}

#[tokio::main]
async fn main() {
    let start = Instant::now();

    // asyncio.Semaphore(2): six 0.3 s requests, two at a time, take 0.9 s.
    let semaphore = Arc::new(Semaphore::new(2));
    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..6 {
        let permit = Arc::clone(&semaphore)
            .acquire_owned()
            .await
            .expect("never closed");
        tasks.spawn(async move {
            let _permit = permit; // moved into the task: held until the task ends
            fetch("page", 300).await
        });
    }
    while tasks.join_next().await.is_some() {}
    println!(
        "six requests, two at a time: {:.2} s",
        start.elapsed().as_secs_f64()
    );

    // asyncio.as_completed: all three at once, results in the order they finish.
    let jobs = [("slow", 300), ("quick", 100), ("middle", 200)];
    let mut finished: FuturesUnordered<_> =
        jobs.into_iter().map(|(name, ms)| fetch(name, ms)).collect();
    while let Some(result) = finished.next().await {
        println!("finished: {result:?}");
    }

    // gather(..., return_exceptions=True): every outcome, errors as values.
    let all = futures::future::join_all([fetch("a", 100), fetch("b", 0), fetch("c", 200)]).await;
    println!("all outcomes: {all:?}");

    // A retry with exponential backoff: 0.1 s, 0.2 s, 0.4 s between attempts.
    let mut wait = Duration::from_millis(100);
    for attempt in 1..=4 {
        let outcome = if attempt < 4 {
            Err("HTTP 503")
        } else {
            Ok("done")
        };
        println!("attempt {attempt}: {outcome:?}");
        if outcome.is_ok() {
            break;
        }
        tokio::time::sleep(wait).await;
        wait *= 2;
    }

    // asyncio.wait(tasks, timeout=1): one deadline for a batch, keeping what finished.
    // `timeout_at` takes tokio's Instant; a `std::time::Instant` (like `start` above) is
    // rustc's E0308, "expected `tokio::time::Instant`": `.into()` converts one.
    let deadline = tokio::time::Instant::now() + Duration::from_secs(1);
    let mut running: FuturesUnordered<_> = [("a", 300), ("b", 0), ("c", 2000)]
        .into_iter()
        .map(|(name, ms)| async move { (name, fetch(name, ms).await) })
        .collect();
    let mut finished = Vec::new();
    // The deadline on each `next()`, not around the whole (that would drop the finished
    // results with it): each result is kept as it comes.
    while let Ok(Some((name, result))) = tokio::time::timeout_at(deadline, running.next()).await {
        finished.push(format!(
            "{name} {}",
            if result.is_ok() { "ok" } else { "failed" }
        ));
    }
    finished.sort();
    // Dropping `running` drops the requests still in it (asyncio.wait leaves them running).
    println!(
        "within 1 s: {}; unfinished: {}",
        finished.join(", "),
        running.len()
    );
    println!("Total time: {:.2} seconds", start.elapsed().as_secs_f64());
}
