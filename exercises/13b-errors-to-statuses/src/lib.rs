//! # Exercise 13b: an error enum answered with the right status codes
//!
//! Follows lesson 13, Part 3 (`src/errors.rs`).
//!
//! The Python it mirrors (exception classes, and a middleware that answers them):
//!
//! ```python
//! class PaymentError(Exception): status = 500
//! class UnknownAccount(PaymentError): status = 404
//! class SameAccount(PaymentError): status = 400
//! class NotEnough(PaymentError): status = 409
//! class LedgerDown(PaymentError): status = 503   # raised `from` the ledger's error
//!
//! @web.middleware
//! async def errors_as_json(request, handler):
//!     try:
//!         return await handler(request)
//!     except PaymentError as error:
//!         return web.json_response({"error": with_causes(error)}, status=error.status)
//! ```
//!
//! **What to do:** every `PaymentError` is answered 500 in plain text. Write
//! `impl IntoResponse for PaymentError` so that each variant gets its status code:
//! - `UnknownAccount` → 404 Not Found, `SameAccount` → 400 Bad Request,
//!   `NotEnough` → 409 Conflict, `LedgerDown` → 503 Service Unavailable;
//!
//! and a JSON body `{"error": "..."}` whose text is the error's message followed by each
//! cause below it (`source()`, then its `source()`, and so on), joined by `": "`, e.g.
//! `"the ledger is unavailable: its connection failed: reset by peer"`. Keep the enums
//! and their messages as they are.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

/// Why a payment failed.
#[derive(Debug, thiserror::Error)]
pub enum PaymentError {
    /// No account has this name.
    #[error("no account {0:?}")]
    UnknownAccount(String),
    /// Paying yourself.
    #[error("an account cannot pay itself")]
    SameAccount,
    /// The payer has less than the amount.
    #[error("{account:?} has {available} cents, {needed} needed")]
    NotEnough {
        /// Who pays.
        account: String,
        /// What they have.
        available: u64,
        /// What the payment needs.
        needed: u64,
    },
    /// The ledger did not answer; its error is the cause.
    #[error("the ledger is unavailable")]
    LedgerDown(#[from] LedgerError),
}

/// What the ledger itself reports.
#[derive(Debug, thiserror::Error)]
pub enum LedgerError {
    /// No answer in time.
    #[error("it timed out after {0} ms")]
    TimedOut(u64),
    /// Closed for maintenance.
    #[error("it is closed for maintenance")]
    Closed,
    /// Its connection failed; the I/O error is the cause.
    #[error("its connection failed")]
    Connection(#[source] std::io::Error),
}

impl IntoResponse for PaymentError {
    fn into_response(self) -> Response {
        (StatusCode::INTERNAL_SERVER_ERROR, self.to_string()).into_response()
    }
}
