//! The check for exercise 10a, on tokio's paused clock. Do not edit: the runner notices.

use std::process::ExitCode;
use std::time::Duration;

use std::sync::atomic::Ordering;

use ex_10a_close_the_queue::{PRODUCED, collect_all};
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
                PRODUCED.store(0, Ordering::SeqCst);
                let total = expected.len();
                let Ok(mut got) = tokio::time::timeout(PATIENCE, collect_all(batches)).await else {
                    let produced = PRODUCED.load(Ordering::SeqCst);
                    if produced < total {
                        return Verdict::fail(format!(
                            "collect_all({shown}) was still waiting after {} of virtual time, \
                             with only {produced} of {total} items made: the producers were stuck \
                             sending, because nothing read the channel while they ran. A bounded \
                             channel holds 2 items; awaiting the producers before reading \
                             deadlocks. Read while they produce (lesson 10, Part 1)",
                            secs(PATIENCE)
                        ));
                    }
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
