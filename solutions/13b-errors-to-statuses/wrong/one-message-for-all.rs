//! Wrong: one text written out for every error: "payment failed".
//! Expect: the error's own message

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Serialize;

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

/// The JSON body of every error answer.
#[derive(Serialize)]
struct ErrorBody {
    error: String,
}

impl PaymentError {
    fn status(&self) -> StatusCode {
        match self {
            Self::UnknownAccount(_) => StatusCode::NOT_FOUND,
            Self::SameAccount => StatusCode::BAD_REQUEST,
            Self::NotEnough { .. } => StatusCode::CONFLICT,
            Self::LedgerDown(_) => StatusCode::SERVICE_UNAVAILABLE,
        }
    }
}

impl IntoResponse for PaymentError {
    fn into_response(self) -> Response {
        let error = "payment failed".to_owned();
        (self.status(), Json(ErrorBody { error })).into_response()
    }
}
