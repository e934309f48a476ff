//! # Exercise 05b: pause without blocking
//!
//! Follows lesson 5, Part 1 (`time.sleep` vs `asyncio.sleep`), and lesson 1.
//!
//! The Python it mirrors:
//!
//! ```python
//! async def retry(attempt, tries, pause):
//!     for i in range(tries):
//!         if (value := attempt()) is not None:
//!             return value
//!         await asyncio.sleep(pause)         # not time.sleep(pause)!
//! ```
//!
//! **What to do:** `retry` pauses between tries with `std::thread::sleep`, which blocks
//! the thread: no other task can run during the pause. Make it pause the async way.
//! Edit `retry` only.

use std::time::Duration;

/// Calls `attempt` up to `tries` times until it gives `Some`, pausing `pause` between
/// tries; `None` if every try failed.
pub async fn retry(
    mut attempt: impl FnMut() -> Option<u32>,
    tries: u32,
    pause: Duration,
) -> Option<u32> {
    for i in 0..tries {
        if let Some(value) = attempt() {
            return Some(value);
        }
        if i + 1 < tries {
            std::thread::sleep(pause);
        }
    }
    None
}
