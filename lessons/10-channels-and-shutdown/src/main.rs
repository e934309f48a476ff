//! # Lesson 10: Queues, channels, shared state and graceful shutdown
//!
//! Run it: `just lesson-10` (or `cargo run -p lesson-10-channels-and-shutdown`).
//!
//! What it shows, measured:
//! 1. A bounded `mpsc` channel holds a fast producer back (back-pressure), and closes by
//!    itself when the last `Sender` is dropped: the consumer's loop ends, no sentinel.
//! 2. An actor owns the state and answers by `oneshot`; a `tokio::sync::Mutex` held
//!    across an `.await` makes three tasks take turns (0.30 s), a `std::sync::Mutex`
//!    released before it lets them run together (0.10 s).
//! 3. `broadcast` gives every message to every subscriber (and says `Lagged(n)` to one
//!    that fell behind); `watch` gives a slow reader only the latest value.
//! 4. A full queue: `try_send` hands the item back at once; `reserve()` waits for a place
//!    without taking the item, so a `select!` timeout cannot lose it; an unbounded
//!    channel never makes the producer wait, and its backlog grows instead.
//! 5. Graceful shutdown by hand (a `watch` stop request, a `JoinSet`): on Ctrl-C or
//!    SIGTERM, no new jobs start, the jobs in flight get a deadline to finish, and the
//!    rest are aborted. The lesson's run uses a pretend Ctrl-C; `just lesson-10 --serve`
//!    waits for a real one.
//! 6. The same shutdown the way a Rust team writes it: tokio-util's `CancellationToken`
//!    (the stop every loop watches) and `TaskTracker` (the jobs, and one wait for all).
//!
//! And a trap of its own, `examples/ctrl-c-trap.rs` (`cargo run -p
//! lesson-10-channels-and-shutdown --example ctrl-c-trap`): `tokio::signal::ctrl_c()`
//! listens only from its first poll, so a Ctrl-C between making it and awaiting it
//! kills the program; `--fixed` shows a listener made first.
//!
//! Ctrl-C during Parts 1 to 4 stops the lesson with one line on stderr and exit code 130
//! (143 for SIGTERM). During Parts 5 and 6, and in `--serve`, a signal is what the
//! service waits for: it shuts down gracefully, says so, and the exit code is 0.
//!
//! The Python it mirrors (`python/lesson_10.py` runs the core of it; `just compare 10`):
//!
//! ```python
//! queue = asyncio.Queue(maxsize=2)
//! await queue.put(item)                 # waits while the queue is full
//! item = await queue.get()              # a sentinel (None) says "no more"
//! async with lock: counts[page] += 1    # asyncio.Lock
//! loop.add_signal_handler(signal.SIGTERM, stop.set)   # then workers check `stop`
//! ```
//!
//! ## Start with the plain version
//!
//! `examples/plain-10.rs` (`just plain-10`) is this lesson's idea as a short program of
//! the kind you would write yourself. This binary is the same idea, measured and
//! explained.
//!
//! ## Rust used here
//!
//! Beyond the first chapters of the Rust book:
//! - channels and moving values into threads/tasks: [book 16.2](https://doc.rust-lang.org/book/ch16-02-message-passing.html);
//! - `Arc` and `Mutex`: [book 16.3](https://doc.rust-lang.org/book/ch16-03-shared-state.html);
//! - `Send`, why some values may not cross threads: [book 16.4](https://doc.rust-lang.org/book/ch16-04-extensible-concurrency-sync-and-send.html);
//! - `HashMap`: [book 8.3](https://doc.rust-lang.org/book/ch08-03-hash-maps.html);
//! - `#[cfg(unix)]`, code for one platform only: [the reference](https://doc.rust-lang.org/reference/conditional-compilation.html).
//! - `&mut fut` as a future: `select!` in a loop polls `&mut asked`, a borrow of a future
//!   made once before the loop and pinned (`pin!`), so that losing a turn drops only
//!   the borrow (lesson 8, Part 5);
//! - `.lock().unwrap_or_else(PoisonError::into_inner)`: a `std::sync::Mutex` is
//!   *poisoned* when a thread panicked while holding it; this takes the data anyway
//!   ([PoisonError](https://doc.rust-lang.org/std/sync/struct.PoisonError.html)).
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
