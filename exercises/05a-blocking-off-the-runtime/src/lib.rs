//! # Exercise 05a: keep blocking work off the runtime
//!
//! Follows lesson 5, Part 1 (`just lesson-5`; the plain version: `just plain-5`).
//!
//! The Python it mirrors:
//!
//! ```python
//! async def load_settings():
//!     return await asyncio.to_thread(read_settings_blocking)
//! ```
//!
//! **What to do:** `read_settings_blocking` is a slow *blocking* call (think `std::fs`
//! or a synchronous client), simulated here with `std::thread::sleep`. Called straight
//! from async code it holds the runtime's only thread, and every other task stalls.
//! Make `load_settings` run it where it cannot stall the runtime. Do not change
//! `read_settings_blocking`; edit `load_settings` only.

use std::time::Duration;

/// How long the blocking call takes.
pub const BLOCKS_FOR: Duration = Duration::from_millis(400);

/// A slow, blocking call: do not change it.
pub fn read_settings_blocking() -> String {
    std::thread::sleep(BLOCKS_FOR);
    "debug = true".to_owned()
}

/// Loads the settings from async code without stalling the other tasks.
pub async fn load_settings() -> String {
    read_settings_blocking()
}
