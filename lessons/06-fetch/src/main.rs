//! # Lesson 6: fetching URLs
//!
//! Run it: `just lesson-6` (or `cargo run -p lesson-06-fetch`). It starts the course's
//! own HTTP server on `127.0.0.1` and fetches from it, so it needs no network.
//! `just lesson-6 --url https://example.com` fetches a URL of your choice instead.
//!
//! Its chapter (what it shows, the Python it mirrors, the plain version, the output,
//! the Rust it uses): `book/src/lessons/06-fetch.md`, or `just book`.
//!
//! Read next: `src/lib.rs`, then `src/fetch.rs`.

use std::process::ExitCode;

use course_kit::cli::{Command, Opt};
use course_kit::failure::report_failure;
use course_kit::http_server::BackgroundServer;
use course_kit::{Transcript, tls};
use lesson_06_fetch::fetch::{self, FetchError, Fetched, Limits};

/// The longest `--timeout-ms` accepted: one hour.
const MAX_TIMEOUT_MS: u64 = 3_600_000;

/// The largest `--max-bytes` accepted: 1 GiB.
const MAX_BODY_BYTES: usize = 1 << 30;

const COMMAND: Command = Command {
    name: "lesson-06-fetch",
    about: "Lesson 6: fetch URLs with reqwest, from the course's own HTTP server or --url.",
    options: &[
        Opt::value(
            "url",
            "URL",
            "Fetch this URL and report its size, instead of the lesson",
        ),
        Opt::value(
            "timeout-ms",
            "MS",
            "With --url: give up after MS milliseconds (1 to 3,600,000; default 10,000)",
        )
        .requires("url"),
        Opt::value(
            "max-bytes",
            "N",
            "With --url: refuse bodies over N bytes (1 to 1,073,741,824; default 10 MiB)",
        )
        .requires("url"),
        Opt::flag(
            "offline",
            "With --url: never use DNS (only localhost and IP addresses resolve)",
        )
        .requires("url"),
    ],
};

fn main() -> ExitCode {
    let args = match COMMAND.parse() {
        Ok(args) => args,
        Err(stop) => return stop.report(),
    };
    // reqwest here uses rustls with the `ring` crypto provider, installed once, first.
    tls::install_crypto_provider();
    if let Some(url) = args.value("url") {
        let defaults = Limits::default();
        let timeout = args.millis("timeout-ms", 1..=MAX_TIMEOUT_MS);
        let max_bytes = args.count("max-bytes", 1..=MAX_BODY_BYTES);
        let limits = match (timeout, max_bytes) {
            (Ok(timeout), Ok(max_bytes)) => Limits {
                timeout: timeout.unwrap_or(defaults.timeout),
                max_bytes: max_bytes.unwrap_or(defaults.max_bytes),
            },
            (Err(error), _) | (_, Err(error)) => return error.report(),
        };
        return match fetch_one(url, limits, args.flag("offline")) {
            Ok(fetched) => {
                fetched.report(&Transcript::stdout());
                ExitCode::SUCCESS
            }
            Err(error) => report_failure(error),
        };
    }
    // Part 2 makes reqwest panic on purpose in debug builds (and catches it): one line.
    course_kit::panic_report::report_in_one_line("expected, see Part 2");
    let server = match BackgroundServer::start() {
        Ok(server) => server,
        Err(error) => {
            return report_failure(format!("cannot start the course server: {error}"));
        }
    };
    match lesson(&server) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => report_failure(fetch::root_cause(&error)),
    }
}

/// `asyncio.run(main())`: one thread, like Python's event loop.
#[tokio::main(flavor = "current_thread")]
async fn lesson(server: &BackgroundServer) -> Result<(), reqwest::Error> {
    lesson_06_fetch::run(&Transcript::stdout(), server).await
}

/// `--url`: fetch one URL; its body, or exactly what went wrong.
#[tokio::main(flavor = "current_thread")]
async fn fetch_one(url: &str, limits: Limits, offline: bool) -> Result<Fetched, FetchError> {
    let client = fetch::client(limits, offline)?;
    fetch::fetch_checked(&client, url, limits).await
}
