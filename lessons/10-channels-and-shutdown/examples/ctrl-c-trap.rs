//! Lesson 10, a trap of its own: `tokio::signal::ctrl_c()` listens only from the moment
//! its future is first *polled*, not from the moment it is made.
//!
//! Run it: `cargo run -p lesson-10-channels-and-shutdown --example ctrl-c-trap`, and
//! press Ctrl-C while it says "setting up". The future was made before the setup, but
//! nothing polled it yet, so nobody is listening: the Ctrl-C kills the program on the
//! spot, and "stopped cleanly" never prints. With `--fixed`, the listener is made with
//! `tokio::signal::unix::signal`, which listens from the moment it is made (Unix; on
//! Windows, `tokio::signal::windows::ctrl_c()` does the same): the Ctrl-C during the
//! setup is kept, and the program stops cleanly once the setup is done.
//!
//! Python's `loop.add_signal_handler` installs the handler when it is called; the Rust
//! trap is that a future does nothing until polled (lesson 1), and `ctrl_c()` is one.

#![allow(clippy::print_stdout, reason = "a plain program prints with println!")]

use std::time::Duration;

#[tokio::main(flavor = "current_thread")]
async fn main() -> std::io::Result<()> {
    let fixed = std::env::args().any(|arg| arg == "--fixed");
    if fixed {
        with_a_listener_made_first().await
    } else {
        with_ctrl_c_made_first().await
    }
}

/// The trap: the future is made first, but listens only from its first poll.
async fn with_ctrl_c_made_first() -> std::io::Result<()> {
    let stop = tokio::signal::ctrl_c(); // made here, listening from its first poll
    println!("setting up (1 s); press Ctrl-C now");
    tokio::time::sleep(Duration::from_secs(1)).await;
    println!("set up; waiting for Ctrl-C");
    stop.await?; // the first poll: only now is anyone listening
    println!("stopped cleanly");
    Ok(())
}

/// The fix: a listener that listens from the moment it is made.
#[cfg(unix)]
async fn with_a_listener_made_first() -> std::io::Result<()> {
    use tokio::signal::unix::{SignalKind, signal};
    let mut interrupt = signal(SignalKind::interrupt())?; // listening from here on
    println!("setting up (1 s); press Ctrl-C now");
    tokio::time::sleep(Duration::from_secs(1)).await;
    println!("set up; waiting for Ctrl-C");
    // A Ctrl-C during the setup was kept: this returns at once.
    interrupt.recv().await;
    println!("stopped cleanly");
    Ok(())
}

/// The fix, off Unix: Windows' Ctrl-C listener also listens from the moment it is made.
#[cfg(windows)]
async fn with_a_listener_made_first() -> std::io::Result<()> {
    let mut interrupt = tokio::signal::windows::ctrl_c()?; // listening from here on
    println!("setting up (1 s); press Ctrl-C now");
    tokio::time::sleep(Duration::from_secs(1)).await;
    println!("set up; waiting for Ctrl-C");
    interrupt.recv().await;
    println!("stopped cleanly");
    Ok(())
}
