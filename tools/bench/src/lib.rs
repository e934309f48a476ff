//! The course's benchmarks, each its own binary with its own `--help`:
//!
//! - `bench-tasks` ([`tasks`]): N tasks that each sleep 100 ms, spawned vs `join_all`
//!   (`just bench-tasks [N]`; lesson 4's claim that tasks are cheap, measured);
//! - `bench-http` ([`http`]): 20,000 GETs, 100 at a time, against the course server in
//!   a child process (`just bench-http`; lesson 6's client, measured).
//!
//! Both measure in child processes, and [`lifeline`] makes sure no child outlives its
//! parent, however the parent ends. Run them in release builds (`just` does): debug
//! figures say little.

pub mod http;
pub mod lifeline;
pub mod tasks;

use std::fmt;

/// Why a benchmark could not run: one line for `main` to print.
#[derive(Debug)]
pub struct BenchError(String);

impl BenchError {
    /// An error that says `what` went wrong.
    pub fn new(what: impl Into<String>) -> Self {
        Self(what.into())
    }
}

impl fmt::Display for BenchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for BenchError {}
