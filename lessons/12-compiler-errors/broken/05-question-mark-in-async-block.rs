//! Error: type annotations needed for `tokio::task::JoinHandle<Result<u16, _>>`
//! Code: E0282
//! Python: `raise` out of a coroutine, and read the exception where the task is awaited
//! Why: `?` returns early with `Err(e.into())`: the block's error type could be any
//!   type that `ParseIntError` converts into, and an `async` block has no signature
//!   to say which.
//! Fix: name it on the block's last value, `Ok::<_, std::num::ParseIntError>(port)`; or
//!   move the body into an `async fn` with a return type.

async fn read_port(text: &str) -> Result<u16, std::num::ParseIntError> {
    text.parse()
}

#[tokio::main]
async fn main() {
    let task = tokio::spawn(async {
        let port = read_port("8080").await?;
        Ok(port)
    });
    println!("{:?}", task.await);
}
