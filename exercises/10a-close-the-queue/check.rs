//! The check for exercise 10a, on tokio's paused clock. Do not edit: the runner notices.

use std::process::ExitCode;
use std::time::Duration;

use ex_10a_close_the_queue::collect_all;
use exercise_kit::{Verdict, paused_runtime, run, secs};

/// Longer than any right answer takes; on the paused clock it passes in an instant.
const PATIENCE: Duration = Duration::from_secs(60);

fn main() -> ExitCode {
    run(|| {
        paused_runtime().block_on(async {
            let cases = [
                (vec![vec![1, 2, 3], vec![10, 20]], 300),
                (vec![vec![7]], 100),
                (vec![], 0),
            ];
            for (batches, ms) in cases {
                let shown = format!("{batches:?}");
                let mut expected: Vec<u32> = batches.iter().flatten().copied().collect();
                expected.sort_unstable();
                let start = tokio::time::Instant::now();
                let Ok(mut got) = tokio::time::timeout(PATIENCE, collect_all(batches)).await else {
                    return Verdict::fail(format!(
                        "collect_all({shown}) was still waiting after {} of virtual time, though \
                         every producer was done after {}. recv() returns None only once every \
                         Sender is dropped: which one is still alive? (lesson 10, Part 1)",
                        secs(PATIENCE),
                        secs(Duration::from_millis(ms))
                    ));
                };
                let took = start.elapsed();
                got.sort_unstable();
                if got != expected {
                    return Verdict::fail(format!(
                        "collect_all({shown}) returned the items {got:?} (sorted); expected \
                         {expected:?}"
                    ));
                }
                if took != Duration::from_millis(ms) {
                    return Verdict::fail(format!(
                        "collect_all({shown}) returned after {} of virtual time; the last \
                         producer was done after {}, so that is when it should return",
                        secs(took),
                        secs(Duration::from_millis(ms))
                    ));
                }
            }
            Verdict::pass("every item, returned the moment the last producer was done")
        })
    })
}
