//! Wrong: waits LIMIT, then answers the cached price whatever the primary did.
//! Expect: expected 10 after 0.50 s

use std::future::Future;
use std::time::Duration;

/// How long the primary source may take.
pub const LIMIT: Duration = Duration::from_secs(1);

/// The primary's price, or `cached` if the primary takes longer than [`LIMIT`].
pub async fn price_with_fallback(primary: impl Future<Output = u32>, cached: u32) -> u32 {
    drop(primary);
    tokio::time::sleep(LIMIT).await;
    cached
}
