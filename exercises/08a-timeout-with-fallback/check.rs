//! The check for exercise 08a, on tokio's paused clock. Do not edit: the runner notices.

use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use ex_08a_timeout_with_fallback::{LIMIT, price_with_fallback};
use exercise_kit::{Verdict, paused_runtime, run, secs};

/// A source that answers `price` after `ms`, counting its progress in 100 ms steps.
async fn source(ms: u64, price: u32, progress: Arc<AtomicU32>) -> u32 {
    for _ in 0..ms / 100 {
        tokio::time::sleep(Duration::from_millis(100)).await;
        progress.fetch_add(1, Ordering::SeqCst);
    }
    price
}

fn main() -> ExitCode {
    run(|| {
        paused_runtime().block_on(async {
            let start = tokio::time::Instant::now();
            let quick = price_with_fallback(source(500, 10, Arc::default()), 7).await;
            if quick != 10 || start.elapsed() != Duration::from_millis(500) {
                return Verdict::fail(format!(
                    "a primary answering 10 after 0.50 s: expected 10 after 0.50 s, got {quick} \
                     after {}",
                    secs(start.elapsed())
                ));
            }
            let progress = Arc::new(AtomicU32::new(0));
            let start = tokio::time::Instant::now();
            let slow = price_with_fallback(source(5000, 10, Arc::clone(&progress)), 7).await;
            let took = start.elapsed();
            if slow != 7 || took != LIMIT {
                return Verdict::fail(format!(
                    "a primary that takes 5.00 s: expected the cached 7 after {}, got {slow} after \
                     {} of virtual time. Give it at most LIMIT: tokio::time::timeout (lesson 8, \
                     Part 1)",
                    secs(LIMIT),
                    secs(took)
                ));
            }
            let at_fallback = progress.load(Ordering::SeqCst);
            tokio::time::sleep(Duration::from_secs(10)).await;
            if progress.load(Ordering::SeqCst) != at_fallback {
                return Verdict::fail(
                    "the fallback came in time, but the primary's work went on afterwards: drop it \
                     (tokio::time::timeout does; a spawned task would need abort())",
                );
            }
            Verdict::pass("the primary's answer within the second; the cached one at 1.00 s, and the slow work stopped")
        })
    })
}
