//! Pages that were fetched, answered again for a while without an upstream request.
//!
//! Bounded two ways, because clients choose the keys (up to 100 URLs a request): an
//! entry older than `ttl` is never kept (the oldest are dropped first, at every use), and
//! the cache never holds more than `max` entries (the least recently used goes first).
//! Python's `functools.lru_cache(maxsize=...)` is the same idea, without the time limit.
//!
//! A `std::sync::Mutex` around the maps: every use is a quick look-up or insert, and the
//! guard never lives across an `.await` (lesson 10, "Which mutex?").

use std::collections::{BTreeMap, HashMap};
use std::sync::{Mutex, PoisonError};
use std::time::Duration;

use tokio::time::Instant;

/// What the cache keeps of a page: enough to answer `ok` again.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CachedPage {
    /// The upstream's status (2xx).
    pub http_status: u16,
    /// The body's length in characters.
    pub chars: usize,
}

/// A page cache keyed by URL: each entry fresh for `ttl`, at most `max` entries.
#[derive(Debug)]
pub struct Cache {
    ttl: Duration,
    max: usize,
    pages: Mutex<Pages>,
}

/// The entries and two orders over them, by a counter that only grows: when each was
/// stored (the oldest expires first: every entry lives `ttl`) and when each was last
/// used (the least recently used is dropped first).
#[derive(Debug, Default)]
struct Pages {
    by_url: HashMap<String, Entry>,
    by_storing: BTreeMap<u64, String>,
    by_use: BTreeMap<u64, String>,
    ticks: u64,
}

#[derive(Debug)]
struct Entry {
    page: CachedPage,
    stored_at: Instant,
    stored: u64,
    used: u64,
}

impl Pages {
    fn tick(&mut self) -> u64 {
        self.ticks += 1;
        self.ticks
    }

    fn remove(&mut self, url: &str) {
        if let Some(entry) = self.by_url.remove(url) {
            self.by_storing.remove(&entry.stored);
            self.by_use.remove(&entry.used);
        }
    }

    /// Drops every entry stored `ttl` ago or more: the oldest first, so this stops at
    /// the first fresh one.
    fn drop_expired(&mut self, ttl: Duration) {
        while let Some((_, url)) = self.by_storing.first_key_value() {
            let expired = self
                .by_url
                .get(url)
                .is_none_or(|entry| entry.stored_at.elapsed() >= ttl);
            if !expired {
                break;
            }
            let url = url.clone();
            self.remove(&url);
        }
    }
}

impl Cache {
    /// An empty cache whose entries stay fresh for `ttl`, at most `max` of them (a `ttl`
    /// or a `max` of zero keeps nothing).
    pub fn new(ttl: Duration, max: usize) -> Self {
        Self {
            ttl,
            max,
            pages: Mutex::default(),
        }
    }

    fn pages(&self) -> std::sync::MutexGuard<'_, Pages> {
        self.pages.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The page for `url` if it was stored less than `ttl` ago; it becomes the most
    /// recently used.
    pub fn get(&self, url: &str) -> Option<CachedPage> {
        let mut pages = self.pages();
        pages.drop_expired(self.ttl);
        let used = pages.tick();
        let entry = pages.by_url.get_mut(url)?;
        let (page, last_used) = (entry.page, entry.used);
        entry.used = used;
        pages.by_use.remove(&last_used);
        pages.by_use.insert(used, url.to_owned());
        Some(page)
    }

    /// Keeps `page` for `url`, fresh from now; the least recently used entries go when
    /// the cache is full.
    pub fn put(&self, url: &str, page: CachedPage) {
        if self.ttl.is_zero() || self.max == 0 {
            return;
        }
        let mut pages = self.pages();
        pages.drop_expired(self.ttl);
        pages.remove(url);
        while pages.by_url.len() >= self.max {
            let Some((_, oldest)) = pages.by_use.pop_first() else {
                break;
            };
            pages.remove(&oldest);
        }
        let (stored, used) = (pages.tick(), pages.tick());
        pages.by_storing.insert(stored, url.to_owned());
        pages.by_use.insert(used, url.to_owned());
        pages.by_url.insert(
            url.to_owned(),
            Entry {
                page,
                stored_at: Instant::now(),
                stored,
                used,
            },
        );
    }

    /// How many pages it holds now (none older than `ttl`).
    pub fn len(&self) -> usize {
        let mut pages = self.pages();
        pages.drop_expired(self.ttl);
        pages.by_url.len()
    }

    /// Whether it holds no page now.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}
