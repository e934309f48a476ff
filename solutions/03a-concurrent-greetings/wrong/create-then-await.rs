//! Wrong: creates every future first, then awaits them one by one: still one after the other.
//! Expect: one after the other

pub use exercise_kit::greetings::greet;

/// Greets every name, all at once; the greetings in the order of `names`.
pub async fn greet_all(names: &[&str]) -> Vec<String> {
    let futures: Vec<_> = names.iter().map(|name| greet(name)).collect();
    let mut greetings = Vec::new();
    for future in futures {
        greetings.push(future.await);
    }
    greetings
}
