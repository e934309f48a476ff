//! # Lesson 7: context managers
//!
//! Run it: `just lesson-7` (or `cargo run -p lesson-07-context-managers`).
//!
//! What it shows, each case as a transcript of acquire, body and release lines:
//! 1. `with` ↔ a scope and `Drop`: the release runs at the end of the scope, on an
//!    early `return`, on a `?` error, and while a panic unwinds.
//! 2. `async with` ↔ Rust has no async `Drop`: an async constructor (`__aenter__`) and
//!    an explicit `async fn close(self)` (`__aexit__`); then a scoped helper that always
//!    awaits `close()`, after success, after an error, and (caught and re-raised) after
//!    a panic.
//! 3. Cancellation: a timeout drops a future mid-way; `Drop` runs, but no async cleanup
//!    can. A guard that hands `close()` to a spawned task still flushes.
//! 4. Why an aiohttp fetch needs two `async with`: the `reqwest::Client` is a connection
//!    pool (ten requests, one connection; a client per request, ten connections), and
//!    the `Response` is consumed by `.text().await`; an unread response costs its
//!    connection. Counted by the course server.
//!
//! The Python it mirrors (`python/lesson_07.py` runs the core of it; `just compare 7`):
//!
//! ```python
//! with open("file.txt") as f:           # __enter__ ... __exit__, even on error
//!     data = f.read()
//!
//! async with aiohttp.ClientSession() as session:        # the pool
//!     async with session.get(url) as response:          # one response
//!         return await response.text()
//! ```
//!
//! ## Start with the plain version
//!
//! `examples/plain-07.rs` (`just plain-7`) is this lesson's idea as a short program of
//! the kind you would write yourself. This binary is the same idea, measured and
//! explained.
//!
//! ## Rust used here
//!
//! Beyond the first chapters of the Rust book:
//! - `Drop`: [book 15.3](https://doc.rust-lang.org/book/ch15-03-drop.html);
//! - moves, and methods that take `self` by value:
//!   [book 4.1](https://doc.rust-lang.org/book/ch04-01-what-is-ownership.html);
//! - `Option::take`: [std](https://doc.rust-lang.org/std/option/enum.Option.html#method.take);
//! - async closures, `async |x| ..`:
//!   [reference](https://doc.rust-lang.org/reference/expressions/closure-expr.html);
//! - `catch_unwind`: [std::panic](https://doc.rust-lang.org/std/panic/fn.catch_unwind.html).
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
