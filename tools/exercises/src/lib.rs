//! The exercise runner: `just exercises`, `just exercise [NAME]`, `just hint NAME`,
//! `just watch`, `just solution NAME`, `just reset NAME`. (The instructors' commands,
//! `exercise-admin` and `new-exercise`, are in `course-tools`, beside `new-lesson`.)
//!
//! The exercises are crates of their own workspace, `exercises/` (so a failing starter
//! never touches the course's own tests). Each has `src/lib.rs`, the file the learner
//! edits, and `check.rs`, the instructor's check, built as the binary `check-NNx`. The
//! runner builds the check with cargo, runs it with a deadline, and reads its verdict.
//!
//! - [`catalog`]: the exercises, their hints and their checks' fingerprints
//!   (the registry, `course.toml`);
//! - [`checking`]: building and running one check, and reading the compiler's errors;
//! - [`progress`]: what the learner has passed (`exercises/.progress`, git-ignored);
//! - [`fingerprint`]: a stable hash of a file, to notice edits;
//! - [`guard`]: what a verdict depends on (kit, checks, manifests), guarded against edits;
//! - [`learner_code`]: a learner's file that reaches outside it (files, processes, the
//!   environment) is refused before it is built;
//! - [`starter`]: each starter's one home, the learner's file as shipped, and how
//!   `reset` finds it again;
//! - [`capstone_crate`]: the learner's capstone crate `capstone/` as files;
//! - [`capstone`]: the capstone's steps (`fanout-N`): its one check, and each step's
//!   reference assembled from `solutions/capstone/steps`.

pub mod capstone;
pub mod capstone_crate;
pub mod catalog;
pub mod checking;
pub mod fingerprint;
pub mod guard;
pub mod learner_code;
pub mod progress;
pub mod starter;

/// Why a runner command could not do its job: one line for `main` to print.
pub type RunnerError = course_kit::failure::Failure;
