//! Error: the trait bound `fn(State<Arc<std::sync::Mutex<u64>>>) -> impl Future<Output = String> {visit}: Handler<_, _>` is not satisfied
//! Code: E0277
//! Python: an aiohttp handler that holds `with lock:` (a `threading.Lock`) while it
//!   awaits a save
//! Why: error 2 again, inside axum: a handler's future must be `Send` (the server runs
//!   it on any of its threads), and this one keeps a `std::sync::MutexGuard` across
//!   `save(..).await`. axum states the rule as one trait bound, `Handler<_, _>`, and
//!   rustc reports the bound, not the guard. Put `#[axum::debug_handler]` on the
//!   handler and the message names the guard and the `.await` (lesson 13).
//! Fix: as in error 2, end the guard in a block before the `.await`; the handler is
//!   then a `Handler` and `post(visit)` compiles.

use std::sync::{Arc, Mutex};

use axum::Router;
use axum::extract::State;
use axum::routing::post;

async fn save(count: u64) -> u64 {
    count
}

async fn visit(State(visits): State<Arc<Mutex<u64>>>) -> String {
    let mut count = visits.lock().unwrap();
    *count += 1;
    let saved = save(*count).await;
    format!("visit {saved}")
}

#[tokio::main]
async fn main() {
    let app: Router = Router::new()
        .route("/visit", post(visit))
        .with_state(Arc::new(Mutex::new(0)));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    axum::serve(listener, app).await.unwrap();
}
