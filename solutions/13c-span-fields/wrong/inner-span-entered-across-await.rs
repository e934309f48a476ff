//! Wrong: #[instrument] on the function, but an inner span entered with .entered() and kept across the .await.
//! Expect: was opened inside order

use exercise_kit::prices::price_of;
use tracing::field::Empty;

/// The total price of `skus`, in cents, each asked of the price list.
#[tracing::instrument(name = "price_order", skip(skus), fields(items = skus.len(), total = Empty))]
pub async fn price_order(order: u64, skus: &[String]) -> u64 {
    let _pricing = tracing::info_span!("pricing").entered();
    let mut total = 0;
    for sku in skus {
        let cents = price_of(sku).await;
        tracing::info!(sku = %sku, cents, "priced");
        total += cents;
    }
    tracing::Span::current().record("total", total);
    total
}
