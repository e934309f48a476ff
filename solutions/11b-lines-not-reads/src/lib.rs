//! # Exercise 11b: lines, not reads (solution)
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

use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncWrite, AsyncWriteExt, BufReader};

/// The reply to one command (without its newline).
pub fn answer(command: &str) -> String {
    match command {
        "ping" => "pong".to_owned(),
        other => format!("unknown command: {other}"),
    }
}

/// Answers every line of `stream`, one reply line each; returns how many it answered.
pub async fn serve<S>(stream: S) -> std::io::Result<u32>
where
    S: AsyncRead + AsyncWrite + Unpin,
{
    let (reader, mut writer) = tokio::io::split(stream);
    // BufReader keeps what it has read past a newline for the next line.
    let mut lines = BufReader::new(reader).lines();
    let mut answered = 0;
    while let Some(line) = lines.next_line().await? {
        writer
            .write_all(format!("{}\n", answer(line.trim())).as_bytes())
            .await?;
        answered += 1;
    }
    writer.shutdown().await?;
    Ok(answered)
}
