//! `bench-http`: 20,000 GETs, 100 at a time, against the course server.
//!
//! Run it: `just bench-http` (or `cargo run --release -p course-bench --bin bench-http`).
//! The server runs in a child process (`bench-http --serve`) that ends with its parent;
//! see `course_bench::http` and `course_bench::lifeline`.

use std::process::ExitCode;

use course_bench::http::{self, CONCURRENCY, REQUESTS};
use course_bench::lifeline;
use course_kit::cli::{Command, Opt};
use course_kit::failure::report_failure;
use course_kit::{Transcript, tls};

const COMMAND: Command = Command {
    name: "bench-http",
    about: "Times many GETs, a fixed number at a time, against the course server in a child process.",
    options: &[
        Opt::value(
            "requests",
            "N",
            "How many GETs (default 20,000; up to 1,000,000)",
        ),
        Opt::value(
            "concurrency",
            "K",
            "How many at a time (default 100; up to 1,000)",
        ),
        Opt::flag(
            "serve",
            "Only run the course server and print its address; it stops when stdin closes \
             (the benchmark runs this in its child process)",
        ),
    ],
};

fn main() -> ExitCode {
    let args = match COMMAND.parse() {
        Ok(args) => args,
        Err(stop) => return stop.report(),
    };
    let requests = args.count("requests", 1..=1_000_000);
    let concurrency = args.count("concurrency", 1..=1_000);
    let (requests, concurrency) = match (requests, concurrency) {
        (Ok(requests), Ok(concurrency)) => (
            requests.unwrap_or(REQUESTS),
            concurrency.unwrap_or(CONCURRENCY),
        ),
        (Err(error), _) | (_, Err(error)) => return error.report(),
    };
    if args.flag("serve") {
        if args.flag("requests") || args.flag("concurrency") {
            return args.error("--serve takes no other option").report();
        }
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
    match http::run(&Transcript::stdout(), requests, concurrency) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => report_failure(error),
    }
}
