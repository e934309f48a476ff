//! `bench-capstone`: the capstone's Rust service and its aiohttp twin under the same
//! load (see `course_bench::capstone`).
//!
//! Run it: `just bench-capstone` (it builds the reference `fanout` in release first).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use course_bench::capstone::{self, CLIENTS, REQUESTS};
use course_bench::{http, lifeline};
use course_kit::cli::{Command, Opt};
use course_kit::failure::report_failure;
use course_kit::{Transcript, tls};

const COMMAND: Command = Command {
    name: "bench-capstone",
    about: "Times the capstone's service (fanout) and its aiohttp twin under the same load, side by side.",
    options: &[
        Opt::value(
            "fanout",
            "PATH",
            "The fanout binary to measure (just bench-capstone passes the release build)",
        ),
        Opt::value(
            "requests",
            "N",
            "How many /pages requests (default 2,000; up to 100,000)",
        ),
        Opt::value("clients", "C", "How many at once (default 50; up to 500)"),
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
    if args.flag("serve") {
        let server = match http::start_server_for_parent() {
            Ok(server) => server,
            Err(error) => return report_failure(error),
        };
        // The server works on its own thread; this one waits for the parent to go.
        lifeline::wait_until_parent_goes();
        drop(server);
        return ExitCode::SUCCESS;
    }
    let (requests, clients) = match (
        args.count("requests", 1..=100_000),
        args.count("clients", 1..=500),
    ) {
        (Ok(requests), Ok(clients)) => (requests.unwrap_or(REQUESTS), clients.unwrap_or(CLIENTS)),
        (Err(error), _) | (_, Err(error)) => return error.report(),
    };
    let Some(fanout) = args.value("fanout").map(PathBuf::from) else {
        return args
            .error("--fanout PATH is needed: the fanout binary to measure (`just bench-capstone` builds and passes it)")
            .report();
    };
    if !fanout.is_file() {
        return args
            .error(format!("--fanout {}: no such file", fanout.display()))
            .report();
    }
    tls::install_crypto_provider();
    let course_root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .nth(2)
        .unwrap_or(Path::new("."));
    match capstone::run(
        &Transcript::stdout(),
        &fanout,
        course_root,
        requests,
        clients,
    ) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => report_failure(error),
    }
}
