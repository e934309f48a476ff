//! # Exercise 01b: the missing `.await`
//!
//! Follows lesson 1, "Forgetting `.await`" (`just lesson-1`, `src/lib.rs`).
//!
//! In Python, calling `greet(log, "Ann")` without `await` runs nothing and warns
//! "coroutine was never awaited" at run time, maybe. Rust refuses to build it.
//!
//! **What to do:** this file does not compile yet. Run `just exercise 01b` to see what
//! the compiler says, then fix `greet_twice` so that it greets Ann, then Bob, one after
//! the other (two seconds in all).
//!
//! You do not need to understand `Log` (a list shared between tasks: book chapter 16)
//! or `PoisonError`: only `greet_twice` changes.

use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

/// Who was greeted, in order.
pub type Log = Arc<Mutex<Vec<String>>>;

/// Waits a second, then writes the greeting to the log.
pub async fn greet(log: &Log, name: &str) {
    tokio::time::sleep(Duration::from_secs(1)).await;
    let greeting = format!("Hello, {name}!");
    log.lock()
        .unwrap_or_else(PoisonError::into_inner)
        .push(greeting);
}

/// Greets Ann, then Bob.
pub async fn greet_twice(log: &Log) {
    greet(log, "Ann");
    greet(log, "Bob").await;
}
