//! Wrong: greets Bob first.
//! Expect: expected Ann, then Bob

pub use exercise_kit::greetings::Log;

/// Greets Ann, then Bob.
pub async fn greet_twice(log: &Log) {
    log.greet("Bob").await;
    log.greet("Ann").await;
}
