//! What every handler shares, and the router: aiohttp.web's `app` and `app.router`.

use std::sync::Arc;

use axum::extract::State;
use axum::http::{StatusCode, Uri};
use axum::routing::get;
use axum::{Json, Router};

use crate::config::Config;

/// The service's state, one for all requests (the router hands each handler an `Arc`
/// of it, as aiohttp hands each handler `request.app`).
#[derive(Debug)]
pub struct AppState {
    /// The settings it was started with.
    pub config: Config,
}

impl AppState {
    /// The state for `config`.
    pub fn new(config: Config) -> Self {
        Self { config }
    }
}

/// The routes: `/health`; anything else is a 404 with a JSON error.
pub fn router(state: Arc<AppState>) -> Router {
    Router::new()
        .route("/health", get(health))
        .fallback(not_found)
        .with_state(state)
}

/// `GET /health`: the state is not needed yet, but every later route reads it the same way.
async fn health(State(_state): State<Arc<AppState>>) -> &'static str {
    "ok"
}

async fn not_found(uri: Uri) -> (StatusCode, Json<serde_json::Value>) {
    let error = format!("no such route: {}; try /health", uri.path());
    (
        StatusCode::NOT_FOUND,
        Json(serde_json::json!({ "error": error })),
    )
}
