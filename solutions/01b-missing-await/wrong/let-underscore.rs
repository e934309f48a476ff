//! Wrong: silences the error with `let _ = ...`, which throws the first future away unrun.
//! Expect: log.greet("Ann") never ran

pub use exercise_kit::greetings::Log;

/// Greets Ann, then Bob.
pub async fn greet_twice(log: &Log) {
    let _ = log.greet("Ann");
    log.greet("Bob").await;
}
