//! # Lesson 12: The compiler errors async Rust gives you
//!
//! Run it: `just lesson-12` (or `cargo run -p lesson-12-compiler-errors`); `--only N`
//! shows error N alone.
//!
//! Its chapter (what it shows, the Python it mirrors, the plain version, the output,
//! the Rust it uses): `book/src/lessons/12-compiler-errors.md`, or `just book`.
//!
//! Read next: `src/lib.rs`.

use std::process::ExitCode;

use course_kit::Transcript;
use course_kit::cli::{Command, Opt};
use lesson_12_compiler_errors::CASES;

const COMMAND: Command = Command {
    name: "lesson-12-compiler-errors",
    about: "Lesson 12: the compiler errors async Rust gives you, each with its fix, run.",
    options: &[Opt::value("only", "N", "Show only error N (1 to 12)")],
};

fn main() -> ExitCode {
    let args = match COMMAND.parse() {
        Ok(args) => args,
        Err(stop) => return stop.report(),
    };
    let only = match args.count("only", 1..=CASES.len()) {
        Ok(only) => only,
        Err(error) => return error.report(),
    };
    start_the_lesson(only);
    ExitCode::SUCCESS
}

/// One thread, like Python's event loop.
///
/// `#[tokio::main]` turns this `async fn` into a plain function that starts a runtime
/// and runs the body on it (lesson 1), which is why `main` calls it without `.await`.
#[tokio::main(flavor = "current_thread")]
async fn start_the_lesson(only: Option<usize>) {
    lesson_12_compiler_errors::run_only(&Transcript::stdout(), only).await;
}
