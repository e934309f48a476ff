//! Wrong: join! for exactly three names (a hard-coded count).
//! Expect: every name must be greeted once

pub use exercise_kit::greetings::greet;

/// Greets every name, all at once; the greetings in the order of `names`.
pub async fn greet_all(names: &[&str]) -> Vec<String> {
    let (a, b, c) = tokio::join!(greet(names[0]), greet(names[1]), greet(names[2]));
    vec![a, b, c]
}
