//! The course's integration tests: one module per lesson, plus the consistency checks.
//!
//! Every lesson is tested twice:
//! - **in-process, on a paused clock**: the test calls the lesson's `run` function with a
//!   captured [`course_kit::Transcript`] inside `#[tokio::test(start_paused = true)]`.
//!   Sleeps take no real time and every time stamp is exact, so the test compares the
//!   whole transcript, stamps included, to the expected text.
//! - **as the real binary**, the way a learner runs it: the test builds the lesson
//!   binaries itself (see [`support::binary`]), runs one, and checks its exit code, its
//!   lines, and its real timing with a tolerance.
//!
//! Run them all with `cargo test --workspace` (or `just test`).

mod support;

mod consistency;
mod lesson_01;
mod lesson_02;
mod lesson_03;
mod lesson_04;
mod lesson_05;
mod lesson_06;
mod lesson_07;
