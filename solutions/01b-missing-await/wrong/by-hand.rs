//! Wrong: waits two seconds and never greets through the log.
//! Expect: greeted []

pub use exercise_kit::greetings::Log;

/// Greets Ann, then Bob.
pub async fn greet_twice(_log: &Log) {
    tokio::time::sleep(std::time::Duration::from_secs(2)).await;
}
