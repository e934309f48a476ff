//! Error: future cannot be sent between threads safely
//! Code: none
//! Python: a helper object shared by a coroutine (asyncio runs every coroutine on one
//!   thread, so nothing asks whether it may cross threads)
//! Why: `tokio::spawn` may move the task to another worker thread at any `.await`, so
//!   the future it is given must be `Send`: everything the task captures (what
//!   `async move` moves in, even with no `.await` at all) and everything alive across
//!   an `.await`. `Rc` is not `Send` (its count is not atomic).
//! Fix: use `Arc` instead of `Rc`; or end the value's scope before the `.await`; or,
//!   for `!Send` values by design, `tokio::task::spawn_local` inside a `LocalSet` (or
//!   on a `LocalRuntime`), which keeps the task on one thread.

use std::rc::Rc;

async fn save(name: &str) -> usize {
    name.len()
}

#[tokio::main]
async fn main() {
    let task = tokio::spawn(async {
        let name = Rc::new(String::from("report.txt"));
        let saved = save(&name).await;
        println!("saved {name}: {saved} bytes");
    });
    task.await.unwrap();
}
