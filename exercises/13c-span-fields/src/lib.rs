//! # Exercise 13c: a span with fields, around every `.await`
//!
//! Follows lesson 13, Part 4 (`src/app.rs`'s `#[tracing::instrument]`, and the chapter's
//! "tracing ↔ logging").
//!
//! The Python it mirrors (a `LoggerAdapter` that puts the order in front of each line):
//!
//! ```python
//! async def price_order(order, skus):
//!     log = OrderLog(logger, {"order": order, "items": len(skus)})
//!     total = 0
//!     for sku in skus:
//!         cents = await price_of(sku)
//!         log.info("priced", extra={"sku": sku, "cents": cents})
//!         total += cents
//!     log.info("done", extra={"total": total})
//!     return total
//! ```
//!
//! **What to do:** `price_order` logs nothing. Make it run inside a span named
//! `price_order` with the fields `order` (the order's number) and `items` (how many
//! skus), and record a third field, `total` (the sum in cents), on the span once it is
//! known. For each sku priced, log an info event with the fields `sku` and `cents`.
//!
//! The span must hold across every `.await`: when two orders are priced at once (the
//! check runs two with `tokio::join!`), each event belongs to its own order's span.
//! Leave `price_of` and the return value as they are.

use exercise_kit::prices::price_of;

/// The total price of `skus`, in cents, each asked of the price list.
pub async fn price_order(order: u64, skus: &[String]) -> u64 {
    let _ = order;
    let mut total = 0;
    for sku in skus {
        // Waits for the price list: another order may run meanwhile.
        let cents = price_of(sku).await;
        total += cents;
    }
    total
}
