//! Error: `urls` does not live long enough
//! Code: E0597
//! Python: `asyncio.create_task(fetch(url))` for each url of a local list
//! Why: a spawned task may outlive the function that spawned it, so `tokio::spawn`
//!   needs a future that owns everything (`'static`); `fetch(url)` borrows from
//!   `urls`. tokio has no scoped spawn: the caller's own future could be dropped
//!   (cancelled) or forgotten half-way, and dropping it cannot wait for tasks that
//!   borrow its data. (When what it borrows is a parameter, rustc says E0521,
//!   "borrowed data escapes outside of function": the same cause.)
//! Fix: give the task owned data (`url.clone()`, or an `Arc`) with `async move`; or do
//!   not spawn: `join_all` over the borrowing futures runs them concurrently on this
//!   task.

async fn fetch(url: &str) -> usize {
    url.len()
}

#[tokio::main]
async fn main() {
    let urls = vec![String::from("https://a.example"), String::from("https://b.example")];
    let mut tasks = Vec::new();
    for url in &urls {
        tasks.push(tokio::spawn(fetch(url)));
    }
    for task in tasks {
        println!("{}", task.await.unwrap());
    }
}
