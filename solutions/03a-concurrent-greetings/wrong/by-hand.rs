//! Wrong: sleeps once and writes the greetings by hand, never calling greet.
//! Expect: called greet for []

pub use exercise_kit::greetings::greet;

/// Greets every name, all at once; the greetings in the order of `names`.
pub async fn greet_all(names: &[&str]) -> Vec<String> {
    tokio::time::sleep(std::time::Duration::from_secs(2)).await;
    names.iter().map(|name| format!("Hello, {name}!")).collect()
}
