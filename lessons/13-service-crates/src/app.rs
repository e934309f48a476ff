//! The axum app: its routes, its handlers and their extractors (Part 1).

use std::sync::Arc;

use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, Query, RawQuery, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Deserialize;
use tracing::field::Empty;

use crate::errors::{ApiError, with_causes};
use crate::orders::{NewOrder, Order};
use crate::store::Store;

// ANCHOR: router
/// The app: each route and the handler that answers it, sharing one [`Store`].
pub fn router(store: Arc<Store>) -> Router {
    Router::new()
        .route("/hello", get(hello))
        .route("/tags", get(tags))
        .route("/orders", post(place))
        .route("/orders/{id}", get(order))
        .with_state(store)
}
// ANCHOR_END: router

// ANCHOR: hello
/// The query string `/hello` reads: `?name=Ada`, or nothing.
#[derive(Debug, Deserialize)]
struct Greeting {
    name: Option<String>,
}

/// `GET /hello?name=Ada`: `Query` parses the query string into a struct (serde);
/// returning a `String` answers 200 with a text body.
async fn hello(Query(greeting): Query<Greeting>) -> String {
    let name = greeting.name.as_deref().unwrap_or("world");
    format!("hello, {name}")
}
// ANCHOR_END: hello

// ANCHOR: tags
/// `GET /tags?tag=a&tag=b`: a key given more than once. `RawQuery` hands over the
/// query string as sent, read pair by pair (the capstone reads its `?url=` keys so).
async fn tags(RawQuery(query): RawQuery) -> Json<Vec<String>> {
    let query = query.unwrap_or_default();
    let tags = form_urlencoded::parse(query.as_bytes())
        .filter(|(key, _)| key == "tag")
        .map(|(_, value)| value.into_owned())
        .collect();
    Json(tags)
}
// ANCHOR_END: tags

// ANCHOR: place
/// `POST /orders` with a JSON body: 201 and the order, or an [`ApiError`] answered with
/// its own status. The body comes as a `Result`, so a bad one reaches this handler (and
/// our JSON error) instead of axum's plain-text rejection.
///
/// `#[instrument]` opens a span named `order` for each call, entered whenever this
/// future is polled: every event inside carries its fields.
#[tracing::instrument(name = "order", skip_all, fields(item = Empty, id = Empty))]
async fn place(
    State(store): State<Arc<Store>>,
    body: Result<Json<NewOrder>, JsonRejection>,
) -> Result<(StatusCode, Json<Order>), ApiError> {
    let answer = place_in(&store, body);
    match &answer {
        Ok((_, Json(order))) => {
            tracing::info!(quantity = order.details.quantity, "placed");
        }
        Err(error) => {
            tracing::warn!(
                status = error.status().as_u16(),
                "refused: {}",
                with_causes(error)
            );
        }
    }
    answer
}

fn place_in(
    store: &Store,
    body: Result<Json<NewOrder>, JsonRejection>,
) -> Result<(StatusCode, Json<Order>), ApiError> {
    // `?` turns axum's JsonRejection into ApiError::BadBody (its `From`).
    let Json(details) = body?;
    let span = tracing::Span::current();
    span.record("item", details.item.as_str());
    let order = store.place(details)?;
    span.record("id", order.id);
    Ok((StatusCode::CREATED, Json(order)))
}
// ANCHOR_END: place

/// `GET /orders/{id}`: `Path` parses the id from the path (a non-number is axum's 400).
async fn order(
    State(store): State<Arc<Store>>,
    Path(id): Path<u64>,
) -> Result<Json<Order>, ApiError> {
    store.order(id).map(Json)
}
