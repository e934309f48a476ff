//! # Lesson 1: coroutines, `.await` and lazy futures
//!
//! Run it: `just lesson-1` (or `cargo run -p lesson-01-coroutines`).
//! Add `--by-hand` (`just lesson-1 --by-hand`, or `cargo run -p lesson-01-coroutines --
//! --by-hand`: cargo passes what follows `--` to the program) to run the very same lesson
//! on a runtime built by hand, which is what `#[tokio::main]` writes for you.
//!
//! Its chapter (what it shows, the Python it mirrors, the plain version, the output,
//! the Rust it uses): `book/src/lessons/01-coroutines.md`, or `just book`.

use std::process::ExitCode;

use course_kit::Transcript;
use course_kit::cli::{Command, Opt};
use course_kit::failure::report_failure;

const COMMAND: Command = Command {
    name: "lesson-01-coroutines",
    about: "Lesson 1: an async fn returns a lazy future; .await runs it.",
    options: &[Opt::flag(
        "by-hand",
        "Build the runtime by hand instead of with #[tokio::main]",
    )],
};

fn main() -> ExitCode {
    let args = match COMMAND.parse() {
        Ok(args) => args,
        Err(stop) => return stop.report(),
    };
    if !args.flag("by-hand") {
        main_with_macro();
        return ExitCode::SUCCESS;
    }
    match lesson_01_coroutines::main_by_hand(&Transcript::stdout()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => report_failure(format!("cannot start the tokio runtime: {error}")),
    }
}

/// `#[tokio::main]` is Rust's `asyncio.run()`: it turns this `async fn` into a plain
/// function that creates a runtime (the event loop), runs the future to completion on
/// it, and shuts the runtime down. `flavor = "current_thread"` asks for a runtime that
/// runs every task on this one thread, like Python's event loop. (The default flavour
/// starts one worker thread per core; lesson 5 shows why that matters.)
///
/// `lesson_01_coroutines::main_by_hand` is the same thing written out by hand.
#[tokio::main(flavor = "current_thread")]
async fn main_with_macro() {
    // `.await` hands the lesson's future to the runtime, which polls it until it is done.
    lesson_01_coroutines::run(&Transcript::stdout()).await;
}
