//! # Lesson 4: tasks
//!
//! Run it: `just lesson-4` (or `cargo run -p lesson-04-tasks`).
//!
//! What it shows, measured in the transcript:
//! 1. A plain future is lazy: created and left alone, it prints nothing. A spawned task
//!    is eager: it starts as soon as the runtime gets a turn, without being awaited.
//! 2. Awaiting a `JoinHandle` gives what the task returned. A task that fails returns
//!    its error as a value: `Ok(Err(..))`, where a Python task would raise.
//! 3. A task that panics (a bug) does not take `main` down: its `JoinHandle` returns a
//!    `JoinError`. A panic in a task nobody awaits is seen only by the panic hook: the
//!    two `(panic report)` lines on stderr are printed on purpose.
//! 4. `abort()` cancels a task: its future is dropped, its work never finishes. Dropping
//!    the `JoinHandle` instead detaches the task, which runs on.
//! 5. A `JoinSet` (Python's `asyncio.TaskGroup`): drained with `join_next`, it waits
//!    for every task; on the first error our own code aborts the rest; dropped, it
//!    aborts them without waiting.
//!
//! The Python it mirrors (`python/lesson_04.py` runs the core of it; `just compare 4`):
//!
//! ```python
//! task = asyncio.create_task(greet_after_delay("Alice"))   # starts running soon
//! result = await task                                      # its return value
//! task.cancel()                                            # cancel it
//! async with asyncio.TaskGroup() as tg:                    # many tasks, one scope
//!     tg.create_task(...)
//! ```
//!
//! How cheap is a task? `just bench-tasks` (the `course-bench` crate) spawns 100,000.
//!
//! ## Start with the plain version
//!
//! `examples/plain-04.rs` (`just plain-4`) is this lesson's idea as a short program of
//! the kind you would write yourself. This binary is the same idea, measured and
//! explained.
//!
//! ## Rust used here
//!
//! Beyond the first chapters of the Rust book:
//! - `Result` and `?`: [book 9.2](https://doc.rust-lang.org/book/ch09-02-recoverable-errors-with-result.html);
//! - `move` closures and blocks: [book 13.1](https://doc.rust-lang.org/book/ch13-01-closures.html);
//! - `'static`: [book 10.3](https://doc.rust-lang.org/book/ch10-03-lifetime-syntax.html);
//! - `Send`, and `Rc` vs `Arc`: [book 16.4](https://doc.rust-lang.org/book/ch16-04-extensible-concurrency-sync-and-send.html).
//!
//! Read next: `src/lib.rs`.

use std::process::ExitCode;

use course_kit::Transcript;
use course_kit::cli::Command;

const COMMAND: Command = Command {
    name: "lesson-04-tasks",
    about: "Lesson 4: spawned tasks start eagerly; JoinHandle, errors, panics, abort and JoinSet.",
    options: &[],
};

fn main() -> ExitCode {
    if let Err(stop) = COMMAND.parse() {
        return stop.report();
    }
    // Part 3 panics inside tasks on purpose: report each in one line, not as a crash.
    course_kit::panic_report::report_in_one_line("on purpose, see Part 3");
    start_the_lesson();
    ExitCode::SUCCESS
}

/// One thread, like Python's event loop: a spawned task runs when the code that spawned
/// it reaches an `.await` that pauses, exactly as with `asyncio.create_task`.
///
/// `#[tokio::main]` turns this `async fn` into a plain function that starts a runtime
/// and runs the body on it (lesson 1), which is why `main` calls it without `.await`.
#[tokio::main(flavor = "current_thread")]
async fn start_the_lesson() {
    lesson_04_tasks::run(&Transcript::stdout()).await;
}
