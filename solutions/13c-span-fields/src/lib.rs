//! # Exercise 13c: a span with fields, around every `.await` (a solution)
//!
//! `#[tracing::instrument]` opens the span for each call and enters it whenever the
//! future is polled, so every event inside belongs to it, across every `.await`.
//! `total` is declared `Empty` and recorded at the end.

use exercise_kit::prices::price_of;
use tracing::field::Empty;

/// The total price of `skus`, in cents, each asked of the price list.
#[tracing::instrument(name = "price_order", skip(skus), fields(items = skus.len(), total = Empty))]
pub async fn price_order(order: u64, skus: &[String]) -> u64 {
    let mut total = 0;
    for sku in skus {
        // Waits for the price list: another order may run meanwhile.
        let cents = price_of(sku).await;
        tracing::info!(sku = %sku, cents, "priced");
        total += cents;
    }
    tracing::Span::current().record("total", total);
    total
}
