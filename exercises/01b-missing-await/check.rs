//! The check for exercise 01b, on tokio's paused clock. Do not edit: the runner notices.

use std::process::ExitCode;
use std::time::Duration;

use ex_01b_missing_await::{Log, greet_twice};
use exercise_kit::greetings::{self, Call};
use exercise_kit::{Verdict, measure, paused_runtime, run, secs};

/// When a call started and ended, in seconds from `origin`.
fn when(call: &Call, origin: tokio::time::Instant) -> String {
    let ended = call
        .ended
        .map_or_else(|| "never".to_owned(), |at| secs(at - origin));
    format!(
        "{} from {} to {ended}",
        call.name,
        secs(call.started - origin)
    )
}

fn main() -> ExitCode {
    run(|| {
        paused_runtime().block_on(async {
            greetings::script(&[]);
            let log = Log::default();
            let origin = tokio::time::Instant::now();
            let measured = measure(greet_twice(&log)).await;
            if let Err(verdict) = measured.honest("greet_twice") {
                return verdict;
            }
            let calls = greetings::calls();
            let names: Vec<&str> = calls.iter().map(|call| call.name.as_str()).collect();
            if !names.contains(&"Ann") && names.contains(&"Bob") {
                return Verdict::fail(format!(
                    "log.greet(\"Ann\") never ran (greeted: {names:?}): a future that is not \
                     awaited does nothing, and `let _ = ...` throws it away unrun. Await it: \
                     log.greet(\"Ann\").await (lesson 1, Forgetting .await)"
                ));
            }
            if names != ["Ann", "Bob"] {
                return Verdict::fail(format!(
                    "greet_twice greeted {names:?} through log.greet; expected Ann, then Bob. The \
                     greetings must come from log.greet(..).await, each awaited (lesson 1, Step 2)"
                ));
            }
            let shown: Vec<String> = calls.iter().map(|call| when(call, origin)).collect();
            if calls[1].started < calls[0].ended.unwrap_or(calls[1].started + Duration::from_secs(1)) {
                return Verdict::fail(format!(
                    "both greetings were awaited, but at the same time ({}): join! or spawn runs \
                     them at once. This exercise wants Ann, then Bob: await the first before \
                     starting the second (lesson 1, Step 2)",
                    shown.join("; ")
                ));
            }
            if calls.iter().any(|call| call.ended.is_none()) {
                return Verdict::fail(format!(
                    "a greeting started but never finished ({}): every greeting must be awaited \
                     to its end",
                    shown.join("; ")
                ));
            }
            let greeted = log.greetings();
            if greeted != ["Hello, Ann!", "Hello, Bob!"] {
                return Verdict::fail(format!(
                    "the log is {greeted:?}; expected [\"Hello, Ann!\", \"Hello, Bob!\"]"
                ));
            }
            if measured.took != Duration::from_secs(2) {
                return Verdict::fail(format!(
                    "greet_twice took {} of virtual time; one greeting after the other takes 2.00 s",
                    secs(measured.took)
                ));
            }
            Verdict::pass(format!(
                "Ann, then Bob, each awaited: {}",
                shown.join("; ")
            ))
        })
    })
}
