//! The check for exercise 01a, on tokio's paused clock. Do not edit: the runner notices.

use std::process::ExitCode;
use std::time::Instant;

use ex_01a_first_await::{DELAY, greet_after_delay};
use exercise_kit::{Verdict, paused_runtime, run, secs};

fn main() -> ExitCode {
    run(|| {
        let real = Instant::now();
        paused_runtime().block_on(async {
            let start = tokio::time::Instant::now();
            let greeting = greet_after_delay("Ada").await;
            let took = start.elapsed();
            if greeting != "Hello, Ada!" {
                return Verdict::fail(format!(
                    "greet_after_delay(\"Ada\") returned {greeting:?}; expected \"Hello, Ada!\""
                ));
            }
            if real.elapsed() >= DELAY / 2 {
                return Verdict::fail(format!(
                    "greet_after_delay blocked the thread for {} of real time (std::thread::sleep?): \
                     nothing else could run meanwhile. Wait with tokio::time::sleep(DELAY).await \
                     (lesson 1, Step 2)",
                    secs(real.elapsed())
                ));
            }
            if took != DELAY {
                return Verdict::fail(format!(
                    "greet_after_delay returned after {} of virtual time; it should first wait {} \
                     with tokio::time::sleep(DELAY).await (lesson 1, Step 2)",
                    secs(took),
                    secs(DELAY)
                ));
            }
            Verdict::pass(format!(
                "greet_after_delay(\"Ada\") waited {} without blocking, then returned {greeting:?}",
                secs(took)
            ))
        })
    })
}
