//! The app's errors as one thiserror enum, each variant answered with its own status
//! code and a JSON body (Part 3).

use std::error::Error;

use axum::Json;
use axum::extract::rejection::JsonRejection;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

use crate::orders::ErrorBody;

// ANCHOR: api_error
/// Every way a request to the app can fail: one enum, one variant per cause, like a
/// family of exception classes under one base class.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// No order has this id: 404.
    #[error("no order {0}")]
    NotFound(u64),
    /// The body is not the JSON the route takes: 400.
    #[error("bad body: {0}")]
    BadBody(String),
    /// Fewer left than asked for: 409.
    #[error("only {left} of {item:?} left, {wanted} wanted")]
    OutOfStock {
        /// What was asked for.
        item: String,
        /// How many were asked for.
        wanted: u32,
        /// How many are left.
        left: u32,
    },
    /// The store cannot take orders: 503. `#[from]` lets `?` turn a [`StoreError`] into
    /// this variant, keeping it as the cause (`raise ApiError(...) from error`).
    #[error("the store is unavailable")]
    Unavailable(#[from] StoreError),
}

/// Why the store itself refused, below the web layer.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// Closed until it is opened again.
    #[error("it is closed for the night")]
    Closed,
}
// ANCHOR_END: api_error

// ANCHOR: responses
impl ApiError {
    /// The status code each variant is answered with.
    pub fn status(&self) -> StatusCode {
        match self {
            Self::NotFound(_) => StatusCode::NOT_FOUND,
            Self::BadBody(_) => StatusCode::BAD_REQUEST,
            Self::OutOfStock { .. } => StatusCode::CONFLICT,
            Self::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
        }
    }
}

/// axum's own answer to a bad JSON body (a 400, 415 or 422 in plain text) replaced by
/// ours: a 400 with a JSON body, whatever was wrong with it.
impl From<JsonRejection> for ApiError {
    fn from(rejection: JsonRejection) -> Self {
        Self::BadBody(rejection.body_text())
    }
}

/// How a handler's `Err(ApiError)` becomes a response: its status and
/// `{"error": "<the error and its causes>"}`.
impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = ErrorBody {
            error: with_causes(&self),
        };
        (self.status(), Json(body)).into_response()
    }
}
// ANCHOR_END: responses

/// An error and every cause below it, joined by ": " (Python prints the chain of
/// `raise ... from` as separate tracebacks; one line suits a JSON body and a log).
pub fn with_causes(error: &(dyn Error + 'static)) -> String {
    let mut line = error.to_string();
    let mut cause = error.source();
    while let Some(next) = cause {
        line.push_str(": ");
        line.push_str(&next.to_string());
        cause = next.source();
    }
    line
}
