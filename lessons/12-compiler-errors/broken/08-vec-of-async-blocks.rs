//! Error: mismatched types
//! Code: E0308
//! Python: a list of different coroutines: `[fetch_a(), fetch_b()]`
//! Why: every `async` block is a type of its own, even two that look alike, and a `Vec`
//!   holds one type.
//! Fix: `join!` for a fixed set; one `async fn` called with different arguments; or box
//!   them into one type: `Box::pin(async { .. }) as Pin<Box<dyn Future<Output =
//!   i32>>>`, or `FutureExt::boxed`.

#[tokio::main]
async fn main() {
    let jobs = vec![async { 1 }, async { 2 }];
    let results = futures::future::join_all(jobs).await;
    println!("{results:?}");
}
