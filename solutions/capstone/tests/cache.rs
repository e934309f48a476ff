//! The cache on the paused clock: thirty seconds of TTL checked in a moment, and its
//! bound on entries.

use std::time::Duration;

use fanout::cache::{Cache, CachedPage};

const PAGE: CachedPage = CachedPage {
    http_status: 200,
    chars: 5,
};

/// An entry is fresh until its TTL is up, then gone; a URL never stored is not there.
#[tokio::test(start_paused = true)]
async fn an_entry_is_fresh_for_its_ttl_then_gone() {
    let cache = Cache::new(Duration::from_secs(30), 10);
    cache.put("http://a/", PAGE);
    // A tenth of a second each side of the TTL: a sleep ends on the timer's millisecond
    // tick, which a clock paused after the runtime started may miss by a fraction.
    tokio::time::sleep(Duration::from_millis(29_900)).await;
    assert_eq!(cache.get("http://a/"), Some(PAGE));
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert_eq!(cache.get("http://a/"), None);
    assert_eq!(cache.get("http://b/"), None);
}

/// Expired entries are not kept, even for URLs never asked again: the next use of the
/// cache drops them.
#[tokio::test(start_paused = true)]
async fn expired_entries_are_not_kept() {
    let cache = Cache::new(Duration::from_secs(30), 1000);
    for n in 0..100 {
        cache.put(&format!("http://old/{n}"), PAGE);
    }
    tokio::time::sleep(Duration::from_secs(20)).await;
    cache.put("http://new/", PAGE);
    assert_eq!(cache.len(), 101);
    tokio::time::sleep(Duration::from_secs(10)).await;
    assert_eq!(cache.len(), 1, "the 100 old entries expired");
}

/// It never holds more than its maximum; the least recently used goes first (a look-up
/// counts as a use).
#[tokio::test(start_paused = true)]
async fn the_least_recently_used_goes_first() {
    let cache = Cache::new(Duration::from_secs(30), 2);
    cache.put("http://a/", PAGE);
    cache.put("http://b/", PAGE);
    assert_eq!(cache.get("http://a/"), Some(PAGE));
    cache.put("http://c/", PAGE);
    assert_eq!(cache.len(), 2);
    assert_eq!(
        cache.get("http://b/"),
        None,
        "b was the least recently used"
    );
    assert_eq!(cache.get("http://a/"), Some(PAGE));
    assert_eq!(cache.get("http://c/"), Some(PAGE));
    for n in 0..200 {
        cache.put(&format!("http://many/{n}"), PAGE);
        assert!(cache.len() <= 2);
    }
    let zero = Cache::new(Duration::from_secs(30), 0);
    zero.put("http://a/", PAGE);
    assert!(zero.is_empty());
}
