//! Given to exercise 13c: a price list that takes time to answer.
//!
//! [`price_of`] waits as long as the check says for that item (a few milliseconds of
//! the paused clock), then returns its price in cents, logging a debug event before and
//! after its wait. The check sets the prices and
//! the waits anew on every run, so no total can be written in advance, and two orders
//! priced at once take turns at every `.await`.

use std::collections::HashMap;
use std::sync::{Mutex, PoisonError};
use std::time::Duration;

#[derive(Default)]
struct PriceList {
    items: HashMap<String, (u64, Duration)>,
}

static PRICES: Mutex<Option<PriceList>> = Mutex::new(None);

fn with_prices<T>(work: impl FnOnce(&mut PriceList) -> T) -> T {
    let mut prices = PRICES.lock().unwrap_or_else(PoisonError::into_inner);
    work(prices.get_or_insert_with(PriceList::default))
}

/// Waits, then returns the price of `sku` in cents (0 for an item not on the list).
/// Logs a debug event with the field `asked_for` when asked and when it answers, inside
/// whatever span the caller is in, so the check sees which span its wait ran in.
pub async fn price_of(sku: &str) -> u64 {
    tracing::debug!(asked_for = sku, "price list asked");
    let (cents, wait) = with_prices(|prices| prices.items.get(sku).copied().unwrap_or_default());
    tokio::time::sleep(wait).await;
    tracing::debug!(asked_for = sku, "price list answered");
    cents
}

/// For the check: the price list (item, cents, how long it takes to answer).
pub fn script(items: &[(String, u64, Duration)]) {
    with_prices(|prices| {
        prices.items = items
            .iter()
            .map(|(sku, cents, wait)| (sku.clone(), (*cents, *wait)))
            .collect();
    });
}
