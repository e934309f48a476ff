//! `bench-tasks`: N tasks that each sleep 100 ms, spawned vs `join_all`.
//!
//! Run it: `just bench-tasks [N]` (or `cargo run --release -p course-bench --bin
//! bench-tasks -- --tasks N`). Each row is measured in a fresh child process; see
//! `course_bench::tasks` for what the figures mean.

use std::process::ExitCode;

use course_bench::lifeline::{Outcome, run_while_parent_lives};
use course_bench::tasks::{self, MAX_TASKS, Strategy};
use course_kit::Transcript;
use course_kit::cli::{Command, Opt};
use course_kit::failure::report_failure;

const COMMAND: Command = Command {
    name: "bench-tasks",
    about: "Times N tasks that each sleep 100 ms: spawned, join_all, unconstrained join_all.",
    options: &[
        Opt::value(
            "tasks",
            "N",
            "The largest N to measure (default 100,000; up to 1,000,000)",
        ),
        Opt::value(
            "measure",
            "STRATEGY",
            "Measure one strategy once (spawn, join_all, unconstrained) and print \
             `micros kib polls`; the benchmark runs this in its child processes",
        )
        .requires("tasks"),
    ],
};

fn main() -> ExitCode {
    let args = match COMMAND.parse() {
        Ok(args) => args,
        Err(stop) => return stop.report(),
    };
    let tasks = match args.count("tasks", 1..=MAX_TASKS) {
        Ok(tasks) => tasks.unwrap_or(100_000),
        Err(error) => return error.report(),
    };
    let Some(key) = args.value("measure") else {
        return match tasks::run_benchmark(&Transcript::stdout(), tasks) {
            Ok(()) => ExitCode::SUCCESS,
            Err(error) => report_failure(error),
        };
    };
    let Some(strategy) = Strategy::from_key(key) else {
        return args
            .error(format!(
                "--measure wants spawn, join_all or unconstrained, got {key:?}"
            ))
            .report();
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
