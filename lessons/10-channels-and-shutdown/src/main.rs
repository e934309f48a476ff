//! # Lesson 10: Queues, channels, shared state and graceful shutdown
//!
//! Run it: `just lesson-10` (or `cargo run -p lesson-10-channels-and-shutdown`).
//!
//! Its chapter (what it shows, the Python it mirrors, the plain version, the output,
//! the Rust it uses): `book/src/lessons/10-channels-and-shutdown.md`, or `just book`.
//!
//! Read next: `src/lib.rs`, then `src/shutdown.rs` (Part 5) and `src/library_way.rs`
//! (Part 6).

use std::process::ExitCode;

use course_kit::Transcript;
use course_kit::cli::{Command, Opt};
use course_kit::failure::report_failure;
use lesson_10_channels_and_shutdown::shutdown::{self, StopRequest};

const COMMAND: Command = Command {
    name: "lesson-10-channels-and-shutdown",
    about: "Lesson 10: Queues, channels, shared state and graceful shutdown.",
    options: &[Opt::flag(
        "serve",
        "Run only Part 5's service, until a real Ctrl-C or SIGTERM (then exit 0)",
    )],
};

/// How the lesson ended.
enum Ending {
    /// It ran to its end (or `--serve` shut down as asked).
    Finished,
    /// A signal cut it short.
    Interrupted(lesson_10_channels_and_shutdown::Interrupted),
    /// The signal handlers could not be installed.
    NoSignals(std::io::Error),
}

fn main() -> ExitCode {
    let args = match COMMAND.parse() {
        Ok(args) => args,
        Err(stop) => return stop.report(),
    };
    match start_the_lesson(args.flag("serve")) {
        Ending::Finished => ExitCode::SUCCESS,
        Ending::Interrupted(interrupted) => {
            eprintln!("{interrupted}");
            ExitCode::from(interrupted.signal.exit_code())
        }
        Ending::NoSignals(problem) => {
            report_failure(format!("cannot listen for Ctrl-C and SIGTERM: {problem}"))
        }
    }
}

/// One thread, like Python's event loop.
///
/// `#[tokio::main]` turns this `async fn` into a plain function that starts a runtime
/// and runs the body on it (lesson 1), which is why `main` calls it without `.await`.
#[tokio::main(flavor = "current_thread")]
async fn start_the_lesson(serve: bool) -> Ending {
    // First thing: from here on, Ctrl-C and SIGTERM set the stop request instead of
    // killing the process, so every part can end cleanly.
    let stop = match StopRequest::from_signals() {
        Ok(stop) => stop,
        Err(problem) => return Ending::NoSignals(problem),
    };
    let out = Transcript::stdout();
    if serve {
        shutdown::graceful_shutdown(&out, &stop, shutdown::SERVE).await;
        return Ending::Finished;
    }
    match lesson_10_channels_and_shutdown::run(&out, &stop).await {
        Ok(()) => Ending::Finished,
        Err(interrupted) => Ending::Interrupted(interrupted),
    }
}
