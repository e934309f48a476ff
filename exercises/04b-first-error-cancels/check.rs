//! The check for exercise 04b, on tokio's paused clock. Do not edit: the runner notices.

use std::process::ExitCode;
use std::sync::PoisonError;
use std::time::Duration;

use ex_04b_first_error_cancels::{FINISHED, run_all};
use exercise_kit::{Verdict, paused_runtime, run, secs};

fn main() -> ExitCode {
    run(|| {
        paused_runtime().block_on(async {
            let start = tokio::time::Instant::now();
            let all_good = run_all(vec![("a", 1, false), ("b", 2, false)]).await;
            if all_good != Ok(vec!["a", "b"]) || start.elapsed() != Duration::from_secs(2) {
                return Verdict::fail(format!(
                    "two good steps of 1 s and 2 s: expected Ok([\"a\", \"b\"]) after 2.00 s, got \
                     {all_good:?} after {}",
                    secs(start.elapsed())
                ));
            }
            FINISHED
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .clear();
            let start = tokio::time::Instant::now();
            let result = run_all(vec![
                ("fetch", 1, false),
                ("parse", 2, true),
                ("upload", 5, false),
            ])
            .await;
            let took = start.elapsed();
            if result != Err("parse failed".to_owned()) {
                return Verdict::fail(format!("expected Err(\"parse failed\"), got {result:?}"));
            }
            if took != Duration::from_secs(2) {
                return Verdict::fail(format!(
                    "run_all returned the error after {} of virtual time; the first error came at \
                     2.00 s: return it then, and stop the other tasks (set.abort_all(), lesson 4 \
                     Part 5)",
                    secs(took)
                ));
            }
            // Give a step that was not stopped every chance to finish.
            tokio::time::sleep(Duration::from_secs(10)).await;
            let finished = FINISHED
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .clone();
            if finished.contains(&"upload") {
                return Verdict::fail(
                    "run_all returned at 2.00 s, but the \"upload\" task kept running and finished \
                     at 5.00 s: abort the tasks still running (set.abort_all(), or handle.abort() \
                     for each JoinHandle; lesson 4 Parts 4 and 5)",
                );
            }
            Verdict::pass(
                "the first error came back at 2.00 s and the step still running never finished",
            )
        })
    })
}
