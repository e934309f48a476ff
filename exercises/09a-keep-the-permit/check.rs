//! The check for exercise 09a, on tokio's paused clock. Do not edit: the runner notices.

use std::process::ExitCode;
use std::sync::atomic::Ordering;
use std::time::Duration;

use ex_09a_keep_the_permit::{MOST_AT_ONCE, download_all};
use exercise_kit::{Verdict, measure, paused_runtime, run, secs};

/// Runs `download_all(sizes, limit)` and checks the limit, the time and the order.
async fn check(sizes: &[u64], limit: usize, expected_took: Duration) -> Result<(), Verdict> {
    MOST_AT_ONCE.store(0, Ordering::SeqCst);
    let measured = measure(download_all(sizes, limit)).await;
    measured.honest("download_all")?;
    let (results, took) = (measured.output, measured.took);
    let most = MOST_AT_ONCE.load(Ordering::SeqCst);
    let case = format!("download_all({sizes:?}, limit {limit})");
    if most > limit {
        return Err(Verdict::fail(format!(
            "{case}: {most} downloads ran at once; the limit is {limit}. Is the permit dropped \
             straight away? `let _ = ...` drops it on that very line; a named variable \
             (`let _permit = ...`) keeps it until the task ends (lesson 9, Part 1)"
        )));
    }
    if most < limit {
        return Err(Verdict::fail(format!(
            "{case}: at most {most} ran at once, and took {} of virtual time; the limit lets \
             {limit} run together (lesson 9, Part 1)",
            secs(took)
        )));
    }
    if took != expected_took {
        return Err(Verdict::fail(format!(
            "{case}: at most {limit} at once, but it took {} of virtual time; starting the next \
             download as soon as one ends takes {}. (buffered waits for the oldest one; see \
             lesson 9, Part 2)",
            secs(took),
            secs(expected_took)
        )));
    }
    let expected: Vec<String> = sizes.iter().map(|size| format!("file of {size}")).collect();
    if results != expected {
        return Err(Verdict::fail(format!(
            "{case}: the results came back as {results:?}; they must be in the order of sizes, \
             {expected:?}. join_next gives them in the order they finish: let each task return \
             its index with its result, as Part 3's tasks return (job, outcome) (lesson 9, \
             Part 3)"
        )));
    }
    Ok(())
}

fn main() -> ExitCode {
    run(|| {
        paused_runtime().block_on(async {
            let cases: [(&[u64], usize, u64); 3] = [
                (&[5, 1, 3, 2, 4, 1], 2, 900),
                (&[2, 1, 2], 1, 500),
                (&[4, 1, 1, 3, 2, 2, 1], 3, 500),
            ];
            for (sizes, limit, ms) in cases {
                if let Err(verdict) = check(sizes, limit, Duration::from_millis(ms)).await {
                    return verdict;
                }
            }
            Verdict::pass(
                "never more than the limit at once, the next one as soon as a place is free, and \
                 the results in the order asked",
            )
        })
    })
}
