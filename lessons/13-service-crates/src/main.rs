//! # Lesson 13: The service crates, in Python terms
//!
//! Run it: `just lesson-13` (or `cargo run -p lesson-13-service-crates`).
//!
//! Its chapter (what it shows, the Python it mirrors, the plain version, the output,
//! the Rust it uses): `book/src/lessons/13-service-crates.md`, or `just book`.
//!
//! Read next: `src/lib.rs`, then `src/app.rs`.

use std::process::ExitCode;

use course_kit::Transcript;
use course_kit::cli::Command;
use course_kit::failure::report_failure;

const COMMAND: Command = Command {
    name: "lesson-13-service-crates",
    about: "Lesson 13: The service crates, in Python terms.",
    options: &[],
};

fn main() -> ExitCode {
    if let Err(stop) = COMMAND.parse() {
        return stop.report();
    }
    match start_the_lesson() {
        Ok(()) => ExitCode::SUCCESS,
        Err(problem) => report_failure(problem),
    }
}

/// One thread, like Python's event loop: the app and the client that asks it share it.
///
/// `#[tokio::main]` turns this `async fn` into a plain function that starts a runtime
/// and runs the body on it (lesson 1), which is why `main` calls it without `.await`.
#[tokio::main(flavor = "current_thread")]
async fn start_the_lesson() -> Result<(), lesson_13_service_crates::Failure> {
    lesson_13_service_crates::run(&Transcript::stdout()).await
}
