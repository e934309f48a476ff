//! One fetch per URL at a time: a second ask for a URL whose fetch is in flight waits
//! for that fetch's result instead of asking the upstream again (no stampede). Python
//! would keep one `asyncio.Task` per URL in a dict and let every asker `await` it.
//!
//! The fetch is a `futures` [`Shared`] future: each asker polls its own clone, so the
//! fetch goes on as long as one asker still waits (the first asker's deadline passing
//! drops only its clone), and it is dropped (its upstream request too) when nobody
//! waits any more. The map keeps only a weak handle: it never keeps a fetch alive, and
//! each fetch takes its own entry out when it ends or is dropped.

use std::collections::HashMap;
use std::future::Future;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use futures::FutureExt;
use futures::future::{BoxFuture, Shared, WeakShared};

/// Each fetch in flight by its key: its id, and a handle that does not keep it alive.
type Fetches<T> = Arc<Mutex<HashMap<String, (u64, WeakShared<BoxFuture<'static, T>>)>>>;

/// The fetches in flight, by key (the URL).
pub struct InFlightFetches<T> {
    fetches: Fetches<T>,
    next_id: AtomicU64,
}

impl<T> Default for InFlightFetches<T> {
    fn default() -> Self {
        Self {
            fetches: Arc::default(),
            next_id: AtomicU64::new(0),
        }
    }
}

impl<T> std::fmt::Debug for InFlightFetches<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let fetches = self.fetches.lock().unwrap_or_else(PoisonError::into_inner);
        f.debug_struct("InFlightFetches")
            .field("in_flight", &fetches.len())
            .finish()
    }
}

/// Takes a fetch's entry out of the map when the fetch ends or is dropped, unless a
/// newer fetch of the same key has taken its place.
struct Entry<T> {
    fetches: Fetches<T>,
    key: String,
    id: u64,
}

impl<T> Drop for Entry<T> {
    fn drop(&mut self) {
        let mut fetches = self.fetches.lock().unwrap_or_else(PoisonError::into_inner);
        if fetches.get(&self.key).is_some_and(|(id, _)| *id == self.id) {
            fetches.remove(&self.key);
        }
    }
}

impl<T: Clone + Send + Sync + 'static> InFlightFetches<T> {
    /// The fetch of `key` in flight, joined; or, when there is none, `start()` begun as
    /// it. Await the answer: every asker gets a clone of the same result.
    pub fn join_or_start<F>(
        &self,
        key: &str,
        start: impl FnOnce() -> F,
    ) -> Shared<BoxFuture<'static, T>>
    where
        F: Future<Output = T> + Send + 'static,
    {
        let mut fetches = self.fetches.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(in_flight) = fetches.get(key).and_then(|(_, weak)| weak.upgrade()) {
            return in_flight;
        }
        let id = self.next_id.fetch_add(1, Ordering::Relaxed);
        let entry = Entry {
            fetches: Arc::clone(&self.fetches),
            key: key.to_owned(),
            id,
        };
        let fetch = start();
        let shared = async move {
            // Dropped with this future: when the fetch ends, or when nobody waits.
            let _entry = entry;
            fetch.await
        }
        .boxed()
        .shared();
        if let Some(weak) = shared.downgrade() {
            fetches.insert(key.to_owned(), (id, weak));
        }
        shared
    }

    /// How many fetches are in flight now.
    pub fn len(&self) -> usize {
        self.fetches
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .len()
    }

    /// Whether no fetch is in flight.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    /// Two asks for one key while its fetch runs: one fetch, one result for both; once
    /// it ended, the next ask starts a new one.
    #[tokio::test(start_paused = true)]
    async fn a_key_is_fetched_once_at_a_time() {
        let fetches = InFlightFetches::<u32>::default();
        let started = Arc::new(AtomicU64::new(0));
        let fetch = || {
            let started = Arc::clone(&started);
            async move {
                let n = started.fetch_add(1, Ordering::Relaxed);
                tokio::time::sleep(Duration::from_secs(1)).await;
                u32::try_from(n).unwrap_or(u32::MAX)
            }
        };
        let first = fetches.join_or_start("a", fetch);
        let second = fetches.join_or_start("a", fetch);
        assert_eq!(tokio::join!(first, second), (0, 0));
        assert!(fetches.is_empty(), "an ended fetch leaves the map");
        assert_eq!(fetches.join_or_start("a", fetch).await, 1);
    }

    /// The first asker gives up: the fetch goes on for the second. Nobody left: it is
    /// dropped, and its entry with it.
    #[tokio::test(start_paused = true)]
    async fn a_fetch_lives_while_someone_waits() {
        let fetches = InFlightFetches::<&'static str>::default();
        let slow = || async {
            tokio::time::sleep(Duration::from_secs(2)).await;
            "done"
        };
        let first = fetches.join_or_start("a", slow);
        let second = fetches.join_or_start("a", slow);
        assert!(
            tokio::time::timeout(Duration::from_secs(1), first)
                .await
                .is_err()
        );
        assert_eq!(second.await, "done");
        let alone = fetches.join_or_start("b", slow);
        assert_eq!(fetches.len(), 1);
        drop(alone);
        assert!(fetches.is_empty(), "nobody waits: the fetch is dropped");
    }
}
