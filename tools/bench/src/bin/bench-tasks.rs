//! `bench-tasks`: N tasks that each sleep 100 ms, spawned vs `join_all`.
//!
//! Run it: `just bench-tasks [N]` (or `cargo run --release -p course-bench --bin
//! bench-tasks -- --tasks N`). Each row is measured in a fresh child process; see
//! `course_bench::tasks` for what the figures mean.

use std::process::ExitCode;

use clap::Parser;
use course_bench::lifeline::{Outcome, run_while_parent_lives};
use course_bench::tasks::{self, MAX_TASKS, Strategy};
use course_devkit::cli::count;
use course_kit::Transcript;
use course_kit::failure::report_failure;

/// Times N tasks that each sleep 100 ms: spawned, join_all, unconstrained join_all.
#[derive(Parser, Debug)]
#[command(name = "bench-tasks")]
struct Arguments {
    /// The largest N to measure (default 100,000; up to 1,000,000)
    #[arg(long, value_name = "N", value_parser = count(1..=MAX_TASKS))]
    tasks: Option<usize>,
    /// Measure one strategy once and print `micros kib polls`; the benchmark runs this in
    /// its child processes
    #[arg(long, value_name = "STRATEGY", requires = "tasks", value_parser = Strategy::KEYS)]
    measure: Option<String>,
}

fn main() -> ExitCode {
    let arguments = match course_devkit::cli::parse::<Arguments>() {
        Ok(arguments) => arguments,
        Err(code) => return code,
    };
    let tasks = arguments.tasks.unwrap_or(100_000);
    let Some(strategy) = arguments.measure.as_deref().and_then(Strategy::from_key) else {
        return match tasks::run_benchmark(&Transcript::stdout(), tasks) {
            Ok(()) => ExitCode::SUCCESS,
            Err(error) => report_failure(error),
        };
    };
    // A child process of the benchmark: stop as soon as the parent is gone.
    match run_while_parent_lives(move || tasks::measure(strategy, tasks)) {
        Outcome::Finished(Ok(measurement)) => {
            // This line is for the parent process, which reads stdout.
            use std::io::Write;
            let _ = writeln!(std::io::stdout(), "{}", measurement.to_line());
            ExitCode::SUCCESS
        }
        Outcome::Finished(Err(error)) => report_failure(error),
        Outcome::Panicked => report_failure("the measurement panicked"),
        Outcome::ParentGone => ExitCode::FAILURE,
    }
}
