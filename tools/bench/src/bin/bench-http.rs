//! `bench-http`: 20,000 GETs, 100 at a time, against the course server.
//!
//! Run it: `just bench-http` (or `cargo run --release -p course-bench --bin bench-http`).
//! The server runs in a child process (`bench-http --serve`) that ends with its parent;
//! see `course_bench::http` and `course_bench::lifeline`.

use std::process::ExitCode;

use clap::Parser;
use course_bench::http::{self, CONCURRENCY, REQUESTS};
use course_bench::lifeline;
use course_devkit::cli::count;
use course_kit::failure::report_failure;
use course_kit::{Transcript, tls};

/// Times many GETs, a fixed number at a time, against the course server in a child
/// process.
#[derive(Parser, Debug)]
#[command(name = "bench-http")]
struct Arguments {
    /// How many GETs (up to 1,000,000)
    #[arg(long, value_name = "N", default_value_t = REQUESTS, value_parser = count(1..=1_000_000))]
    requests: usize,
    /// How many at a time (up to 1,000)
    #[arg(long, value_name = "K", default_value_t = CONCURRENCY, value_parser = count(1..=1_000))]
    concurrency: usize,
    /// Only run the course server and print its address; it stops when stdin closes (the
    /// benchmark runs this in its child process)
    #[arg(long, conflicts_with_all = ["requests", "concurrency"])]
    serve: bool,
}

fn main() -> ExitCode {
    let arguments = match course_devkit::cli::parse::<Arguments>() {
        Ok(arguments) => arguments,
        Err(code) => return code,
    };
    if arguments.serve {
        let server = match http::start_server_for_parent() {
            Ok(server) => server,
            Err(error) => return report_failure(error),
        };
        // The server works on its own thread; this one waits for the parent to go.
        lifeline::wait_until_parent_goes();
        drop(server);
        return ExitCode::SUCCESS;
    }
    // The client speaks plain HTTP here, but reqwest is built with rustls, whose crypto
    // provider must be chosen once per process.
    tls::install_crypto_provider();
    match http::run(
        &Transcript::stdout(),
        arguments.requests,
        arguments.concurrency,
    ) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => report_failure(error),
    }
}
