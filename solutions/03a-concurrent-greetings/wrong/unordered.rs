//! Wrong: FuturesUnordered: at once, but the results come in the order they finish.
//! Expect: not the order the greetings finished

pub use exercise_kit::greetings::greet;

/// Greets every name, all at once; the greetings in the order of `names`.
pub async fn greet_all(names: &[&str]) -> Vec<String> {
    use futures::StreamExt;
    let pending: futures::stream::FuturesUnordered<_> =
        names.iter().map(|name| greet(name)).collect();
    pending.collect().await
}
