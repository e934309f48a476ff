//! Error: `dyn std::error::Error` cannot be sent between threads safely
//! Code: E0277
//! Python: raise any exception from a task and catch it where it is awaited
//! Why: a spawned task's output crosses threads, so it must be `Send`; `Box<dyn Error>`
//!   promises only `Error`, not `Send`.
//! Fix: `Box<dyn Error + Send + Sync>`; `anyhow::Error`, which works much like it and
//!   also requires `Send + Sync`, for applications; or an error enum of your own,
//!   whose `Error` and `Display` `thiserror` derives, for libraries.

use std::error::Error;

async fn load(text: &str) -> Result<u16, Box<dyn Error>> {
    Ok(text.parse()?)
}

#[tokio::main]
async fn main() {
    let task = tokio::spawn(async { load("8080").await });
    println!("{:?}", task.await.unwrap().map_err(|e| e.to_string()));
}
