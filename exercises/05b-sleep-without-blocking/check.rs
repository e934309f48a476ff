//! The check for exercise 05b, on tokio's paused clock. Do not edit: the runner notices.

use std::process::ExitCode;
use std::time::Duration;

use ex_05b_sleep_without_blocking::retry;
use exercise_kit::{Verdict, measure, paused_runtime, run, secs};

/// Longer than any right answer takes; on the paused clock it passes in an instant.
const PATIENCE: Duration = Duration::from_secs(600);

/// One case: an attempt that succeeds (with `value`) on try `succeeds_on` (never: `None`).
async fn case(
    succeeds_on: Option<u32>,
    value: u32,
    tries: u32,
    pause_ms: u64,
) -> Result<(), Verdict> {
    let pause = Duration::from_millis(pause_ms);
    let mut calls = 0;
    let attempt = || {
        calls += 1;
        (Some(calls) == succeeds_on).then_some(value)
    };
    let what = match succeeds_on {
        Some(n) => format!(
            "retry with {tries} tries and pauses of {}, an attempt that works on try {n}",
            secs(pause)
        ),
        None => format!(
            "retry with {tries} tries and pauses of {}, an attempt that always fails",
            secs(pause)
        ),
    };
    let measured = measure(tokio::time::timeout(PATIENCE, retry(attempt, tries, pause))).await;
    measured.honest("retry")?;
    let Ok(output) = measured.output else {
        return Err(Verdict::fail(format!(
            "{what}: still retrying after {} of virtual time ({calls} calls so far); stop after \
             `tries` attempts",
            secs(PATIENCE)
        )));
    };
    let made = succeeds_on.map_or(tries, |n| n.min(tries));
    let expected = succeeds_on.filter(|n| *n <= tries).map(|_| value);
    if output != expected || calls != made {
        return Err(Verdict::fail(format!(
            "{what}: expected {expected:?} after {made} calls of attempt; got {output:?} after \
             {calls} (at most `tries` attempts in all)"
        )));
    }
    let waited = pause * made.saturating_sub(1);
    if measured.took != waited {
        return Err(Verdict::fail(format!(
            "{what}: {made} attempts with a pause between each two take {}; retry took {} of \
             virtual time (no pause after the last attempt)",
            secs(waited),
            secs(measured.took)
        )));
    }
    Ok(())
}

fn main() -> ExitCode {
    run(|| {
        paused_runtime().block_on(async {
            let cases = [
                (Some(3), 42, 5, 500),
                (None, 0, 3, 200),
                (Some(1), 7, 4, 300),
                (None, 0, 1, 900),
                (Some(4), 9, 4, 100),
            ];
            for (succeeds_on, value, tries, pause_ms) in cases {
                if let Err(verdict) = case(succeeds_on, value, tries, pause_ms).await {
                    return verdict;
                }
            }
            Verdict::pass(
                "pauses without blocking, as many tries as allowed and no more, and no pause \
                 after the last one",
            )
        })
    })
}
