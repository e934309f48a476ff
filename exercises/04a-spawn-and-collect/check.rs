//! The check for exercise 04a, on tokio's paused clock. Do not edit: the runner notices.

use std::process::ExitCode;
use std::sync::PoisonError;
use std::time::Duration;

use ex_04a_spawn_and_collect::{RAN_ON, run_jobs};
use exercise_kit::{Verdict, measure, paused_runtime, run, secs};

/// One case: `run_jobs(jobs)`, which must run every job as a task, all at once.
async fn case(jobs: &[u64]) -> Result<(), Verdict> {
    RAN_ON
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .clear();
    let call = format!("run_jobs(vec!{jobs:?})");
    let measured = measure(run_jobs(jobs.to_vec())).await;
    measured.honest(&call)?;
    let ran_on = RAN_ON
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .clone();
    let expected: Vec<u64> = jobs.iter().map(|s| s * 10).collect();
    if measured.output != expected {
        return Err(Verdict::fail(format!(
            "{call} returned {:?}; expected {expected:?}, in the order of the jobs (await the \
             JoinHandles in that order, not in the order they finish: lesson 4, Part 2)",
            measured.output
        )));
    }
    if ran_on.len() != jobs.len() {
        return Err(Verdict::fail(format!(
            "{call} ran job() {} times; each job must run once, through job()",
            ran_on.len()
        )));
    }
    if ran_on.iter().any(Option::is_none) {
        return Err(Verdict::fail(
            "the jobs ran inside run_jobs's own future, not as tasks: start each with \
             tokio::spawn(job(seconds)) and await the JoinHandles (lesson 4, Part 1)",
        ));
    }
    let longest = Duration::from_secs(jobs.iter().copied().max().unwrap_or(0));
    if measured.took != longest {
        return Err(Verdict::fail(format!(
            "{call} took {} of virtual time; with every job spawned before any is awaited it \
             takes {}, the longest job. Awaiting each handle right after its spawn waits for \
             that task before the next one starts (lesson 4, Part 1: spawn first, await after)",
            secs(measured.took),
            secs(longest)
        )));
    }
    Ok(())
}

fn main() -> ExitCode {
    run(|| {
        paused_runtime().block_on(async {
            for jobs in [&[3, 1, 2][..], &[1, 4, 2, 2]] {
                if let Err(verdict) = case(jobs).await {
                    return verdict;
                }
            }
            Verdict::pass(
                "every job ran as a task, all at once (as long as the longest job), results in \
                 the order of the jobs",
            )
        })
    })
}
