//! # Lesson 2: how the event loop works
//!
//! Run it: `just lesson-2` (or `cargo run -p lesson-02-event-loop`).
//!
//! Its chapter (what it shows, the Python it mirrors, the plain version, the output,
//! the Rust it uses): `book/src/lessons/02-event-loop.md`, or `just book`.
//!
//! Read next: `src/lib.rs` (the lesson) and `src/mini_loop.rs` (the event loop).

use std::process::ExitCode;

use course_kit::Transcript;
use course_kit::cli::Command;
use course_kit::failure::report_failure;
use lesson_02_event_loop::mini_loop::LoopTime;

const COMMAND: Command = Command {
    name: "lesson-02-event-loop",
    about: "Lesson 2: an event loop traces every poll, pause, timer and wake-up.",
    options: &[],
};

fn main() -> ExitCode {
    if let Err(stop) = COMMAND.parse() {
        return stop.report();
    }
    // No `#[tokio::main]` here: the lesson builds its tokio runtime itself so that it can
    // attach the trace hooks, and the hand-made event loop needs no runtime at all.
    let result = lesson_02_event_loop::run(
        &Transcript::stdout(),
        LoopTime::Real,
        tokio::runtime::Builder::new_current_thread(),
    );
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => report_failure(format!("cannot start the tokio runtime: {error}")),
    }
}
