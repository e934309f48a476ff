//! The check for exercise 03a, on tokio's paused clock. Do not edit: the runner notices.

use std::process::ExitCode;

use ex_03a_concurrent_greetings::{GREETING, greet_all};
use exercise_kit::{Verdict, paused_runtime, run, secs};

fn main() -> ExitCode {
    run(|| {
        paused_runtime().block_on(async {
            for names in [&["Alice", "Bob", "Charlie"][..], &["Ann", "Ben", "Cat", "Dan", "Eve"]] {
                let start = tokio::time::Instant::now();
                let greetings = greet_all(names).await;
                let took = start.elapsed();
                let expected: Vec<String> = names.iter().map(|n| format!("Hello, {n}!")).collect();
                if took != GREETING {
                    return Verdict::fail(format!(
                        "greet_all with {} names took {} of virtual time; concurrently it takes {}, \
                         the time of one greeting (see lesson 3 Part 3: join_all)",
                        names.len(),
                        secs(took),
                        secs(GREETING)
                    ));
                }
                if greetings != expected {
                    return Verdict::fail(format!(
                        "greet_all returned {greetings:?}; expected {expected:?}, in the order of \
                         the names (join_all keeps it: lesson 3 Part 4)"
                    ));
                }
            }
            Verdict::pass(format!(
                "3 and 5 names each took {} of virtual time, results in order",
                secs(GREETING)
            ))
        })
    })
}
