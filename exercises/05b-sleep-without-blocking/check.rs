//! The check for exercise 05b, on tokio's paused clock, with a ticking task beside the
//! retries. Do not edit: the runner notices.

use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

use ex_05b_sleep_without_blocking::retry;
use exercise_kit::{Verdict, paused_runtime, run, secs};

const PAUSE: Duration = Duration::from_millis(500);

fn main() -> ExitCode {
    run(|| {
        paused_runtime().block_on(async {
            let ticks = Arc::new(AtomicU32::new(0));
            let counter = Arc::clone(&ticks);
            let ticker = tokio::spawn(async move {
                loop {
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    counter.fetch_add(1, Ordering::SeqCst);
                }
            });
            let mut calls = 0;
            let real = Instant::now();
            let start = tokio::time::Instant::now();
            let value = retry(
                || {
                    calls += 1;
                    (calls == 3).then_some(42)
                },
                5,
                PAUSE,
            )
            .await;
            let (took, real_took) = (start.elapsed(), real.elapsed());
            ticker.abort();
            if value != Some(42) || calls != 3 {
                return Verdict::fail(format!(
                    "retry gave {value:?} after {calls} tries; expected Some(42) on the third try"
                ));
            }
            if real_took >= PAUSE {
                return Verdict::fail(format!(
                    "retry paused by blocking the thread: {} of real time went by and {} of \
                     virtual time, and the other task got {} ticks. Pause with \
                     tokio::time::sleep(pause).await (lesson 5, Part 1)",
                    secs(real_took),
                    secs(took),
                    ticks.load(Ordering::SeqCst)
                ));
            }
            if took != PAUSE * 2 {
                return Verdict::fail(format!(
                    "three tries with two pauses of {} should take {} of virtual time; took {}",
                    secs(PAUSE),
                    secs(PAUSE * 2),
                    secs(took)
                ));
            }
            Verdict::pass(format!(
                "two pauses of {} without blocking; the other task ticked {} times meanwhile",
                secs(PAUSE),
                ticks.load(Ordering::SeqCst)
            ))
        })
    })
}
