//! `fanout`: parse the flags, serve until a signal, map the outcome to an exit code.
//!
//! Step 1 (`just exercise fanout-1` checks it): serve `GET /health` (200, `ok`) with
//! axum on 127.0.0.1 and the port of `--port` (0: the system picks one); print
//! `listening on http://127.0.0.1:PORT` as the first line; a bad flag is one line on
//! stderr and exit 2; Ctrl-C or SIGTERM stops accepting, lets what is in flight finish,
//! and exits 0, and a second signal exits at once with 130.

use std::process::ExitCode;

use clap::Parser;
use fanout::Config;

fn main() -> ExitCode {
    // clap prints its own error (several lines) and exits 2; step 1 wants one line.
    let config = Config::parse();
    eprintln!(
        "fanout does not serve yet (asked for port {}): building it is step 1 of the capstone",
        config.port
    );
    ExitCode::FAILURE
}
