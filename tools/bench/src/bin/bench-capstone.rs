//! `bench-capstone`: the capstone's Rust service and its aiohttp twin under the same
//! load (see `course_bench::capstone`).
//!
//! Run it: `just bench-capstone` (it builds the reference `fanout` in release first).

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use course_bench::capstone::{self, CLIENTS, REQUESTS};
use course_bench::{http, lifeline};
use course_devkit::cli::count;
use course_kit::failure::report_failure;
use course_kit::{Transcript, tls};

/// Times the capstone's service (fanout) and its aiohttp twin under the same load, side
/// by side.
#[derive(Parser, Debug)]
#[command(name = "bench-capstone")]
struct Arguments {
    /// The fanout binary to measure (`just bench-capstone` builds and passes the release
    /// build)
    #[arg(long, value_name = "PATH", required_unless_present = "serve")]
    fanout: Option<PathBuf>,
    /// How many /pages requests (up to 100,000)
    #[arg(long, value_name = "N", default_value_t = REQUESTS, value_parser = count(1..=100_000))]
    requests: usize,
    /// How many at once (up to 500)
    #[arg(long, value_name = "C", default_value_t = CLIENTS, value_parser = count(1..=500))]
    clients: usize,
    /// Only run the course server and print its address; it stops when stdin closes (the
    /// benchmark runs this in its child process)
    #[arg(long)]
    serve: bool,
}

fn main() -> ExitCode {
    let arguments = match course_devkit::cli::parse::<Arguments>() {
        Ok(arguments) => arguments,
        Err(code) => return code,
    };
    let fanout = match (arguments.serve, arguments.fanout) {
        (true, _) => {
            let server = match http::start_server_for_parent() {
                Ok(server) => server,
                Err(error) => return report_failure(error),
            };
            // The server works on its own thread; this one waits for the parent to go.
            lifeline::wait_until_parent_goes();
            drop(server);
            return ExitCode::SUCCESS;
        }
        (false, Some(fanout)) if fanout.is_file() => fanout,
        (false, fanout) => {
            eprintln!(
                "error: --fanout {}: no such file (try --help)",
                fanout.unwrap_or_default().display()
            );
            return ExitCode::from(2);
        }
    };
    tls::install_crypto_provider();
    match capstone::run(
        &Transcript::stdout(),
        &fanout,
        &course_devkit::workspace::root(),
        arguments.requests,
        arguments.clients,
    ) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => report_failure(error),
    }
}
