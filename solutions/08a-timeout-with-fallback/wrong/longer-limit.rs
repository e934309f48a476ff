//! Wrong: a longer limit, so a slow primary still wins.
//! Expect: LIMIT is 2.00 s

use std::future::Future;
use std::time::Duration;

/// How long the primary source may take.
pub const LIMIT: Duration = Duration::from_secs(2);

/// The primary's price, or `cached` if the primary takes longer than [`LIMIT`].
pub async fn price_with_fallback(primary: impl Future<Output = u32>, cached: u32) -> u32 {
    tokio::time::timeout(LIMIT, primary).await.unwrap_or(cached)
}
