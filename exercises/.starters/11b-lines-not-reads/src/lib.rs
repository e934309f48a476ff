//! # Exercise 11b: lines, not reads
//!
//! Follows lesson 11, Part 4 (`just lesson-11`; the plain version: `just plain-11`).
//!
//! The Python it mirrors:
//!
//! ```python
//! async def serve(reader, writer):
//!     async for line in reader:          # StreamReader yields whole lines
//!         writer.write((answer(line.decode().strip()) + "\n").encode())
//! ```
//!
//! **What to do:** `serve` answers each *line* of its stream with [`answer`]. It works
//! when you type one command at a time, but the check talks to it over
//! `tokio::io::duplex`, a fake socket, and sends two commands in one write, then one
//! command in two writes; `serve` gets both wrong, because one `read()` returns whatever
//! bytes have arrived, not one line. Make it answer every line, whatever the writes
//! were, and return how many it answered when the other side stops writing. Edit `serve`
//! only (and the `use` lines above it).

use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};

/// The reply to one command (without its newline).
pub fn answer(command: &str) -> String {
    match command {
        "ping" => "pong".to_owned(),
        other => format!("unknown command: {other}"),
    }
}

/// Answers every line of `stream`, one reply line each; returns how many it answered.
pub async fn serve<S>(mut stream: S) -> std::io::Result<u32>
where
    S: AsyncRead + AsyncWrite + Unpin,
{
    let mut buffer = [0_u8; 1024];
    let mut answered = 0;
    loop {
        let read = stream.read(&mut buffer).await?;
        if read == 0 {
            break; // the other side stopped writing
        }
        let command = String::from_utf8_lossy(&buffer[..read]);
        let reply = answer(command.trim());
        stream.write_all(format!("{reply}\n").as_bytes()).await?;
        answered += 1;
    }
    stream.shutdown().await?;
    Ok(answered)
}
