//! Wrong: prices inside an instrumented block, but logs the events after it, outside the span.
//! Expect: happened outside any price_order span

use exercise_kit::prices::price_of;
use tracing::Instrument;
use tracing::field::Empty;

/// The total price of `skus`, in cents, each asked of the price list.
pub async fn price_order(order: u64, skus: &[String]) -> u64 {
    let span = tracing::info_span!("price_order", order, items = skus.len(), total = Empty);
    let priced: Vec<(String, u64)> = async {
        let mut priced = Vec::new();
        for sku in skus {
            priced.push((sku.clone(), price_of(sku).await));
        }
        priced
    }
    .instrument(span.clone())
    .await;
    let total = priced.iter().map(|(_, cents)| cents).sum();
    span.record("total", total);
    for (sku, cents) in &priced {
        tracing::info!(sku = %sku, cents, "priced");
    }
    total
}
