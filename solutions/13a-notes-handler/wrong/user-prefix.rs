//! Wrong: lists the notes of every user whose name starts with the path's.
//! Expect: even one whose name starts the same

use std::sync::{Arc, Mutex, PoisonError};

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
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

/// The body of `POST /notes/{user}`: `"pinned"` may be left out.
#[derive(Debug, Deserialize)]
struct NewNote {
    text: String,
    #[serde(default)]
    pinned: bool,
}

/// `?pinned=true` or `?pinned=false`, or nothing.
#[derive(Debug, Deserialize)]
struct Filter {
    pinned: Option<bool>,
}

/// The app, with an empty store.
pub fn router() -> Router {
    Router::new()
        .route("/notes/{user}", get(list_notes).post(add_note))
        .with_state(Notes::default())
}

async fn add_note(
    State(notes): State<Notes>,
    Path(user): Path<String>,
    Json(new): Json<NewNote>,
) -> (StatusCode, Json<Note>) {
    // Locked for these lines only: nothing is awaited while it is held.
    let mut notes = notes.lock().unwrap_or_else(PoisonError::into_inner);
    let note = Note {
        id: notes.len() as u64 + 1,
        user,
        text: new.text,
        pinned: new.pinned,
    };
    notes.push(note.clone());
    (StatusCode::CREATED, Json(note))
}

async fn list_notes(
    State(notes): State<Notes>,
    Path(user): Path<String>,
    Query(filter): Query<Filter>,
) -> Json<Vec<Note>> {
    let notes = notes.lock().unwrap_or_else(PoisonError::into_inner);
    let mine = notes
        .iter()
        .filter(|note| note.user.starts_with(&user))
        .filter(|note| filter.pinned.is_none_or(|pinned| note.pinned == pinned))
        .cloned()
        .collect();
    Json(mine)
}
