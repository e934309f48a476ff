//! The check for exercise 04a, on tokio's paused clock. Do not edit: the runner notices.

use std::process::ExitCode;
use std::sync::PoisonError;
use std::time::Duration;

use ex_04a_spawn_and_collect::{RAN_ON, run_jobs};
use exercise_kit::{Verdict, paused_runtime, run, secs};

fn main() -> ExitCode {
    run(|| {
        paused_runtime().block_on(async {
            let start = tokio::time::Instant::now();
            let results = run_jobs(vec![3, 1, 2]).await;
            let took = start.elapsed();
            let ran_on = RAN_ON
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .clone();
            if results != [30, 10, 20] {
                return Verdict::fail(format!(
                    "run_jobs(vec![3, 1, 2]) returned {results:?}; expected [30, 10, 20], in the \
                     order of the jobs (await the JoinHandles in that order: lesson 4 Part 2)"
                ));
            }
            if ran_on.iter().any(Option::is_none) || ran_on.len() != 3 {
                return Verdict::fail(
                    "the jobs ran inside run_jobs's own future, not as tasks: start each with \
                     tokio::spawn(job(seconds)) and await the JoinHandles (lesson 4 Part 1)",
                );
            }
            if took != Duration::from_secs(3) {
                return Verdict::fail(format!(
                    "run_jobs took {} of virtual time; with every job spawned at once it takes \
                     3.00 s, the longest job (lesson 4 Part 1: spawn first, await after)",
                    secs(took)
                ));
            }
            Verdict::pass("three tasks ran at once (3.00 s of virtual time), results in order")
        })
    })
}
