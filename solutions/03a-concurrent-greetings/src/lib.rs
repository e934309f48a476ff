//! # Exercise 03a: concurrent greetings (solution)
//!
//! Follows lesson 3, Part 3 (`just lesson-3`; the plain version: `just plain-3`).
//!
//! The Python it mirrors:
//!
//! ```python
//! async def greet_all(names):
//!     return await asyncio.gather(*(greet(name) for name in names))
//! ```
//!
//! **What to do:** `greet_all` awaits one greeting after another, so three names take
//! 6 s. Make it greet everyone at once (2 s, however many names) and keep the results
//! in the order of `names`. Edit `greet_all` only.

use std::time::Duration;

/// How long one greeting takes.
pub const GREETING: Duration = Duration::from_secs(2);

/// Waits [`GREETING`], then returns `"Hello, NAME!"`.
pub async fn greet(name: &str) -> String {
    tokio::time::sleep(GREETING).await;
    format!("Hello, {name}!")
}

/// Greets every name, all at once; the greetings in the order of `names`.
pub async fn greet_all(names: &[&str]) -> Vec<String> {
    // One future per name, all polled together by `join_all`; results in the given order.
    futures::future::join_all(names.iter().map(|name| greet(name))).await
}
