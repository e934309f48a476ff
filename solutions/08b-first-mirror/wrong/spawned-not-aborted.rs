//! Wrong: spawns both and takes the first handle to finish, leaving the other task running.
//! Expect: the loser must be dropped

use std::future::Future;

/// The answer of whichever mirror answers first; the other download stops.
pub async fn fastest(
    mirror_a: impl Future<Output = String> + Send + 'static,
    mirror_b: impl Future<Output = String> + Send + 'static,
) -> String {
    let mut a = tokio::spawn(mirror_a);
    let mut b = tokio::spawn(mirror_b);
    tokio::select! {
        answer = &mut a => answer.unwrap_or_default(),
        answer = &mut b => answer.unwrap_or_default(),
    }
}
