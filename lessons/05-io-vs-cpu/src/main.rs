//! # Lesson 5: what async can and can't do
//!
//! Run it: `just lesson-5` (or `cargo run -p lesson-05-io-vs-cpu`). It takes about 6 s
//! of real time: what it measures is real CPU time, which a paused clock cannot fake.
//!
//! What it shows, measured: a heartbeat task ticks every 100 ms while the main task
//! spends one second on something else. The lesson counts the ticks and the longest gap
//! between them:
//! - waiting with `tokio::time::sleep(..).await` (I/O-like waiting): on time;
//! - counting primes inline (CPU-bound): stalled, not a single tick for a second;
//! - `std::thread::sleep` inline (a blocking call): stalled just the same;
//! - counting primes in `tokio::task::spawn_blocking`: on time again (fine for a short
//!   burst; heavy CPU work belongs on threads of its own, see `src/lib.rs`);
//! - on the multi-threaded runtime, one CPU-bound task leaves another worker free (on
//!   time), but as many CPU-bound tasks as workers stall everything again.
//!
//! The Python it mirrors (`python/lesson_05.py` runs it; `just compare 5`):
//!
//! ```python
//! await asyncio.sleep(1)                 # waiting: other coroutines run meanwhile
//! count_primes()                         # computing: the event loop is stuck
//! time.sleep(1)                          # blocking: the event loop is stuck
//! await asyncio.to_thread(count_primes)  # ↔ tokio::task::spawn_blocking
//! ```
//!
//! ## Start with the plain version
//!
//! `examples/plain-05.rs` (`just plain-5`) is this lesson's idea as a short program of
//! the kind you would write yourself. This binary is the same idea, measured and
//! explained.
//!
//! ## Rust used here
//!
//! Beyond the first chapters of the Rust book:
//! - threads: [book 16.1](https://doc.rust-lang.org/book/ch16-01-threads.html);
//! - `Arc` and `Mutex`: [book 16.3](https://doc.rust-lang.org/book/ch16-03-shared-state.html);
//! - atomics: [std::sync::atomic](https://doc.rust-lang.org/std/sync/atomic/index.html).
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
