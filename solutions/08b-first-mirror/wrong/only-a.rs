//! Wrong: waits for mirror A whatever happens.
//! Expect: expected "from B" after 0.50 s

use std::future::Future;

/// The answer of whichever mirror answers first; the other download stops.
pub async fn fastest(
    mirror_a: impl Future<Output = String>,
    mirror_b: impl Future<Output = String>,
) -> String {
    let _ = mirror_b;
    mirror_a.await
}
