//! The async-lessons toolkit: the small pieces every lesson shares.
//!
//! A lesson is an ordinary async program. What makes it a *lesson* is that its output
//! proves what it teaches, and that a test can check that proof. The modules here exist
//! for exactly that:
//!
//! - [`clock`]: lesson time read from tokio's clock, and the shared formatting
//!   ("Total time: 6.00 seconds"). Under a paused clock (`start_paused`) every reading is
//!   exact, so a six-second lesson is checked in milliseconds.
//! - [`transcript`]: where a lesson writes its lines. In the binary each line goes to
//!   stdout as it happens; in a test the same code writes into a buffer the test reads.
//! - [`timeline`]: when each unit of work ran, drawn as a chart of bars on a time axis.
//! - [`heartbeat`]: a task ticking every 100 ms, to measure when the runtime is stalled.
//! - [`panic_report`]: deliberate panics reported in one line, not as a crash.
//! - [`cli`]: a deliberately tiny command-line parser, so that an unknown argument gets a
//!   one-line error and exit code 2 instead of a panic.
//! - [`failure`]: a failure the program cannot recover from, reported in one line with
//!   exit code 1.
//! - `http_server` (cargo feature `http`): the course's own HTTP server on `127.0.0.1`.
//! - `tls` (cargo feature `tls`): installs the TLS crypto provider reqwest needs.
//!
//! ## The lessons, in reading order
//!
//! Each lesson is a crate of its own; `just book` opens these pages.
//!
//! 1. [Coroutines, `.await` and lazy futures](../lesson_01_coroutines/index.html)
//! 2. [How the event loop works](../lesson_02_event_loop/index.html)
//! 3. [Sequential await vs gather](../lesson_03_sequential_vs_gather/index.html)
//! 4. [Tasks](../lesson_04_tasks/index.html)
//! 5. [What async can and can't do](../lesson_05_io_vs_cpu/index.html)
//! 6. [Fetching URLs](../lesson_06_fetch/index.html)
//! 7. [Context managers](../lesson_07_context_managers/index.html)
//! 8. [Timeouts, select! and cancellation](../lesson_08_timeouts_and_cancellation/index.html)
//! 9. [Bounded concurrency, streams and partial failure](../lesson_09_bounded_concurrency/index.html)
//! 10. [Queues, channels, shared state and graceful shutdown](../lesson_10_channels_and_shutdown/index.html)
//! 11. [Testing async code](../lesson_11_testing/index.html)
//!
//! The toolkit is kept light on purpose: it depends on tokio alone, so the first lesson
//! builds in seconds. Anything HTTP lives behind a cargo feature that only the HTTP
//! lessons switch on.

pub mod cli;
pub mod clock;
pub mod failure;
pub mod heartbeat;
#[cfg(feature = "http")]
pub mod http_server;
pub mod panic_report;
pub mod timeline;
#[cfg(feature = "tls")]
pub mod tls;
pub mod transcript;

pub use clock::LessonClock;
pub use timeline::Timeline;
pub use transcript::Transcript;
