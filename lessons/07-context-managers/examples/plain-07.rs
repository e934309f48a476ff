//! Lesson 7, the plain version: `with` is a scope and `Drop`; `async with` needs an
//! explicit `close().await`, because `drop` cannot await.
//!
//! Run it: `just plain-7` (or `cargo run -p lesson-07-context-managers --example plain-07`).
//! The same ideas, measured (errors, panics, cancellation, the HTTP client's pool):
//! `just lesson-7`. The Python it mirrors: `python/lesson_07.py` (`just compare 7`).
//!
//! Beside Python: `with` and `Drop` both close on every way out of the block. `async
//! with` awaits `__aexit__` for you; Rust has no async `Drop`, so the Rust side calls
//! `close().await` itself, and a future dropped before that line never says goodbye.

#![allow(clippy::print_stdout, reason = "a plain program prints with println!")]

use std::time::{Duration, Instant};

/// A resource released by `Drop`, like a file closed by `with open(...)`.
struct File {
    name: &'static str,
}

impl File {
    fn open(name: &'static str) -> Self {
        println!("open {name}");
        Self { name }
    }
}

impl Drop for File {
    // `__exit__`: runs at the end of the scope, on `return`, on `?` and on a panic.
    fn drop(&mut self) {
        println!("close {} (by Drop)", self.name);
    }
}

/// A connection whose goodbye takes a round trip: it needs an async close.
struct Connection;

impl Connection {
    async fn open() -> Self {
        tokio::time::sleep(Duration::from_millis(100)).await;
        println!("connected");
        Self
    }

    // `__aexit__`: takes `self`, so the connection cannot be used after it.
    async fn close(self) {
        tokio::time::sleep(Duration::from_millis(100)).await;
        println!("closed politely");
    }
}

#[tokio::main]
async fn main() {
    let start = Instant::now();
    {
        // Keep the guard in a named variable: `let _ = File::open(..)` would drop it at once.
        let _file = File::open("notes.txt");
        println!("reading notes.txt");
    } // <- dropped here

    let connection = Connection::open().await;
    println!("talking");
    connection.close().await; // explicit: there is no async Drop
    println!("Total time: {:.2} seconds", start.elapsed().as_secs_f64());
}
