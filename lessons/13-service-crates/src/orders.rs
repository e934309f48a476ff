//! The JSON the app reads and writes, as serde types (Part 2).

use serde::{Deserialize, Serialize};

// ANCHOR: types
/// What a client sends to place an order: `{"item": "tea", "quantity": 2}`, and
/// optionally `"giftWrap": true` and a `"note"`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NewOrder {
    /// What is ordered.
    pub item: String,
    /// How many.
    pub quantity: u32,
    /// Absent means `false`: `#[serde(default)]` is a dataclass field's default.
    #[serde(default)]
    pub gift_wrap: bool,
    /// Absent (or `null`) means `None`; left out of the JSON when `None`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Where an order is: one JSON field, `"status"`, names the variant
/// (`#[serde(tag = "status")]`), and the variant's own fields sit beside it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum Progress {
    /// Placed, not yet sent.
    Placed,
    /// Sent, with its parcel's tracking code.
    Shipped {
        /// The carrier's code.
        tracking: String,
    },
}

/// An order as the app returns it: its id, then the fields of the [`NewOrder`] and of
/// its [`Progress`] in the same JSON object (`#[serde(flatten)]`), not nested.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Order {
    /// Its number in the store, from 1.
    pub id: u64,
    /// What was ordered.
    #[serde(flatten)]
    pub details: NewOrder,
    /// Where it is.
    #[serde(flatten)]
    pub progress: Progress,
}
// ANCHOR_END: types

/// The body of every error response: `{"error": "..."}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorBody {
    /// The error and its causes, in one line.
    pub error: String,
}
