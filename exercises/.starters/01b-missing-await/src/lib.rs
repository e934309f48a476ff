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
//! `Log` comes from the course's exercise kit: `log.greet(name)` waits a second, then
//! writes the greeting down (it also notes when it ran, for the check). Only
//! `greet_twice` changes.

pub use exercise_kit::greetings::Log;

/// Greets Ann, then Bob.
pub async fn greet_twice(log: &Log) {
    log.greet("Ann");
    log.greet("Bob").await;
}
