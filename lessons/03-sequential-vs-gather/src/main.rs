//! # Lesson 3: sequential await vs gather
//!
//! Run it: `just lesson-3` (or `cargo run -p lesson-03-sequential-vs-gather`).
//!
//! What it shows, measured:
//! 1. Three greetings awaited one after another take 6 s: each `.await` waits for its
//!    greeting to finish before the next line runs. The timeline chart is a staircase.
//! 2. The same three with `tokio::join!` take 2 s: all three "Starting" lines, then all
//!    three "Hello" lines. The chart shows three bars stacked on top of each other.
//! 3. The same with `futures::future::join_all`, for a list of any length: 2 s.
//! 4. Results come back in the order the futures were given, `[10, 20, 30]`, even when
//!    the delays make them finish in the opposite order.
//!
//! The Python it mirrors (`python/lesson_03.py` runs the core of it; `just compare 3`):
//!
//! ```python
//! await greet_after_delay("Alice")            # 2 s
//! await greet_after_delay("Bob")              # 2 s more
//! await greet_after_delay("Charlie")          # 2 s more: 6 s in all
//!
//! await asyncio.gather(greet_after_delay("Alice"),
//!                      greet_after_delay("Bob"),
//!                      greet_after_delay("Charlie"))   # 2 s in all
//!
//! results = await asyncio.gather(fetch_number(1), fetch_number(2), fetch_number(3))
//! print(results)                              # [10, 20, 30]
//! ```
//!
//! ## Start with the plain version
//!
//! `examples/plain-03.rs` (`just plain-3`) is this lesson's idea as a short program of
//! the kind you would write yourself. This binary is the same idea, measured and
//! explained.
//!
//! ## Rust used here
//!
//! Beyond the first chapters of the Rust book:
//! - closures, `|name| greet(name)`: [book 13.1](https://doc.rust-lang.org/book/ch13-01-closures.html);
//! - iterators and `map`: [book 13.2](https://doc.rust-lang.org/book/ch13-02-iterators.html);
//! - `RefCell`, a value changed through a shared reference:
//!   [book 15.5](https://doc.rust-lang.org/book/ch15-05-interior-mutability.html).
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
