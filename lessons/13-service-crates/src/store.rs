//! The app's shared state: the orders and what is left in stock.

use std::collections::BTreeMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

use crate::errors::{ApiError, StoreError};
use crate::orders::{NewOrder, Order, Progress};

/// The one store every request shares (through an `Arc`, axum's `State`): what
/// aiohttp keeps in `app["store"]`.
///
/// A std `Mutex`, locked briefly and never across an `.await` (lesson 12, error 2).
#[derive(Debug)]
pub struct Store {
    open: AtomicBool,
    inside: Mutex<Inside>,
}

#[derive(Debug)]
struct Inside {
    stock: BTreeMap<String, u32>,
    orders: Vec<Order>,
}

impl Store {
    /// An open store with this stock (item, how many).
    pub fn with_stock(stock: &[(&str, u32)]) -> Self {
        Self {
            open: AtomicBool::new(true),
            inside: Mutex::new(Inside {
                stock: stock
                    .iter()
                    .map(|(item, count)| ((*item).to_owned(), *count))
                    .collect(),
                orders: Vec::new(),
            }),
        }
    }

    /// Takes no more orders (what a handler sees as [`StoreError::Closed`]).
    pub fn close(&self) {
        self.open.store(false, Ordering::Relaxed);
    }

    /// Places an order if the store is open and has enough left.
    pub fn place(&self, details: NewOrder) -> Result<Order, ApiError> {
        // `?` turns the StoreError into ApiError::Unavailable (its `#[from]`).
        self.check_open()?;
        let mut inside = self
            .inside
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let left = inside.stock.get(&details.item).copied().unwrap_or(0);
        if left < details.quantity {
            return Err(ApiError::OutOfStock {
                item: details.item,
                wanted: details.quantity,
                left,
            });
        }
        inside
            .stock
            .insert(details.item.clone(), left - details.quantity);
        let order = Order {
            id: inside.orders.len() as u64 + 1,
            details,
            progress: Progress::Placed,
        };
        inside.orders.push(order.clone());
        Ok(order)
    }

    /// Marks an order shipped, with its tracking code.
    pub fn ship(&self, id: u64, tracking: &str) -> Result<Order, ApiError> {
        let mut inside = self
            .inside
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let order = inside
            .orders
            .iter_mut()
            .find(|order| order.id == id)
            .ok_or(ApiError::NotFound(id))?;
        order.progress = Progress::Shipped {
            tracking: tracking.to_owned(),
        };
        Ok(order.clone())
    }

    /// The order with this id.
    pub fn order(&self, id: u64) -> Result<Order, ApiError> {
        let inside = self
            .inside
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        inside
            .orders
            .iter()
            .find(|order| order.id == id)
            .cloned()
            .ok_or(ApiError::NotFound(id))
    }

    fn check_open(&self) -> Result<(), StoreError> {
        if self.open.load(Ordering::Relaxed) {
            Ok(())
        } else {
            Err(StoreError::Closed)
        }
    }
}
