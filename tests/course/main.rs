//! The course's integration tests: one module per lesson, plus the consistency checks.
//!
//! Every lesson is tested twice:
//! - **in-process, on a paused clock**: the test calls the lesson's `run` function with a
//!   captured [`course_kit::Transcript`] inside `#[tokio::test(start_paused = true)]`.
//!   Sleeps take no real time and every time stamp is exact, so the test compares the
//!   whole transcript, stamps included, to the expected text.
//! - **as the real binary**, the way a learner runs it: the test builds the binaries
//!   itself ([`support::binaries`]), runs one with a deadline ([`support::run`]), and
//!   checks its exit code, its lines ([`support::finished`]) and its real timing as
//!   ratios that a busy machine cannot break ([`support::expect`]).
//!
//! Run them all with `cargo test --workspace` (or `just test`).

mod support;

mod benchmarks;
mod book;
mod book_browser;
mod compile_claims;
mod consistency;
mod exercises;
mod plain;
mod python;
mod scaffold;

// >>> generated from course.toml by `just generate`: one module per lesson
mod lesson_01;
mod lesson_02;
mod lesson_03;
mod lesson_04;
mod lesson_05;
mod lesson_06;
mod lesson_07;
mod lesson_08;
mod lesson_09;
mod lesson_10;
mod lesson_11;
mod lesson_12;
mod lesson_13;
// <<< end of the generated part
