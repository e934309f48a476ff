//! What every handler shares, and the router: aiohttp.web's `app` and `app.router`.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use axum::extract::State;
use axum::http::{StatusCode, Uri};
use axum::routing::get;
use axum::{Json, Router};
use serde::Serialize;
use tokio::sync::Semaphore;
use tokio::time::Instant;

use crate::cache::Cache;
use crate::config::Config;
use crate::pages;

/// The service's state, one for all requests (`Arc`ed by the router).
///
/// What changes is either an atomic counter (a number bumped from many tasks; no lock
/// to hold) or behind the cache's `std::sync::Mutex` (a map, updated quickly and never
/// across an `.await`).
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
    /// What `/status` reports.
    pub counters: Counters,
    started: Instant,
}

/// Numbers bumped from any task.
#[derive(Debug, Default)]
pub struct Counters {
    /// `/pages` requests answered (400s included).
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
    /// `/pages` requests answered.
    pub requests_served: u64,
    /// Upstream requests started.
    pub upstream_requests: u64,
    /// Upstream requests in flight now.
    pub upstream_in_flight: u64,
    /// Pages answered from the cache.
    pub cache_hits: u64,
    /// Seconds since the service started.
    pub uptime_seconds: u64,
}

impl AppState {
    /// The state for `config`, with a new client.
    pub fn new(config: Config) -> Result<Self, reqwest::Error> {
        let client = reqwest::Client::builder().build()?;
        Ok(Self {
            limit: Semaphore::new(config.limit as usize),
            cache: Cache::new(config.cache_ttl()),
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
            uptime_seconds: self.started.elapsed().as_secs(),
        }
    }
}

/// The routes: `/health`, `/pages`, `/status`; anything else is a 404 with a JSON error.
pub fn router(state: Arc<AppState>) -> Router {
    Router::new()
        .route("/health", get(|| async { "ok" }))
        .route("/pages", get(pages::pages))
        .route("/status", get(status))
        .fallback(not_found)
        .with_state(state)
}

async fn status(State(state): State<Arc<AppState>>) -> Json<StatusAnswer> {
    Json(state.status())
}

async fn not_found(uri: Uri) -> (StatusCode, Json<serde_json::Value>) {
    let error = format!(
        "no such route: {}; try /health, /pages?url=... or /status",
        uri.path()
    );
    (
        StatusCode::NOT_FOUND,
        Json(serde_json::json!({ "error": error })),
    )
}
