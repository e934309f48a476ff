//! Lesson 5: CPU-bound and blocking code stall a heartbeat; waiting and spawn_blocking
//! do not. Real time throughout, so the checks are about shape, with wide margins.
//! (The heartbeat itself is unit-tested in course-kit.)

use std::time::Duration;

use lesson_05_io_vs_cpu as lesson;

use crate::support::golden::golden;
use crate::support::run::run_lesson;

const PACKAGE: &str = "lesson-05-io-vs-cpu";

/// The prime counter does real work for the time it is given.
#[test]
fn count_primes_does_real_work_for_its_time() {
    let started = std::time::Instant::now();
    let primes = lesson::count_primes_for(Duration::from_millis(50));
    assert!(started.elapsed() >= Duration::from_millis(50));
    assert!(primes > 100, "only {primes} primes in 50 ms");
}

/// The real binary: waiting and spawn_blocking are on time; inline CPU work, a
/// blocking sleep and as many CPU hogs as workers stall the heartbeat; one hog on the
/// multi-threaded runtime does not.
#[test]
fn real_binary_shows_which_work_stalls_the_runtime() {
    let run = run_lesson(PACKAGE, &[]);
    run.assert_success();
    // The golden file is a real run: its tick counts and gaps vary, its verdicts do not.
    golden(PACKAGE, "lesson").assert_real_run(&run.lines(), |line| {
        match (line.find("longest gap"), line.rsplit("  ").next()) {
            (Some(_), Some(verdict)) => {
                let label = line.split("  ").next().unwrap_or_default();
                format!("{label} .. {verdict}")
            }
            _ => line.to_owned(),
        }
    });
    let expectations = [
        ("tokio::time::sleep(1s).await", false),
        ("count primes, inline", true),
        ("std::thread::sleep(1s), inline", true),
        ("spawn_blocking(count primes).await", false),
        ("1 CPU-bound task (1 worker busy)", false),
        ("2 CPU-bound tasks (every worker busy)", true),
    ];
    for (what, stalls) in expectations {
        let Some(row) = run.lines().into_iter().find(|line| line.starts_with(what)) else {
            panic!("no row for {what:?}\n\n{run}");
        };
        let gap_ms: u64 = row
            .split("longest gap")
            .nth(1)
            .and_then(|rest| rest.split_whitespace().next())
            .and_then(|number| number.parse().ok())
            .unwrap_or_else(|| panic!("no gap in {row:?}\n\n{run}"));
        if stalls {
            assert!(
                row.ends_with("STALLED") && gap_ms >= 800,
                "{what} should stall the heartbeat for most of a second: {row:?}\n\n{run}"
            );
        } else {
            assert!(
                row.ends_with("on time") && gap_ms <= 400,
                "{what} should leave the heartbeat on time: {row:?}\n\n{run}"
            );
        }
    }
}
