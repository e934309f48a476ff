//! Lesson 4, the plain version: spawn tasks, await their results, cancel one.
//!
//! Run it: `just plain-4` (or `cargo run -p lesson-04-tasks --example plain-04`).
//! The same ideas, measured (and with panics, detached tasks and JoinSet): `just lesson-4`.
//! The Python it mirrors: `python/lesson_04.py` (`just compare 4` runs both).
//!
//! Beside Python: `create_task` and `tokio::spawn` both start the work at once. Where
//! Python re-raises a task's exception at `await task`, Rust hands back values: the
//! task's own `Err` inside `Ok`, and a `JoinError` when it panicked or was aborted.

#![allow(clippy::print_stdout, reason = "a plain program prints with println!")]

use std::time::{Duration, Instant};

/// `fetch_number(n)`: a second of waiting, then `n * 10`, or an error for 0.
async fn fetch_number(n: u32) -> Result<u32, String> {
    tokio::time::sleep(Duration::from_secs(1)).await;
    if n == 0 {
        return Err("no number 0".to_owned());
    }
    Ok(n * 10)
}

#[tokio::main]
async fn main() {
    let start = Instant::now();
    // `asyncio.create_task`: each task starts now, whether or not we await it yet.
    let handles: Vec<_> = [1, 2, 0]
        .into_iter()
        .map(|n| tokio::spawn(fetch_number(n)))
        .collect();
    for handle in handles {
        // The outer Result is the runtime's (Err if the task panicked or was aborted);
        // the inner one is the task's own answer.
        match handle.await {
            Ok(Ok(value)) => println!("got {value}"),
            Ok(Err(error)) => println!("the task returned an error: {error}"),
            Err(join_error) => println!("the task did not finish: {join_error}"),
        }
    }
    println!("three tasks of 1 s each, run together");

    // `task.cancel()`: abort drops the task's future; it never prints "done".
    let slow = tokio::spawn(async {
        tokio::time::sleep(Duration::from_secs(10)).await;
        println!("done");
    });
    slow.abort();
    let cancelled = slow.await.is_err_and(|error| error.is_cancelled());
    println!("aborted: {cancelled}");
    println!("Total time: {:.2} seconds", start.elapsed().as_secs_f64());
}
