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
//! - [`route`]: the course server's paths read as values (std only), shared by the
//!   server and lesson 9's simulated one.
//! - `http_server` (cargo feature `http`): the course's own HTTP server on `127.0.0.1`.
//! - `tls` (cargo feature `tls`): installs the TLS crypto provider reqwest needs.
//! - `child` (cargo feature `child`): running a program with a deadline, both pipes
//!   drained, what it started killed with it; the one helper the tools, the tests and
//!   the capstone's check share.
//! - [`token`]: a token nobody can guess in advance (an exercise verdict's seal).
//! - [`check_protocol`]: the environment variables the exercise runner sets for a check.
//!
//! The lessons themselves are read in the book (`book/`, `just book`).
//!
//! The toolkit is kept light on purpose: it depends on tokio alone, so the first lesson
//! builds in seconds. Anything HTTP lives behind a cargo feature that only the HTTP
//! lessons switch on.

pub mod check_protocol;
#[cfg(feature = "child")]
pub mod child;
pub mod cli;
pub mod clock;
pub mod failure;
pub mod heartbeat;
#[cfg(feature = "http")]
pub mod http_server;
pub mod panic_report;
pub mod route;
pub mod timeline;
#[cfg(feature = "tls")]
pub mod tls;
pub mod token;
pub mod transcript;

pub use clock::LessonClock;
pub use timeline::Timeline;
pub use transcript::Transcript;
