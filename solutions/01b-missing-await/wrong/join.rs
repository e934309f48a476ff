//! Wrong: awaits both greetings with join!, at the same time.
//! Expect: at the same time

pub use exercise_kit::greetings::Log;

/// Greets Ann, then Bob.
pub async fn greet_twice(log: &Log) {
    tokio::join!(log.greet("Ann"), log.greet("Bob"));
}
