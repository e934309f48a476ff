//! The routes: aiohttp.web's `app.router`. `/health`, `/pages`, `/status`; anything else
//! is a 404 with a JSON error.

use std::sync::Arc;

use axum::extract::State;
use axum::http::{StatusCode, Uri};
use axum::routing::get;
use axum::{Json, Router};

use crate::app::{AppState, StatusAnswer};
use crate::pages;

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
