//! # Exercise 01b: the missing `.await` (solution)
//!
//! `greet(log, "Ann")` only made a future and dropped it; `.await` runs it.

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
    greet(log, "Ann").await;
    greet(log, "Bob").await;
}
