//! Lesson 11, the plain version: ten minutes of timers on a paused clock, checked in
//! milliseconds. In a real project this is a `#[tokio::test(start_paused = true)]`; here
//! it builds the same kind of runtime by hand so that you can run it as a program.
//!
//! Run it: `just plain-11` (or `cargo run -p lesson-11-testing --example plain-11`).
//! The same idea, measured, and as tests: `just lesson-11`, `tests/examples.rs`.
//! The Python it mirrors: `python/lesson_11.py` (`just compare 11` runs both).
//!
//! Beside Python: the same ten minutes, checked in milliseconds. Python needs a plugin
//! that fakes the event loop's clock (`looptime`); tokio's paused clock is built in
//! (`start_paused`): time stands still while anything can run, then jumps to the next
//! timer.

#![allow(clippy::print_stdout, reason = "a plain program prints with println!")]

use std::time::Duration;

/// A reminder every `every`, `times` times; returns when the last one rang (virtual).
async fn reminders(every: Duration, times: u32) -> Duration {
    let start = tokio::time::Instant::now();
    for n in 1..=times {
        tokio::time::sleep(every).await;
        println!("reminder {n} at {} s (virtual)", start.elapsed().as_secs());
    }
    start.elapsed()
}

fn main() -> std::io::Result<()> {
    let real = std::time::Instant::now();
    // What #[tokio::test(start_paused = true)] builds for each test.
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .start_paused(true)
        .build()?;
    let virtual_time = runtime.block_on(reminders(Duration::from_secs(120), 5));
    assert_eq!(
        virtual_time,
        Duration::from_secs(600),
        "exactly ten minutes"
    );
    println!("ten minutes of reminders checked; the paused clock said {virtual_time:?}");
    // The paused clock's limit: while a spawn_blocking call runs, time does not jump, so
    // a 1 ms timeout around 50 ms of blocking work does not fire (and takes 50 ms, real).
    let held = runtime.block_on(async {
        let blocking =
            tokio::task::spawn_blocking(|| std::thread::sleep(Duration::from_millis(50)));
        tokio::time::timeout(Duration::from_millis(1), blocking)
            .await
            .is_ok()
    });
    println!(
        "a 1 ms timeout around 50 ms of spawn_blocking, paused clock: {}",
        if held { "did not fire" } else { "fired" }
    );
    println!("Total time: {:.2} seconds", real.elapsed().as_secs_f64());
    Ok(())
}
