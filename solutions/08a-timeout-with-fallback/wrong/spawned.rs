//! Wrong: spawns the primary and times out on its handle, which leaves it running.
//! Expect: the primary's work went on

use std::future::Future;
use std::time::Duration;

/// How long the primary source may take.
pub const LIMIT: Duration = Duration::from_secs(1);

/// The primary's price, or `cached` if the primary takes longer than [`LIMIT`].
pub async fn price_with_fallback(
    primary: impl Future<Output = u32> + Send + 'static,
    cached: u32,
) -> u32 {
    let task = tokio::spawn(primary);
    match tokio::time::timeout(LIMIT, task).await {
        Ok(Ok(price)) => price,
        _ => cached,
    }
}
