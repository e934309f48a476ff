//! # Lesson 11: Testing async code
//!
//! Run it: `just lesson-11` (or `cargo run -p lesson-11-testing`).
//!
//! What it shows, measured:
//! 1. Ten minutes of a watchdog (heartbeats, silence, heartbeats again) run on a paused
//!    clock in a few milliseconds, with every change at its exact virtual time.
//! 2. A 30 s timeout is tested without waiting 30 s.
//! 3. `time::advance` jumps the clock in one step (a woken task has not run yet when
//!    the test looks); `sleep` on the paused clock runs every timer in order.
//! 4. `tokio::io::duplex` is a fake socket: the line server answers with no network.
//! 5. The same server on a real socket, on port 0, where the OS picks a free port.
//! 6. Sleeping "for the server to start" fails whenever the guess is short; waiting for
//!    a ready signal never does.
//! 7. The paused clock's limits: a multi-thread runtime refuses it (the build panics),
//!    and while a `spawn_blocking` call runs the clock does not jump, so a 1 ms timeout
//!    around 50 ms of blocking work never fires.
//!
//! Every part is also a test in `tests/examples.rs`, which runs with the course's
//! `cargo test --workspace` (or alone: `cargo test -p lesson-11-testing`).
//!
//! The Python it mirrors (`python/lesson_11.py` runs the core of it; `just compare 11`):
//!
//! ```python
//! class WatchdogTest(unittest.IsolatedAsyncioTestCase):   # or @pytest.mark.asyncio
//!     async def test_down_after_silence(self):
//!         ...
//!         await asyncio.sleep(91)        # real seconds: Python's stdlib has no paused clock
//!         self.assertEqual(health, "down")
//! ```
//!
//! ## Start with the plain version
//!
//! `examples/plain-11.rs` (`just plain-11`) is this lesson's idea as a short program of
//! the kind you would write yourself. This binary is the same idea, measured and
//! explained.
//!
//! ## Rust used here
//!
//! Beyond the first chapters of the Rust book:
//! - writing tests, `#[test]`, `assert_eq!`, the `tests/` folder: [book 11.1](https://doc.rust-lang.org/book/ch11-01-writing-tests.html) and [11.3](https://doc.rust-lang.org/book/ch11-03-test-organization.html);
//! - generics with trait bounds (`S: AsyncRead + AsyncWrite + Unpin`): [book 10.2](https://doc.rust-lang.org/book/ch10-02-traits.html);
//! - closures passed to functions (`on_a_paused_clock(|| ...)`): [book 13.1](https://doc.rust-lang.org/book/ch13-01-closures.html);
//! - channels (`mpsc`, `oneshot`, `watch`, lesson 10): [book 16.2](https://doc.rust-lang.org/book/ch16-02-message-passing.html).
//!
//! Read next: `src/lib.rs`, then `tests/examples.rs` (every part as a test).

use std::process::ExitCode;

use course_kit::Transcript;
use course_kit::cli::Command;
use course_kit::failure::report_failure;

const COMMAND: Command = Command {
    name: "lesson-11-testing",
    about: "Lesson 11: Testing async code.",
    options: &[],
};

fn main() -> ExitCode {
    if let Err(stop) = COMMAND.parse() {
        return stop.report();
    }
    // Part 7 builds a runtime that panics, on purpose: one line, not a crash.
    course_kit::panic_report::report_in_one_line("on purpose, see Part 7");
    match start_the_lesson() {
        Ok(()) => ExitCode::SUCCESS,
        Err(problem) => report_failure(problem),
    }
}

/// One thread, like Python's event loop.
///
/// `#[tokio::main]` turns this `async fn` into a plain function that starts a runtime
/// and runs the body on it (lesson 1), which is why `main` calls it without `.await`.
#[tokio::main(flavor = "current_thread")]
async fn start_the_lesson() -> std::io::Result<()> {
    // Each part that needs a paused clock builds a runtime of its own for it, as
    // #[tokio::test(start_paused = true)] does; this one keeps real time.
    lesson_11_testing::run(&Transcript::stdout()).await
}
