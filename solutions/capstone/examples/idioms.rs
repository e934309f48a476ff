//! The idioms step 2 of the capstone meets, each on its own and on another subject than
//! the service (the chapter shows them; `cargo test` builds this example, so each
//! compiles): `cargo run --example idioms` prints what each gives.

use axum::Json;
use axum::extract::RawQuery;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use thiserror::Error;

// ANCHOR: tagged
/// How a parcel ended: one JSON object per parcel, its kind in the field `"state"`.
#[derive(Debug, Serialize)]
#[serde(tag = "state", rename_all = "lowercase")]
enum Delivery {
    /// `{"state": "delivered", "signed_by": "..."}`
    Delivered { signed_by: String },
    /// `{"state": "lost"}`
    Lost,
}

/// A parcel: its own field, then the enum's fields, flattened into the same object.
#[derive(Debug, Serialize)]
struct Parcel {
    id: u32,
    #[serde(flatten)]
    delivery: Delivery,
}
// ANCHOR_END: tagged

// ANCHOR: error_response
/// A client's mistake, as a type: its `Display` (thiserror) is the message.
#[derive(Debug, Error)]
enum BadOrder {
    #[error("no item given: ask for /order?item=...")]
    NoItem,
    #[error("{0} items asked for; at most 10")]
    TooMany(usize),
}

/// Returned from a handler, it becomes a 400 with `{"error": "..."}`: axum calls this.
impl IntoResponse for BadOrder {
    fn into_response(self) -> Response {
        let body = serde_json::json!({ "error": self.to_string() });
        (StatusCode::BAD_REQUEST, Json(body)).into_response()
    }
}

/// A handler whose error is that type: `Ok` is a 200 with JSON, `Err` a 400.
async fn order(RawQuery(query): RawQuery) -> Result<Json<Vec<String>>, BadOrder> {
    let items = items_of(query.as_deref());
    match items.len() {
        0 => Err(BadOrder::NoItem),
        n if n > 10 => Err(BadOrder::TooMany(n)),
        _ => Ok(Json(items)),
    }
}
// ANCHOR_END: error_response

// ANCHOR: raw_query
/// Every `item` of a query string (`item=a&item=b`), in order and percent-decoded:
/// aiohttp's `request.query.getall("item")`.
fn items_of(query: Option<&str>) -> Vec<String> {
    form_urlencoded::parse(query.unwrap_or_default().as_bytes())
        .filter(|(name, _)| name == "item")
        .map(|(_, value)| value.into_owned())
        .collect()
}
// ANCHOR_END: raw_query

#[tokio::main]
async fn main() {
    let parcels = [
        Parcel {
            id: 1,
            delivery: Delivery::Delivered {
                signed_by: "Ann".to_owned(),
            },
        },
        Parcel {
            id: 2,
            delivery: Delivery::Lost,
        },
    ];
    for parcel in &parcels {
        println!("{}", serde_json::to_string(parcel).unwrap_or_default());
    }
    println!("{:?}", items_of(Some("item=tea&item=milk%20jug&size=2")));
    for query in [Some("item=tea".to_owned()), None] {
        let response = order(RawQuery(query)).await.into_response();
        println!("{}", response.status());
    }
    println!("{}", BadOrder::TooMany(12));
}
