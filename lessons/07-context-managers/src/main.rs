//! # Lesson 7: context managers
//!
//! Run it: `just lesson-7` (or `cargo run -p lesson-07-context-managers`).
//!
//! Its chapter (what it shows, the Python it mirrors, the plain version, the output,
//! the Rust it uses): `book/src/lessons/07-context-managers.md`, or `just book`.
//!
//! Read next: `src/lib.rs`.

use std::process::ExitCode;

use course_kit::cli::Command;
use course_kit::failure::report_failure;
use course_kit::http_server::BackgroundServer;
use course_kit::{Transcript, tls};

const COMMAND: Command = Command {
    name: "lesson-07-context-managers",
    about: "Lesson 7: with/async with ↔ Drop, close().await, cancellation, client and response.",
    options: &[],
};

fn main() -> ExitCode {
    if let Err(stop) = COMMAND.parse() {
        return stop.report();
    }
    tls::install_crypto_provider();
    // Parts 1 and 2 panic on purpose (and catch it): one line each, not a crash.
    course_kit::panic_report::report_in_one_line("on purpose");
    let server = match BackgroundServer::start() {
        Ok(server) => server,
        Err(error) => {
            return report_failure(format!("cannot start the course server: {error}"));
        }
    };
    lesson(&server);
    ExitCode::SUCCESS
}

/// One thread, like Python's event loop.
#[tokio::main(flavor = "current_thread")]
async fn lesson(server: &BackgroundServer) {
    lesson_07_context_managers::run(&Transcript::stdout(), server).await;
}
