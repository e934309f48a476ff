//! # Lesson 8: Timeouts, select! and cancellation
//!
//! Run it: `just lesson-8` (or `cargo run -p lesson-08-timeouts-and-cancellation`).
//!
//! What it shows, measured:
//! 1. `tokio::time::timeout` gives up on a 3 s job after 1 s (`Err(Elapsed)`) and lets a
//!    0.5 s job finish; `timeout_at` shares one deadline between three steps.
//! 2. `tokio::select!` races two downloads: the first wins, and the loser's progress
//!    stops where it was, because its future was dropped. With several branches ready,
//!    `select!` picks one at random; `biased;` picks from the top.
//! 3. Cancelling is dropping: after a timeout or `abort()`, the work's `Drop` runs and
//!    nothing after its pending `.await` does.
//! 4. `asyncio.shield` ↔ `tokio::spawn`: the caller's timeout stops the waiting, not the
//!    task, which still saves.
//! 5. Cancel safety: `select!` in a loop loses half-read lines with a future that is not
//!    cancel safe, and loses nothing with a reader that keeps them, or with one future
//!    per line polled by `&mut`.
//! 6. A sleep loop drifts; `interval` keeps the beat; `MissedTickBehavior` decides what
//!    happens to ticks missed during a stall (Burst, Delay, Skip).
//! 7. `select!` in a loop switches a branch off three ways: a `, if` condition, a pattern
//!    that does not match (`Some(x)` when a queue gives `None`), and `else` for when all
//!    are off; without `else`, tokio panics ("all branches are disabled").
//!
//! The Python it mirrors (`python/lesson_08.py` runs the core of it; `just compare 8`):
//!
//! ```python
//! await asyncio.wait_for(job(3), 1)                     # TimeoutError after 1 s
//! done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
//! task.cancel()                                         # CancelledError inside the task
//! await asyncio.shield(save())                          # a timeout outside does not cancel it
//! ```
//!
//! ## Start with the plain version
//!
//! `examples/plain-08.rs` (`just plain-8`) is this lesson's idea as a short program of
//! the kind you would write yourself. This binary is the same idea, measured and
//! explained.
//!
//! ## Rust used here
//!
//! Beyond the first chapters of the Rust book:
//! - macros with their own little syntax (`tokio::select! { pattern = future => .. }`):
//!   [book 20.5](https://doc.rust-lang.org/book/ch20-05-macros.html);
//! - `Drop`: [book 15.3](https://doc.rust-lang.org/book/ch15-03-drop.html);
//! - `Arc` and atomics: [book 16.3](https://doc.rust-lang.org/book/ch16-03-shared-state.html);
//! - channels (`mpsc`): [book 16.2](https://doc.rust-lang.org/book/ch16-02-message-passing.html)
//!   (tokio's are the async kind).
//!
//! Read next: `src/lib.rs`.

use std::process::ExitCode;

use course_kit::Transcript;
use course_kit::cli::Command;

const COMMAND: Command = Command {
    name: "lesson-08-timeouts-and-cancellation",
    about: "Lesson 8: Timeouts, select! and cancellation.",
    options: &[],
};

fn main() -> ExitCode {
    if let Err(stop) = COMMAND.parse() {
        return stop.report();
    }
    // Part 7 makes a select! panic inside a task on purpose: one line, not a crash.
    course_kit::panic_report::report_in_one_line("on purpose, see Part 7");
    start_the_lesson();
    ExitCode::SUCCESS
}

/// One thread, like Python's event loop.
///
/// `#[tokio::main]` turns this `async fn` into a plain function that starts a runtime
/// and runs the body on it (lesson 1), which is why `main` calls it without `.await`.
#[tokio::main(flavor = "current_thread")]
async fn start_the_lesson() {
    lesson_08_timeouts_and_cancellation::run(&Transcript::stdout()).await;
}
