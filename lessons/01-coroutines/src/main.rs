//! # Lesson 1: coroutines, `.await` and lazy futures
//!
//! Run it: `just lesson-1` (or `cargo run -p lesson-01-coroutines`).
//! Add `--by-hand` (`just lesson-1 --by-hand`, or `cargo run -p lesson-01-coroutines --
//! --by-hand`: cargo passes what follows `--` to the program) to run the very same lesson
//! on a runtime built by hand, which is what `#[tokio::main]` writes for you.
//!
//! What it shows, measured rather than claimed:
//! 1. Calling an `async fn` without `.await` gives you a *future*: a value whose type
//!    the lesson prints. Nothing inside it runs, even when the runtime has time to spare.
//! 2. `.await` runs it: "Starting...", a two-second sleep that blocks nothing, "Hello!".
//!    The time stamps show 0.00 s and 2.00 s.
//!
//! The Python it mirrors (`python/lesson_01.py` runs it; `just compare 1`):
//!
//! ```python
//! async def greet_after_delay():      # ↔ async fn greet_after_delay()
//!     print("Starting...")
//!     await asyncio.sleep(2)          # ↔ tokio::time::sleep(..).await
//!     print("Hello!")
//!
//! asyncio.run(greet_after_delay())    # ↔ #[tokio::main] + .await
//! ```
//!
//! ## Start with the plain version
//!
//! `examples/plain-01.rs` (`just plain-1`) is this lesson's idea as a short program of
//! the kind you would write yourself. This binary is the same idea, measured and
//! explained.
//!
//! ## Rust used here
//!
//! Beyond the first chapters of the Rust book:
//! - generics with a trait bound, `fn f<F: Future>(..)`, and the associated type
//!   `F::Output`: [book 10.2](https://doc.rust-lang.org/book/ch10-02-traits.html) and
//!   [20.2](https://doc.rust-lang.org/book/ch20-02-advanced-traits.html);
//! - attributes such as `#[tokio::main]`, which are macros that rewrite the function:
//!   [book 20.5](https://doc.rust-lang.org/book/ch20-05-macros.html).
//!
//! This file is only the entry point: it reads the command line and starts the runtime.
//! The lesson itself, with every `.await` explained, is in `src/lib.rs`: read that next.

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
