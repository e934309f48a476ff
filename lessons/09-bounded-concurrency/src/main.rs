//! # Lesson 9: Bounded concurrency, streams and partial failure
//!
//! Run it: `just lesson-9` (or `cargo run -p lesson-09-bounded-concurrency`).
//!
//! Its chapter (what it shows, the Python it mirrors, the plain version, the output,
//! the Rust it uses): `book/src/lessons/09-bounded-concurrency.md`, or `just book`.
//!
//! Read next: `src/lib.rs`, then `src/backend.rs` (the server the lesson talks to).

use std::process::ExitCode;

use course_kit::Transcript;
use course_kit::cli::Command;
use course_kit::failure::{Failure, report_failure};

const COMMAND: Command = Command {
    name: "lesson-09-bounded-concurrency",
    about: "Lesson 9: Bounded concurrency, streams and partial failure.",
    options: &[],
};

fn main() -> ExitCode {
    if let Err(stop) = COMMAND.parse() {
        return stop.report();
    }
    match start_the_lesson() {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => report_failure(failure),
    }
}

/// One thread, like Python's event loop.
///
/// `#[tokio::main]` turns this `async fn` into a plain function that starts a runtime
/// and runs the body on it (lesson 1), which is why `main` calls it without `.await`.
#[tokio::main(flavor = "current_thread")]
async fn start_the_lesson() -> Result<(), Failure> {
    // The course server runs on this same runtime, as tasks beside the lesson's.
    lesson_09_bounded_concurrency::run(&Transcript::stdout()).await
}
