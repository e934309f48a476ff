//! # Exercise 05a: keep blocking work off the runtime (solution)
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
//! Make `load_settings` run it where it cannot stall the runtime. Edit
//! `load_settings` only.

/// The slow, blocking call (it sleeps the thread for `BLOCKS_FOR`, then returns the
/// settings): given by the course's exercise kit, which notes the thread it ran on.
pub use exercise_kit::settings::{BLOCKS_FOR, read_settings_blocking};

/// Loads the settings from async code without stalling the other tasks.
pub async fn load_settings() -> String {
    // On tokio's pool of blocking threads; awaiting the handle waits without blocking.
    tokio::task::spawn_blocking(read_settings_blocking)
        .await
        .unwrap_or_default()
}
