//! # Lesson 8: Timeouts, select! and cancellation
//!
//! Run it: `just lesson-8` (or `cargo run -p lesson-08-timeouts-and-cancellation`).
//!
//! Its chapter (what it shows, the Python it mirrors, the plain version, the output,
//! the Rust it uses): `book/src/lessons/08-timeouts-and-cancellation.md`, or `just book`.
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
