//! Wrong: records total on a span that never declared it (tracing drops it).
//! Expect: declare total = tracing::field::Empty

use exercise_kit::prices::price_of;

/// The total price of `skus`, in cents, each asked of the price list.
#[tracing::instrument(name = "price_order", skip(skus), fields(items = skus.len()))]
pub async fn price_order(order: u64, skus: &[String]) -> u64 {
    let mut total = 0;
    for sku in skus {
        let cents = price_of(sku).await;
        tracing::info!(sku = %sku, cents, "priced");
        total += cents;
    }
    tracing::Span::current().record("total", total);
    total
}
