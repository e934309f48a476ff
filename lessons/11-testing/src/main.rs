//! # Lesson 11: Testing async code
//!
//! Run it: `just lesson-11` (or `cargo run -p lesson-11-testing`).
//!
//! Its chapter (what it shows, the Python it mirrors, the plain version, the output,
//! the Rust it uses): `book/src/lessons/11-testing.md`, or `just book`.
//!
//! Read next: `src/lib.rs`, then `tests/examples.rs` (every part as a test).

use std::process::ExitCode;

use course_kit::Transcript;
use course_kit::cli::Command;
use course_kit::failure::report_failure;

const COMMAND: Command = Command {
    name: "lesson-11-testing",
    about: "Lesson 11: Testing async code.",
    options: &[],
};

fn main() -> ExitCode {
    if let Err(stop) = COMMAND.parse() {
        return stop.report();
    }
    // Part 7 builds a runtime that panics, on purpose: one line, not a crash.
    course_kit::panic_report::report_in_one_line("on purpose, see Part 7");
    match start_the_lesson() {
        Ok(()) => ExitCode::SUCCESS,
        Err(problem) => report_failure(problem),
    }
}

/// One thread, like Python's event loop.
///
/// `#[tokio::main]` turns this `async fn` into a plain function that starts a runtime
/// and runs the body on it (lesson 1), which is why `main` calls it without `.await`.
#[tokio::main(flavor = "current_thread")]
async fn start_the_lesson() -> std::io::Result<()> {
    // Each part that needs a paused clock builds a runtime of its own for it, as
    // #[tokio::test(start_paused = true)] does; this one keeps real time.
    lesson_11_testing::run(&Transcript::stdout()).await
}
