//! The check for exercise 08a, on tokio's paused clock. Do not edit: the runner notices.

use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use ex_08a_timeout_with_fallback::{LIMIT, price_with_fallback};
use exercise_kit::{Verdict, measure, paused_runtime, run, secs};

/// A source that answers `price` after `ms`, counting its progress in 100 ms steps.
async fn source(ms: u64, price: u32, progress: Arc<AtomicU32>) -> u32 {
    for _ in 0..ms / 100 {
        tokio::time::sleep(Duration::from_millis(100)).await;
        progress.fetch_add(1, Ordering::SeqCst);
    }
    price
}

/// One case: a primary answering `price` after `ms`, a cached `cached`.
async fn case(ms: u64, price: u32, cached: u32) -> Result<(), Verdict> {
    let progress = Arc::new(AtomicU32::new(0));
    let what = format!(
        "a primary answering {price} after {} (cached: {cached})",
        secs(Duration::from_millis(ms))
    );
    let measured = measure(price_with_fallback(
        source(ms, price, Arc::clone(&progress)),
        cached,
    ))
    .await;
    measured.honest("price_with_fallback")?;
    let (expected, at) = if Duration::from_millis(ms) <= LIMIT {
        (price, Duration::from_millis(ms))
    } else {
        (cached, LIMIT)
    };
    if measured.output != expected || measured.took != at {
        return Err(Verdict::fail(format!(
            "{what}: expected {expected} after {}, got {} after {} of virtual time. Give the \
             primary at most LIMIT, and fall back to the cached price only then: \
             tokio::time::timeout (lesson 8, Part 1)",
            secs(at),
            measured.output,
            secs(measured.took)
        )));
    }
    let at_answer = progress.load(Ordering::SeqCst);
    tokio::time::sleep(Duration::from_secs(10)).await;
    if progress.load(Ordering::SeqCst) != at_answer {
        return Err(Verdict::fail(format!(
            "{what}: the fallback came in time, but the primary's work went on afterwards: \
             drop it (tokio::time::timeout does; a spawned task would need abort())"
        )));
    }
    Ok(())
}

fn main() -> ExitCode {
    run(|| {
        if LIMIT != Duration::from_secs(1) {
            return Verdict::fail(format!(
                "LIMIT is {}; the exercise gives the primary one second (leave LIMIT as it was)",
                secs(LIMIT)
            ));
        }
        paused_runtime().block_on(async {
            for (ms, price, cached) in [(500, 10, 7), (5000, 10, 7), (900, 33, 12), (1300, 33, 12)]
            {
                if let Err(verdict) = case(ms, price, cached).await {
                    return verdict;
                }
            }
            Verdict::pass(
                "the primary's answer whenever it came within the second, the cached one at \
                 1.00 s otherwise, and the slow work stopped",
            )
        })
    })
}
