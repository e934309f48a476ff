//! Pages that were fetched, answered again for a while without an upstream request.
//!
//! A `std::sync::Mutex` around a `HashMap`: every use is a quick look-up or insert, and
//! the guard never lives across an `.await` (lesson 10, "Which mutex?").

use std::collections::HashMap;
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

/// A page cache keyed by URL, each entry fresh for `ttl`.
#[derive(Debug)]
pub struct Cache {
    ttl: Duration,
    pages: Mutex<HashMap<String, (Instant, CachedPage)>>,
}

impl Cache {
    /// An empty cache whose entries stay fresh for `ttl`.
    pub fn new(ttl: Duration) -> Self {
        Self {
            ttl,
            pages: Mutex::default(),
        }
    }

    /// The page for `url` if it was stored less than `ttl` ago.
    pub fn get(&self, url: &str) -> Option<CachedPage> {
        let mut pages = self.pages.lock().unwrap_or_else(PoisonError::into_inner);
        match pages.get(url) {
            Some((stored, page)) if stored.elapsed() < self.ttl => Some(*page),
            Some(_) => {
                // Stale: forget it, so the map does not keep every URL ever asked for.
                pages.remove(url);
                None
            }
            None => None,
        }
    }

    /// Keeps `page` for `url`, fresh from now.
    pub fn put(&self, url: &str, page: CachedPage) {
        if self.ttl.is_zero() {
            return;
        }
        self.pages
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(url.to_owned(), (Instant::now(), page));
    }
}
