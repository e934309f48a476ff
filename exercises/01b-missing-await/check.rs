//! The check for exercise 01b, on tokio's paused clock. Do not edit: the runner notices.

use std::process::ExitCode;
use std::sync::PoisonError;
use std::time::Duration;

use ex_01b_missing_await::{Log, greet_twice};
use exercise_kit::{Verdict, paused_runtime, run, secs};

fn main() -> ExitCode {
    run(|| {
        paused_runtime().block_on(async {
            let log = Log::default();
            let start = tokio::time::Instant::now();
            greet_twice(&log).await;
            let took = start.elapsed();
            let greeted = log.lock().unwrap_or_else(PoisonError::into_inner).clone();
            if greeted != ["Hello, Ann!", "Hello, Bob!"] {
                return Verdict::fail(format!(
                    "the log is {greeted:?}; expected [\"Hello, Ann!\", \"Hello, Bob!\"]: every \
                     greeting must be awaited (lesson 1, Step 2)"
                ));
            }
            if took != Duration::from_secs(2) {
                return Verdict::fail(format!(
                    "greet_twice took {} of virtual time; one greeting after the other takes 2.00 s",
                    secs(took)
                ));
            }
            Verdict::pass("both greetings ran, one after the other, in 2.00 s of virtual time")
        })
    })
}
