//! What every handler shares, and the router: aiohttp.web's `app` and `app.router`.

use std::sync::Arc;

use axum::http::{StatusCode, Uri};
use axum::routing::get;
use axum::{Json, Router};
use tokio::sync::Semaphore;

use crate::config::Config;
use crate::pages;

/// The service's state, one for all requests (`Arc`ed by the router).
#[derive(Debug)]
pub struct AppState {
    /// The settings it was started with.
    pub config: Config,
    /// One client for every upstream request: one connection pool (aiohttp's session).
    pub client: reqwest::Client,
    /// The shared limit: `config.limit` places for upstream requests, across all clients.
    pub limit: Semaphore,
}

impl AppState {
    /// The state for `config`, with a new client.
    pub fn new(config: Config) -> Result<Self, reqwest::Error> {
        let client = reqwest::Client::builder().build()?;
        Ok(Self {
            limit: Semaphore::new(config.limit as usize),
            client,
            config,
        })
    }
}

/// The routes: `/health`, `/pages`; anything else is a 404 with a JSON error.
pub fn router(state: Arc<AppState>) -> Router {
    Router::new()
        .route("/health", get(|| async { "ok" }))
        .route("/pages", get(pages::pages))
        .fallback(not_found)
        .with_state(state)
}

async fn not_found(uri: Uri) -> (StatusCode, Json<serde_json::Value>) {
    let error = format!(
        "no such route: {}; try /health or /pages?url=...",
        uri.path()
    );
    (
        StatusCode::NOT_FOUND,
        Json(serde_json::json!({ "error": error })),
    )
}
