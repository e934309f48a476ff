//! Wrong: items written out as 3, whatever the order holds.
//! Expect: not a number written out

use exercise_kit::prices::price_of;
use tracing::field::Empty;

/// The total price of `skus`, in cents, each asked of the price list.
#[tracing::instrument(name = "price_order", skip(skus), fields(items = 3, total = Empty))]
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
