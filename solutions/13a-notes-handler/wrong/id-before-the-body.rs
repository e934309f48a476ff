//! Wrong: takes the next id before reading the body, so a refused body uses one up.
//! Expect: use up no id

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde::{Deserialize, Serialize};

/// A note as the app returns it.
#[derive(Clone, Debug, Serialize)]
pub struct Note {
    /// From 1, in the order notes were added.
    pub id: u64,
    /// Whose note it is (the `{user}` of the path).
    pub user: String,
    /// What it says.
    pub text: String,
    /// Pinned notes can be listed on their own.
    pub pinned: bool,
}

/// Every note, shared by the handlers.
pub type Notes = Arc<Mutex<Vec<Note>>>;

/// The notes and the next id.
#[derive(Clone, Default)]
struct App {
    notes: Notes,
    last_id: Arc<AtomicU64>,
}

#[derive(Debug, Deserialize)]
struct NewNote {
    text: String,
    #[serde(default)]
    pinned: bool,
}

#[derive(Debug, Deserialize)]
struct Filter {
    pinned: Option<bool>,
}

/// The app, with an empty store.
pub fn router() -> Router {
    Router::new()
        .route("/notes/{user}", get(list_notes).post(add_note))
        .with_state(App::default())
}

async fn add_note(
    State(app): State<App>,
    Path(user): Path<String>,
    body: Result<Json<NewNote>, JsonRejection>,
) -> Response {
    let id = app.last_id.fetch_add(1, Ordering::SeqCst) + 1;
    let Json(new) = match body {
        Ok(body) => body,
        Err(rejection) => return rejection.into_response(),
    };
    let note = Note {
        id,
        user,
        text: new.text,
        pinned: new.pinned,
    };
    app.notes
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .push(note.clone());
    (StatusCode::CREATED, Json(note)).into_response()
}

async fn list_notes(
    State(app): State<App>,
    Path(user): Path<String>,
    Query(filter): Query<Filter>,
) -> Json<Vec<Note>> {
    let notes = app.notes.lock().unwrap_or_else(PoisonError::into_inner);
    let mine = notes
        .iter()
        .filter(|note| note.user == user)
        .filter(|note| filter.pinned.is_none_or(|pinned| note.pinned == pinned))
        .cloned()
        .collect();
    Json(mine)
}
