//! The check for exercise 03a, on tokio's paused clock. Do not edit: the runner notices.

use std::process::ExitCode;
use std::time::Duration;

use ex_03a_concurrent_greetings::greet_all;
use exercise_kit::greetings;
use exercise_kit::{Verdict, measure, paused_runtime, run, secs};

/// One case: each name with how long greeting it takes.
async fn case(script: &[(&str, u64)]) -> Result<(), Verdict> {
    let times: Vec<(&str, Duration)> = script
        .iter()
        .map(|(name, ms)| (*name, Duration::from_millis(*ms)))
        .collect();
    greetings::script(&times);
    let names: Vec<&str> = script.iter().map(|(name, _)| *name).collect();
    let slowest = times.iter().map(|(_, d)| *d).max().unwrap_or_default();
    let all: Duration = times.iter().map(|(_, d)| *d).sum();
    let call = format!("greet_all({names:?})");
    let measured = measure(greet_all(&names)).await;
    measured.honest(&call)?;
    let greeted: Vec<String> = greetings::calls().into_iter().map(|c| c.name).collect();
    let mut sorted_greeted = greeted.clone();
    sorted_greeted.sort();
    let mut sorted_names: Vec<String> = names.iter().map(|n| (*n).to_owned()).collect();
    sorted_names.sort();
    if sorted_greeted != sorted_names {
        return Err(Verdict::fail(format!(
            "{call} called greet for {greeted:?}; every name must be greeted once, by greet \
             itself (it decides how long a greeting takes and what it says)"
        )));
    }
    let expected: Vec<String> = names.iter().map(|n| format!("Hello, {n}!")).collect();
    if measured.took != slowest {
        let how = if measured.took == all && names.len() > 1 {
            " (the sum of them all: one after the other)"
        } else {
            ""
        };
        return Err(Verdict::fail(format!(
            "{call} took {} of virtual time{how}; greeting everyone at once takes {}, the time \
             of the slowest greeting (lesson 3, Part 3: join_all)",
            secs(measured.took),
            secs(slowest)
        )));
    }
    if measured.output != expected {
        return Err(Verdict::fail(format!(
            "{call} returned {:?}; expected {expected:?}, in the order of the names, not the \
             order the greetings finished (join_all keeps it; FuturesUnordered does not: \
             lesson 3, Part 4)",
            measured.output
        )));
    }
    Ok(())
}

fn main() -> ExitCode {
    run(|| {
        paused_runtime().block_on(async {
            let cases: [&[(&str, u64)]; 3] = [
                &[("Alice", 3000), ("Bob", 1000), ("Charlie", 2000)],
                &[
                    ("Ann", 500),
                    ("Ben", 1500),
                    ("Cat", 1000),
                    ("Dan", 250),
                    ("Eve", 1000),
                ],
                &[],
            ];
            for script in cases {
                if let Err(verdict) = case(script).await {
                    return verdict;
                }
            }
            Verdict::pass(
                "3, 5 and 0 names, each batch as long as its slowest greeting, results in the \
                 order of the names",
            )
        })
    })
}
