//! The check for exercise 08b, on tokio's paused clock. Do not edit: the runner notices.

use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use ex_08b_first_mirror::fastest;
use exercise_kit::{Verdict, measure, paused_runtime, run, secs};

/// A mirror that answers `name` after `ms`, counting its progress in 100 ms steps.
async fn mirror(name: &str, ms: u64, progress: Arc<AtomicU32>) -> String {
    for _ in 0..ms / 100 {
        tokio::time::sleep(Duration::from_millis(100)).await;
        progress.fetch_add(1, Ordering::SeqCst);
    }
    format!("from {name}")
}

fn main() -> ExitCode {
    run(|| {
        paused_runtime().block_on(async {
            // Mirrors of other names each time, so that an answer written out cannot pass.
            let cases = [
                ("A", 2000, "B", 500),
                ("kyoto", 300, "lima", 900),
                ("oslo", 700, "quito", 400),
            ];
            for (a_name, a_ms, b_name, b_ms) in cases {
                let expected = format!("from {}", if a_ms < b_ms { a_name } else { b_name });
                let (a, b) = (Arc::new(AtomicU32::new(0)), Arc::new(AtomicU32::new(0)));
                let measured = measure(fastest(
                    mirror(a_name, a_ms, Arc::clone(&a)),
                    mirror(b_name, b_ms, Arc::clone(&b)),
                ))
                .await;
                if let Err(verdict) = measured.honest("fastest") {
                    return verdict;
                }
                let (answer, took) = (measured.output, measured.took);
                let first = Duration::from_millis(a_ms.min(b_ms));
                if answer != expected || took != first {
                    return Verdict::fail(format!(
                        "mirrors {a_name} taking {} and {b_name} taking {}: expected {expected:?} after {}, got {answer:?} \
                         after {} of virtual time. Race them with tokio::select! (lesson 8, Part 2)",
                        secs(Duration::from_millis(a_ms)),
                        secs(Duration::from_millis(b_ms)),
                        secs(first),
                        secs(took)
                    ));
                }
                let (a_then, b_then) = (a.load(Ordering::SeqCst), b.load(Ordering::SeqCst));
                tokio::time::sleep(Duration::from_secs(5)).await;
                if (a.load(Ordering::SeqCst), b.load(Ordering::SeqCst)) != (a_then, b_then) {
                    return Verdict::fail(
                        "the first answer came back in time, but the slower download kept going: \
                         the loser must be dropped (select! does; spawned tasks need abort())",
                    );
                }
            }
            Verdict::pass("the first answer every time, at its own time, and the slower download stopped")
        })
    })
}
