//! Error: `PhantomPinned` cannot be unpinned
//! Code: E0277
//! Python: `await asyncio.wait([deadline, tick], return_when=FIRST_COMPLETED)` in a
//!   loop, with the same deadline task each time
//! Why: `select!` polls `&mut deadline` each turn, and polling through a `&mut` needs
//!   `Unpin`. A `Sleep` is not `Unpin`: the runtime's list of timers points into it,
//!   so it must not move once polled; it has to be *pinned*, fixed in one place,
//!   first.
//! Fix: `let mut deadline = std::pin::pin!(tokio::time::sleep(..));` (or
//!   `tokio::pin!`): pinned once, it can be polled by `&mut` for as long as it
//!   lives.

use std::time::Duration;

#[tokio::main]
async fn main() {
    let deadline = tokio::time::sleep(Duration::from_secs(1));
    let mut ticks = tokio::time::interval(Duration::from_millis(300));
    let mut seen = 0;
    loop {
        tokio::select! {
            _ = &mut deadline => break,
            _ = ticks.tick() => seen += 1,
        }
    }
    println!("{seen} ticks");
}
