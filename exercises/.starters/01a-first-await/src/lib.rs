//! # Exercise 01a: your first `.await`
//!
//! Follows lesson 1, Step 2 (`just lesson-1`; the plain version: `just plain-1`).
//!
//! The Python it mirrors:
//!
//! ```python
//! async def greet_after_delay(name):
//!     await asyncio.sleep(1)
//!     return f"Hello, {name}!"
//! ```
//!
//! **What to do:** make `greet_after_delay` wait one second *without blocking the
//! thread*, then return the greeting. Edit this file only; check it with
//! `just exercise 01a` (or keep `just watch` running).

use std::time::Duration;

/// How long the greeting waits.
pub const DELAY: Duration = Duration::from_secs(1);

/// Waits [`DELAY`], then returns `"Hello, NAME!"`.
pub async fn greet_after_delay(name: &str) -> String {
    // TODO: wait DELAY here, the async way, before greeting.
    format!("Hello, {name}!")
}
