//! The check for exercise 01a, on tokio's paused clock. Do not edit: the runner notices.

use std::process::ExitCode;
use std::time::Duration;

use ex_01a_first_await::{DELAY, greet_after_delay};
use exercise_kit::{Verdict, measure, paused_runtime, run, secs};

fn main() -> ExitCode {
    run(|| {
        if DELAY != Duration::from_secs(1) {
            return Verdict::fail(format!(
                "DELAY is {}; the exercise waits one second (leave DELAY as it was)",
                secs(DELAY)
            ));
        }
        paused_runtime().block_on(async {
            // Two names, so that a greeting written out by hand cannot pass.
            for name in ["Ada", "Grace Hopper"] {
                let call = format!("greet_after_delay({name:?})");
                let measured = measure(greet_after_delay(name)).await;
                if let Err(verdict) = measured.honest(&call) {
                    return verdict;
                }
                let expected = format!("Hello, {name}!");
                if measured.output != expected {
                    return Verdict::fail(format!(
                        "{call} returned {:?}; expected {expected:?}",
                        measured.output
                    ));
                }
                if measured.took != DELAY {
                    return Verdict::fail(format!(
                        "{call} returned after {} of virtual time; it should first wait {} with \
                         tokio::time::sleep(DELAY).await (lesson 1, Step 2)",
                        secs(measured.took),
                        secs(DELAY)
                    ));
                }
            }
            Verdict::pass(format!(
                "each greeting waited {} without blocking, then greeted the name it was given",
                secs(DELAY)
            ))
        })
    })
}
