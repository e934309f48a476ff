//! A program's failure that it could not recover from, told in one line: the lessons,
//! the course tools, the exercise runner and the benchmarks all end this way.

use std::fmt;
use std::process::ExitCode;

/// Why a tool could not do its job, as one line for `main` to print with
/// [`report_failure`]. The benchmarks, the course tools and the exercise runner share it.
#[derive(Debug, PartialEq, Eq)]
pub struct Failure(String);

impl Failure {
    /// A failure that says `what` went wrong.
    pub fn new(what: impl Into<String>) -> Self {
        Self(what.into())
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Failure {}

/// The first line of an error's message: parsers (toml's, for one) quote the place on
/// the lines after it, and a failure is told in one line.
pub fn first_line(error: &impl fmt::Display) -> String {
    error
        .to_string()
        .lines()
        .next()
        .unwrap_or_default()
        .to_owned()
}

/// Reports a failure the program could not recover from (a refused connection, a bad
/// URL, a runtime that would not start) as one line on stderr, and returns exit code 1
/// for `main` to return. No panic, no backtrace.
pub fn report_failure(problem: impl fmt::Display) -> ExitCode {
    eprintln!("error: {problem}");
    ExitCode::FAILURE
}
