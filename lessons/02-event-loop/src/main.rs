//! # Lesson 2: how the event loop works
//!
//! Run it: `just lesson-2` (or `cargo run -p lesson-02-event-loop`).
//!
//! What it shows: the nine steps an event loop takes for a one-coroutine program, as a trace that the
//! event loop itself writes while it runs: each task polled, each `Pending` and `Ready`,
//! the timer being set, the loop going idle, the timer waking the task.
//!
//! 1. A hand-made event loop (std only, in `src/mini_loop.rs`) runs the first program:
//!    "Starting...", a 2-second sleep, "Hello!".
//! 2. The same loop runs three greetings (waits of 2, 1 and 3 s): it switches to the
//!    others while one waits, so the total is 3 s, the longest wait, not 6 s.
//! 3. tokio runs the first program, traced by its own hooks: every poll of the future
//!    and every time the runtime's thread parks (idle) and unparks (woken).
//!
//! The Python it mirrors (`python/lesson_02.py` runs the core of it; `just compare 2`):
//!
//! ```python
//! async def main():
//!     message = await get_message()   # the loop runs other work while this waits
//!     print(message)
//!
//! asyncio.run(main())                 # create the loop, run main, close the loop
//! ```
//!
//! ## Start with the plain version
//!
//! `examples/plain-02.rs` (`just plain-2`) is this lesson's idea as a short program of
//! the kind you would write yourself. This binary is the same idea, measured and
//! explained.
//!
//! ## Rust used here
//!
//! Beyond the first chapters of the Rust book:
//! - closures: [book 13.1](https://doc.rust-lang.org/book/ch13-01-closures.html);
//! - the deeper part (the hand-made loop, optional on a first read): implementing a
//!   trait for your own type ([book 10.2](https://doc.rust-lang.org/book/ch10-02-traits.html)), `Pin`
//!   ([std::pin](https://doc.rust-lang.org/std/pin/index.html)), `Waker` and `Context`
//!   ([std::task](https://doc.rust-lang.org/std/task/index.html)), `Arc<Mutex<..>>`
//!   ([book 16.3](https://doc.rust-lang.org/book/ch16-03-shared-state.html)), `Rc<RefCell<..>>`
//!   ([book 15.4](https://doc.rust-lang.org/book/ch15-04-rc.html), [15.5](https://doc.rust-lang.org/book/ch15-05-interior-mutability.html)).
//!
//! Read next: `src/lib.rs` (the lesson) and `src/mini_loop.rs` (the event loop).

use std::process::ExitCode;

use course_kit::Transcript;
use course_kit::cli::Command;
use course_kit::failure::report_failure;
use lesson_02_event_loop::mini_loop::LoopTime;

const COMMAND: Command = Command {
    name: "lesson-02-event-loop",
    about: "Lesson 2: an event loop traces every poll, pause, timer and wake-up.",
    options: &[],
};

fn main() -> ExitCode {
    if let Err(stop) = COMMAND.parse() {
        return stop.report();
    }
    // No `#[tokio::main]` here: the lesson builds its tokio runtime itself so that it can
    // attach the trace hooks, and the hand-made event loop needs no runtime at all.
    let result = lesson_02_event_loop::run(
        &Transcript::stdout(),
        LoopTime::Real,
        tokio::runtime::Builder::new_current_thread(),
    );
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => report_failure(format!("cannot start the tokio runtime: {error}")),
    }
}
