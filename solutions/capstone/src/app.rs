//! What every handler shares: aiohttp.web's `app` (its state; the routes are in
//! [`crate::routes`]).

use std::sync::atomic::{AtomicU64, Ordering};

use serde::Serialize;
use tokio::sync::Semaphore;
use tokio::time::Instant;

use crate::cache::Cache;
use crate::config::Config;
use crate::fetches::InFlightFetches;
use crate::outcome::Outcome;

/// The service's state, one for all requests (`Arc`ed by the router).
///
/// What changes is either an atomic counter (a number bumped from many tasks; no lock
/// to hold) or behind a `std::sync::Mutex` (the cache's maps, the fetches in flight:
/// updated quickly and never across an `.await`).
#[derive(Debug)]
pub struct AppState {
    /// The settings it was started with.
    pub config: Config,
    /// One client for every upstream request: one connection pool (aiohttp's session).
    pub client: reqwest::Client,
    /// The shared limit: `config.limit` places for upstream requests, across all clients.
    pub limit: Semaphore,
    /// Pages that succeeded, answered again for `config.cache_ttl()`.
    pub cache: Cache,
    /// The upstream fetches in flight, one per URL: a second ask for a URL joins the
    /// first instead of fetching it again.
    pub fetches: InFlightFetches<Outcome>,
    /// What `/status` reports.
    pub counters: Counters,
    started: Instant,
}

/// Numbers bumped from any task.
#[derive(Debug, Default)]
pub struct Counters {
    /// `/pages` requests answered: counted when the answer is made, 400s included (a
    /// request cut by the shutdown is not counted).
    pub requests_served: AtomicU64,
    /// Upstream requests started.
    pub upstream_requests: AtomicU64,
    /// Upstream requests in flight now.
    pub upstream_in_flight: AtomicU64,
    /// Pages answered from the cache.
    pub cache_hits: AtomicU64,
}

/// `GET /status`.
#[derive(Debug, Serialize)]
pub struct StatusAnswer {
    /// `/pages` requests answered (400s included).
    pub requests_served: u64,
    /// Upstream requests started.
    pub upstream_requests: u64,
    /// Upstream requests in flight now.
    pub upstream_in_flight: u64,
    /// Pages answered from the cache.
    pub cache_hits: u64,
    /// Pages in the cache now (at most `--cache-max`).
    pub cache_entries: u64,
    /// Seconds since the service started.
    pub uptime_seconds: u64,
}

impl AppState {
    /// The state for `config`, with a new client.
    pub fn new(config: Config) -> Result<Self, reqwest::Error> {
        let client = reqwest::Client::builder().build()?;
        Ok(Self {
            limit: Semaphore::new(config.limit as usize),
            cache: Cache::new(
                config.cache_ttl(),
                usize::try_from(config.cache_max).unwrap_or(usize::MAX),
            ),
            fetches: InFlightFetches::default(),
            client,
            config,
            counters: Counters::default(),
            started: Instant::now(),
        })
    }

    /// What `/status` shows now.
    pub fn status(&self) -> StatusAnswer {
        let read = |counter: &AtomicU64| counter.load(Ordering::Relaxed);
        StatusAnswer {
            requests_served: read(&self.counters.requests_served),
            upstream_requests: read(&self.counters.upstream_requests),
            upstream_in_flight: read(&self.counters.upstream_in_flight),
            cache_hits: read(&self.counters.cache_hits),
            cache_entries: u64::try_from(self.cache.len()).unwrap_or(u64::MAX),
            uptime_seconds: self.started.elapsed().as_secs(),
        }
    }
}
