//! # Exercise 13a: a handler with extractors and JSON
//!
//! Follows lesson 13, Parts 1 and 2 (`src/app.rs` and `src/orders.rs`).
//!
//! The Python it mirrors (aiohttp.web):
//!
//! ```python
//! async def add_note(request):
//!     body = await request.json()
//!     note = {"id": len(notes) + 1, "user": request.match_info["user"],
//!             "text": body["text"], "pinned": body.get("pinned", False)}
//!     notes.append(note)
//!     return web.json_response(note, status=201)
//!
//! async def list_notes(request):
//!     mine = [n for n in notes if n["user"] == request.match_info["user"]]
//!     if "pinned" in request.query:
//!         mine = [n for n in mine if n["pinned"] == (request.query["pinned"] == "true")]
//!     return web.json_response(mine)
//! ```
//!
//! **What to do:** the app answers `GET /notes/{user}` with an empty list and has no
//! way to add a note. Make `router` serve:
//! - `POST /notes/{user}` with a JSON body `{"text": "...", "pinned": true}` (`"pinned"`
//!   may be left out, meaning `false`): store the note and answer **201 Created** with
//!   it as JSON, `{"id": 1, "user": "...", "text": "...", "pinned": false}`. Ids count
//!   from 1, across all users, in the order notes are added. A body without `"text"` is
//!   refused (axum's own rejection will do) and stores nothing.
//! - `GET /notes/{user}`: **200** and that user's notes, oldest first;
//!   `?pinned=true` keeps only the pinned ones, `?pinned=false` only the others.
//!
//! Keep `router`'s signature: the check serves what it returns. Design the rest as you
//! like (your own body type, any extractors).

use std::sync::{Arc, Mutex};

use axum::extract::{Path, State};
use axum::routing::get;
use axum::{Json, Router};
use serde::Serialize;

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

/// The app, with an empty store.
pub fn router() -> Router {
    Router::new()
        .route("/notes/{user}", get(list_notes))
        .with_state(Notes::default())
}

async fn list_notes(State(_notes): State<Notes>, Path(_user): Path<String>) -> Json<Vec<Note>> {
    Json(Vec::new())
}
