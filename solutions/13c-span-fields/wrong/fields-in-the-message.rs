//! Wrong: the sku and cents written into the message text, not as fields.
//! Expect: with the fields sku and cents

use exercise_kit::prices::price_of;
use tracing::field::Empty;

/// The total price of `skus`, in cents, each asked of the price list.
#[tracing::instrument(name = "price_order", skip(skus), fields(items = skus.len(), total = Empty))]
pub async fn price_order(order: u64, skus: &[String]) -> u64 {
    let mut total = 0;
    for sku in skus {
        let cents = price_of(sku).await;
        tracing::info!("priced sku={sku} cents={cents}");
        total += cents;
    }
    tracing::Span::current().record("total", total);
    total
}
