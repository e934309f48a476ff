//! # Lesson 9: Bounded concurrency, streams and partial failure
//!
//! Run it: `just lesson-9` (or `cargo run -p lesson-09-bounded-concurrency`).
//!
//! What it shows, measured (real HTTP to the course server, which counts the requests it
//! answers at once):
//! 1. A `Semaphore` with 2 permits keeps six requests to two at a time (the server saw
//!    at most 2); `let _ = sem.acquire_owned().await` drops the permit at once, and all
//!    six run together.
//! 2. `buffered(2)` gives results in order, `buffer_unordered(2)` as they finish; both
//!    allow at most two, but `buffered` counts a finished result that waits its turn as
//!    one of them, so it is slower.
//! 3. `FuturesUnordered` and `JoinSet::join_next` give results in finish order
//!    (`asyncio.as_completed`).
//! 4. One request fails: `join_all` over `Result`s keeps every outcome; `try_join_all`
//!    stops at the first `Err` and drops the rest (they never finish); spawned tasks run
//!    on, as Python's tasks do after `gather` raises.
//! 5. A `Stream` (`async for`): pages fetched lazily by `stream::unfold`, and a body read
//!    chunk by chunk with a running byte count.
//! 6. Retries with exponential backoff and jitter against a server that fails the first
//!    N times, inside a total deadline (`timeout_at`, lesson 8).
//! 7. One deadline for a batch (`asyncio.wait(tasks, timeout=1)`): `timeout` around a
//!    whole `join_all` loses every result, the finished ones too; `timeout_at` on each
//!    `next()` of a `FuturesUnordered` keeps what finished and names what did not.
//!
//! The Python it mirrors (`python/lesson_09.py` runs the core of it; `just compare 9`):
//!
//! ```python
//! sem = asyncio.Semaphore(2)
//! async def limited(url):
//!     async with sem:                         # at most 2 inside at once
//!         return await fetch(url)
//! for done in asyncio.as_completed([limited(u) for u in urls]):
//!     print(await done)                       # in finish order
//! results = await asyncio.gather(*aws, return_exceptions=True)   # errors as values
//! async for chunk in response.content.iter_chunked(1024): ...     # a stream
//! done, pending = await asyncio.wait(tasks, timeout=1)            # keep what finished
//! ```
//!
//! ## Start with the plain version
//!
//! `examples/plain-09.rs` (`just plain-9`) is this lesson's idea as a short program of
//! the kind you would write yourself. This binary is the same idea, measured and
//! explained.
//!
//! ## Rust used here
//!
//! Beyond the first chapters of the Rust book:
//! - closures, including ones that return a future (`stream::unfold(state, |s| async
//!   move { .. })`): [book 13.1](https://doc.rust-lang.org/book/ch13-01-closures.html);
//! - iterators and their adapters (`map`, `collect`), which streams mirror:
//!   [book 13.2](https://doc.rust-lang.org/book/ch13-02-iterators.html);
//! - `Arc` (the semaphore shared with tasks): [book 16.3](https://doc.rust-lang.org/book/ch16-03-shared-state.html);
//! - enums with data and `match` (`Backend`, `RequestError`): [book 6.1](https://doc.rust-lang.org/book/ch06-01-defining-an-enum.html);
//! - `Result` and `?`: [book 9.2](https://doc.rust-lang.org/book/ch09-02-recoverable-errors-with-result.html);
//! - `pin!`: a stream made of `async` code must not move while it runs; the
//!   [std::pin](https://doc.rust-lang.org/std/pin/index.html) docs say why (you only
//!   need the one line).
//! - `impl From<reqwest::Error> for RequestError` is what lets `?` turn a reqwest error
//!   into the lesson's own: `?` calls `From::from` on the error
//!   ([book 9.2](https://doc.rust-lang.org/book/ch09-02-recoverable-errors-with-result.html#where-the--operator-can-be-used));
//! - `Ok::<_, RequestError>(..)` at the end of an `async move` block: a block has no
//!   return type to write, so the error type `?` needs is named on its last value
//!   (without it rustc stops with "type annotations needed");
//! - `.boxed_local()` turns two streams of different types into one type, so that one
//!   `Vec` can hold both ([`StreamExt::boxed_local`](https://docs.rs/futures/0.3/futures/stream/trait.StreamExt.html#method.boxed_local));
//! - `std::mem::take(&mut v)` takes a value out and leaves an empty one in its place
//!   ([std::mem::take](https://doc.rust-lang.org/std/mem/fn.take.html));
//! - `.lock().unwrap_or_else(PoisonError::into_inner)`: a `std::sync::Mutex` is
//!   *poisoned* when a thread panicked while holding it; this takes the data anyway
//!   instead of panicking too ([PoisonError](https://doc.rust-lang.org/std/sync/struct.PoisonError.html)).
//!
//! Read next: `src/lib.rs`, then `src/backend.rs` (the server the lesson talks to).

use std::process::ExitCode;

use course_kit::Transcript;
use course_kit::cli::Command;
use course_kit::failure::{Failure, report_failure};

const COMMAND: Command = Command {
    name: "lesson-09-bounded-concurrency",
    about: "Lesson 9: Bounded concurrency, streams and partial failure.",
    options: &[],
};

fn main() -> ExitCode {
    if let Err(stop) = COMMAND.parse() {
        return stop.report();
    }
    match start_the_lesson() {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => report_failure(failure),
    }
}

/// One thread, like Python's event loop.
///
/// `#[tokio::main]` turns this `async fn` into a plain function that starts a runtime
/// and runs the body on it (lesson 1), which is why `main` calls it without `.await`.
#[tokio::main(flavor = "current_thread")]
async fn start_the_lesson() -> Result<(), Failure> {
    // The course server runs on this same runtime, as tasks beside the lesson's.
    lesson_09_bounded_concurrency::run(&Transcript::stdout()).await
}
