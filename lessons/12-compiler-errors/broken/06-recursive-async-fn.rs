//! Error: recursion in an async fn requires boxing
//! Code: E0733
//! Python: a coroutine that awaits itself (walking a tree, following pages)
//! Why: an `async fn` compiles to a state machine that holds its own awaited futures;
//!   one that holds itself would be infinitely large.
//! Fix: box the recursive call: `Box::pin(count_down(n - 1)).await` puts that future on
//!   the heap, so the state machine holds only a pointer.

async fn count_down(n: u32) -> u32 {
    if n == 0 {
        return 0;
    }
    1 + count_down(n - 1).await
}

#[tokio::main]
async fn main() {
    println!("{}", count_down(3).await);
}
