//! `fanout`: parse the flags, serve until a signal, map the outcome to an exit code.
//!
//! Step 1 (`just exercise fanout-1` checks it): serve `GET /health` (200, `ok`) with
//! axum on 127.0.0.1 and the port of `--port` (0: the system picks one); print
//! `listening on http://127.0.0.1:PORT` as the first line; a bad flag is one line on
//! stderr and exit 2 (`--help` still prints the help and exits 0); Ctrl-C or SIGTERM
//! stops accepting, lets what is in flight finish, and exits 0, and a second signal exits
//! at once with 130. (Step 1's check tests the exit on a signal; the drain and the second
//! signal are tested from step 2, once a request can be in flight.)

use std::process::ExitCode;

use clap::Parser;
use fanout::Config;

fn main() -> ExitCode {
    // reqwest is built without a bundled TLS provider (ring builds faster than the
    // default): install ring's before the first Client is made (step 2), or it panics.
    let _ = rustls::crypto::ring::default_provider().install_default();
    // clap prints its own error (several lines) and exits 2; step 1 wants one line.
    let config = Config::parse();
    eprintln!(
        "fanout does not serve yet (asked for port {}): building it is step 1 of the capstone",
        config.port
    );
    ExitCode::FAILURE
}
