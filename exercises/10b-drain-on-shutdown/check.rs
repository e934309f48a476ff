//! The check for exercise 10b, on tokio's paused clock. Do not edit: the runner notices.

use std::process::ExitCode;
use std::sync::Mutex;
use std::time::Duration;

use ex_10b_drain_on_shutdown::{FINISHED, STARTED, serve};
use exercise_kit::{Verdict, paused_runtime, run, secs};
use tokio::sync::watch;

/// Longer than any right answer takes; on the paused clock it passes in an instant.
const PATIENCE: Duration = Duration::from_secs(60);

fn read(list: &Mutex<Vec<u32>>) -> Vec<u32> {
    list.lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .clone()
}

fn main() -> ExitCode {
    run(|| {
        paused_runtime().block_on(async {
            // Jobs start at 0.0, 0.2, 0.4, 0.6 and 0.8 s and take 0.5 s each; the stop
            // comes at 0.95 s, with jobs 4 and 5 in flight (done at 1.1 and 1.3 s).
            let (stop, stopped) = watch::channel(false);
            let start = tokio::time::Instant::now();
            let stopper = tokio::spawn(async move {
                tokio::time::sleep(Duration::from_millis(950)).await;
                let _ = stop.send(true);
                // Keep the sender alive: a closed channel is not a stop.
                tokio::time::sleep(PATIENCE * 2).await;
            });
            let returned = tokio::time::timeout(PATIENCE, serve(stopped)).await;
            let took = start.elapsed();
            stopper.abort();
            // Give anything still running the time to show itself.
            tokio::time::sleep(Duration::from_secs(5)).await;
            let (started, finished) = (read(&STARTED), read(&FINISHED));
            if returned.is_err() {
                return Verdict::fail(format!(
                    "serve was still running {} after the stop at 0.95 s (virtual time); it \
                     started jobs {started:?}. Leave the loop when stop says true (lesson 10, \
                     Part 4)",
                    secs(PATIENCE - Duration::from_millis(950))
                ));
            }
            if started != [1, 2, 3, 4, 5] {
                return Verdict::fail(format!(
                    "jobs {started:?} started; expected [1, 2, 3, 4, 5]: one every 0.20 s until \
                     the stop at 0.95 s, and none after it"
                ));
            }
            let mut all_finished = finished.clone();
            all_finished.sort_unstable();
            if all_finished != [1, 2, 3, 4, 5] {
                let lost: Vec<u32> = started
                    .iter()
                    .filter(|number| !finished.contains(number))
                    .copied()
                    .collect();
                return Verdict::fail(format!(
                    "serve returned after {} and jobs {lost:?} never finished: they were still \
                     running, and dropping the JoinSet aborted them. Wait for the jobs in flight \
                     before returning (lesson 10, Part 4)",
                    secs(took)
                ));
            }
            if took != Duration::from_millis(1300) {
                return Verdict::fail(format!(
                    "every job finished, but serve returned after {}; the last job was done at \
                     1.30 s, and serve should return then, not before and not later",
                    secs(took)
                ));
            }
            Verdict::pass(
                "nothing new after the stop at 0.95 s; jobs 4 and 5 finished, and serve returned \
                 at 1.30 s",
            )
        })
    })
}
