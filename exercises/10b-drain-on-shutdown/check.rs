//! The check for exercise 10b, on tokio's paused clock. Do not edit: the runner notices.

use std::process::ExitCode;
use std::sync::Mutex;
use std::time::Duration;

use ex_10b_drain_on_shutdown::{FINISHED, STARTED, serve};
use exercise_kit::{Verdict, paused_runtime, run, secs, shown};
use tokio::sync::watch;

/// Longer than any right answer takes; on the paused clock it passes in an instant.
const PATIENCE: Duration = Duration::from_secs(60);

fn read(list: &Mutex<Vec<u32>>) -> Vec<u32> {
    list.lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .clone()
}

/// One case: the stop comes at `stop_ms`; jobs `1..=started` must start, all finish,
/// and `serve` return at `returns_ms`.
async fn case(stop_ms: u64, started_expected: u32, returns_ms: u64) -> Result<(), Verdict> {
    for list in [&STARTED, &FINISHED] {
        list.lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clear();
    }
    let stop_at = Duration::from_millis(stop_ms);
    let (stop, stopped) = watch::channel(false);
    let start = tokio::time::Instant::now();
    let stopper = tokio::spawn(async move {
        tokio::time::sleep(stop_at).await;
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
    let expected: Vec<u32> = (1..=started_expected).collect();
    let when = format!("with the stop at {}", secs(stop_at));
    if returned.is_err() {
        return Err(Verdict::fail(format!(
            "{when}, serve was still running {} later (virtual time); it started jobs {} (none \
             should start after the stop). Leave the starting loop when stop says true, then \
             wait for the jobs in flight (lesson 10, Part 4)",
            secs(PATIENCE - stop_at),
            shown(&started, 8)
        )));
    }
    if started != expected {
        return Err(Verdict::fail(format!(
            "{when}, jobs {} started; expected {expected:?}: one every 0.20 s until the stop, and \
             none after it (not even while the others finish)",
            shown(&started, 8)
        )));
    }
    let mut all_finished = finished.clone();
    all_finished.sort_unstable();
    if all_finished != expected {
        let lost: Vec<u32> = started
            .iter()
            .filter(|number| !finished.contains(number))
            .copied()
            .collect();
        return Err(Verdict::fail(format!(
            "{when}, serve returned after {} and jobs {lost:?} never finished: they were still \
             running, and dropping the JoinSet aborted them. Wait for the jobs in flight \
             before returning (lesson 10, Part 4)",
            secs(took)
        )));
    }
    let returns = Duration::from_millis(returns_ms);
    if took != returns {
        return Err(Verdict::fail(format!(
            "{when}, every job finished, but serve returned after {}; the last job was done at \
             {}, and serve should return then, not before and not later (wait for the jobs \
             themselves, not for a guessed time)",
            secs(took),
            secs(returns)
        )));
    }
    Ok(())
}

fn main() -> ExitCode {
    run(|| {
        paused_runtime().block_on(async {
            // Jobs start at 0.0, 0.2, 0.4 ... s and take 0.5 s each.
            for (stop_ms, started, returns_ms) in [(950, 5, 1300), (300, 2, 700)] {
                if let Err(verdict) = case(stop_ms, started, returns_ms).await {
                    return verdict;
                }
            }
            Verdict::pass(
                "nothing new after the stop, the jobs in flight finished, and serve returned the \
                 moment the last one was done",
            )
        })
    })
}
