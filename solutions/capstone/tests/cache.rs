//! The cache on the paused clock: thirty seconds of TTL checked in a moment.

use std::time::Duration;

use fanout::cache::{Cache, CachedPage};

/// An entry is fresh until its TTL is up, then gone; a URL never stored is not there.
#[tokio::test(start_paused = true)]
async fn an_entry_is_fresh_for_its_ttl_then_gone() {
    let cache = Cache::new(Duration::from_secs(30));
    let page = CachedPage {
        http_status: 200,
        chars: 5,
    };
    cache.put("http://a/", page);
    tokio::time::sleep(Duration::from_millis(29_999)).await;
    assert_eq!(cache.get("http://a/"), Some(page));
    tokio::time::sleep(Duration::from_millis(1)).await;
    assert_eq!(cache.get("http://a/"), None);
    assert_eq!(cache.get("http://b/"), None);
}
