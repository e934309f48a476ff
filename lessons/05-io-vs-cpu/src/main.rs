//! # Lesson 5: what async can and can't do
//!
//! Run it: `just lesson-5` (or `cargo run -p lesson-05-io-vs-cpu`). It takes about 6 s
//! of real time: what it measures is real CPU time, which a paused clock cannot fake.
//!
//! Its chapter (what it shows, the Python it mirrors, the plain version, the output,
//! the Rust it uses): `book/src/lessons/05-io-vs-cpu.md`, or `just book`.
//!
//! Read next: `src/lib.rs`.

use std::process::ExitCode;

use course_kit::Transcript;
use course_kit::cli::Command;
use course_kit::failure::report_failure;

const COMMAND: Command = Command {
    name: "lesson-05-io-vs-cpu",
    about: "Lesson 5: a heartbeat task shows CPU-bound and blocking code stalling the runtime.",
    options: &[],
};

fn main() -> ExitCode {
    if let Err(stop) = COMMAND.parse() {
        return stop.report();
    }
    // No `#[tokio::main]`: the lesson builds each runtime itself, so that it can compare
    // the one-thread runtime with the multi-threaded one.
    match lesson_05_io_vs_cpu::run(&Transcript::stdout()) {
        Ok(_measured) => ExitCode::SUCCESS,
        Err(error) => report_failure(format!("cannot start the tokio runtime: {error}")),
    }
}
