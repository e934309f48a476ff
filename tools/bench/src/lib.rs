//! The course's benchmarks, each its own binary with its own `--help`:
//!
//! - `bench-tasks` ([`tasks`]): N tasks that each sleep 100 ms, spawned vs `join_all`
//!   (`just bench-tasks [N]`; lesson 4's claim that tasks are cheap, measured);
//! - `bench-http` ([`http`]): 20,000 GETs, 100 at a time, against the course server in
//!   a child process (`just bench-http`; lesson 6's client, measured);
//! - `bench-capstone` ([`capstone`]): the capstone's service and its aiohttp twin under
//!   the same load (`just bench-capstone`).
//!
//! Both measure in child processes, and [`lifeline`] makes sure no child outlives its
//! parent, however the parent ends; [`memory`] reads the peak memory they report. Run
//! them in release builds (`just` does): debug figures say little.

pub mod capstone;
pub mod http;
pub mod lifeline;
pub mod memory;
pub mod tasks;

/// Why a benchmark could not do its job: one line for `main` to print.
pub type BenchError = course_kit::failure::Failure;
