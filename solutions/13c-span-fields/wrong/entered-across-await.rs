//! Wrong: a span entered with span.enter(), its guard alive across the .await.
//! Expect: span.enter() stays entered

use exercise_kit::prices::price_of;
use tracing::field::Empty;

/// The total price of `skus`, in cents, each asked of the price list.
pub async fn price_order(order: u64, skus: &[String]) -> u64 {
    let span = tracing::info_span!("price_order", order, items = skus.len(), total = Empty);
    let _entered = span.enter();
    let mut total = 0;
    for sku in skus {
        let cents = price_of(sku).await;
        tracing::info!(sku = %sku, cents, "priced");
        total += cents;
    }
    span.record("total", total);
    total
}
