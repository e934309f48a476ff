//! # Lesson 3: sequential await vs gather
//!
//! Run it: `just lesson-3` (or `cargo run -p lesson-03-sequential-vs-gather`).
//!
//! Its chapter (what it shows, the Python it mirrors, the plain version, the output,
//! the Rust it uses): `book/src/lessons/03-sequential-vs-gather.md`, or `just book`.
//!
//! Read next: `src/lib.rs`, the lesson with every `.await` and `join` explained.

use std::process::ExitCode;

use course_kit::Transcript;
use course_kit::cli::Command;

const COMMAND: Command = Command {
    name: "lesson-03-sequential-vs-gather",
    about: "Lesson 3: three greetings awaited one by one (6 s) and together with join! (2 s).",
    options: &[],
};

fn main() -> ExitCode {
    if let Err(stop) = COMMAND.parse() {
        return stop.report();
    }
    start_the_lesson();
    ExitCode::SUCCESS
}

/// `asyncio.run(main())`: one thread, one event loop, like Python's.
///
/// `#[tokio::main]` turns this `async fn` into a plain function that starts a runtime
/// and runs the body on it (lesson 1), which is why `main` calls it without `.await`.
#[tokio::main(flavor = "current_thread")]
async fn start_the_lesson() {
    lesson_03_sequential_vs_gather::run(&Transcript::stdout()).await;
}
