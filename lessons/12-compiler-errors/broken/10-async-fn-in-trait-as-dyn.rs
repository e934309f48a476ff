//! Error: the trait `Source` is not dyn compatible
//! Code: E0038
//! Python: duck typing: any object with an `async def fetch(self)`, in a list
//! Why: an `async fn` in a trait returns a different future type for each
//!   implementation, and a `dyn Source` cannot name one type for all of them.
//! Fix: generics (`fn run(source: &impl Source)`) when the type is known, which gives
//!   up the mixed list; an enum over the implementations, which keeps it; or, to keep
//!   a list of `dyn Source`, a method that returns one type for every implementation,
//!   `fn fetch(&self) -> Pin<Box<dyn Future<Output = String> + Send + '_>>`, each
//!   body `Box::pin(async move { ... })` (one allocation per call). The
//!   `async-trait` crate writes that for you from an `async fn` (`Send` by default).
//!   (Writing `-> impl Future<Output = String> + Send` in the trait makes generic
//!   callers' futures `Send`, for spawning; it is not dyn compatible either.)

trait Source {
    async fn fetch(&self) -> String;
}

struct Disk;

impl Source for Disk {
    async fn fetch(&self) -> String {
        "from disk".to_owned()
    }
}

#[tokio::main]
async fn main() {
    let sources: Vec<Box<dyn Source>> = vec![Box::new(Disk)];
    for source in &sources {
        println!("{}", source.fetch().await);
    }
}
