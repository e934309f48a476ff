//! Wrong: races the two, but answers a name written out instead of the winner's answer.
//! Expect: expected "from kyoto"

use std::future::Future;

/// The answer of whichever mirror answers first; the other download stops.
pub async fn fastest(
    mirror_a: impl Future<Output = String>,
    mirror_b: impl Future<Output = String>,
) -> String {
    tokio::select! {
        _ = mirror_a => "from A".to_owned(),
        _ = mirror_b => "from B".to_owned(),
    }
}
