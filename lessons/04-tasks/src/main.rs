//! # Lesson 4: tasks
//!
//! Run it: `just lesson-4` (or `cargo run -p lesson-04-tasks`).
//!
//! Its chapter (what it shows, the Python it mirrors, the plain version, the output,
//! the Rust it uses): `book/src/lessons/04-tasks.md`, or `just book`.
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
