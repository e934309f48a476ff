//! The check for exercise 04b, on tokio's paused clock. Do not edit: the runner notices.

use std::process::ExitCode;
use std::sync::PoisonError;
use std::time::Duration;

use ex_04b_first_error_cancels::{FINISHED, Step, run_all};
use exercise_kit::{Verdict, measure, paused_runtime, run, secs};

/// One failing case: `run_all(steps)` must return `Err("{failing} failed")` at `at`
/// seconds, and no step still running then may ever finish.
async fn failing_case(steps: Vec<Step>, failing: &str, at: u64) -> Result<(), Verdict> {
    FINISHED
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .clear();
    let shown: Vec<String> = steps
        .iter()
        .map(|(name, s, fails)| format!("{name} {s} s{}", if *fails { " (fails)" } else { "" }))
        .collect();
    let call = format!("run_all([{}])", shown.join(", "));
    let measured = measure(run_all(steps.clone())).await;
    measured.honest(&call)?;
    let expected = Err(format!("{failing} failed"));
    if measured.output != expected {
        let cancelled = measured
            .output
            .as_ref()
            .err()
            .is_some_and(|error| error.contains("cancelled"));
        let why = if cancelled {
            ": after abort_all, the aborted tasks still come back from join_next, as \
             JoinErrors that say \"cancelled\". Return the step's error right after abort_all \
             instead of reading on"
        } else {
            ""
        };
        return Err(Verdict::fail(format!(
            "{call} returned {:?}; expected {expected:?}{why} (lesson 4, Part 5)",
            measured.output
        )));
    }
    let slowest = steps.iter().map(|(_, s, _)| *s).max().unwrap_or(0);
    if measured.took != Duration::from_secs(at) {
        let why = if measured.took == Duration::from_secs(slowest) {
            "it waited for every step to end"
        } else {
            "awaiting the tasks in the order they were spawned waits for a slow one first; \
             join_next gives each as it finishes"
        };
        return Err(Verdict::fail(format!(
            "{call} returned the error after {} of virtual time; the first error came at {}: \
             return it then ({why}; lesson 4, Part 5)",
            secs(measured.took),
            secs(Duration::from_secs(at))
        )));
    }
    // Give a step that was not stopped every chance to finish.
    tokio::time::sleep(Duration::from_secs(30)).await;
    let finished = FINISHED
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .clone();
    let late: Vec<&str> = steps
        .iter()
        .filter(|(name, seconds, _)| *seconds > at && finished.contains(name))
        .map(|(name, _, _)| *name)
        .collect();
    if !late.is_empty() {
        return Err(Verdict::fail(format!(
            "{call} returned at {}, but {late:?} kept running and finished later: abort the \
             tasks still running (set.abort_all(), or handle.abort() for each JoinHandle; \
             lesson 4, Parts 4 and 5)",
            secs(Duration::from_secs(at))
        )));
    }
    Ok(())
}

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
            let cases = [
                (
                    vec![
                        ("fetch", 1, false),
                        ("parse", 2, true),
                        ("upload", 5, false),
                    ],
                    "parse",
                    2,
                ),
                // The failing step spawned last, behind a slow one.
                (
                    vec![
                        ("upload", 6, false),
                        ("fetch", 1, false),
                        ("check", 3, true),
                        ("index", 9, false),
                    ],
                    "check",
                    3,
                ),
            ];
            for (steps, failing, at) in cases {
                if let Err(verdict) = failing_case(steps, failing, at).await {
                    return verdict;
                }
            }
            Verdict::pass(
                "the first error came back the moment it happened, whichever step it was, and \
                 the steps still running never finished",
            )
        })
    })
}
