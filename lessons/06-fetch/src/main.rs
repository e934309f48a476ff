//! # Lesson 6: fetching URLs
//!
//! Run it: `just lesson-6` (or `cargo run -p lesson-06-fetch`). It starts the course's
//! own HTTP server on `127.0.0.1` and fetches from it, so it needs no network.
//! `just lesson-6 --url https://example.com` fetches a URL of your choice instead.
//!
//! What it shows, measured:
//! 1. `Fetched 141 characters`: one `reqwest::Client`, `.get(url).send().await`,
//!    `.text().await`; Python's `len()` counts characters, Rust's `len()` bytes.
//! 2. Why not a blocking client (Python's `requests`): a hand-made blocking GET on a
//!    `std::net::TcpStream` stalls a heartbeat task for a second. `reqwest::blocking`
//!    panics in a debug build (a guard only debug builds have; the one `(panic report)`
//!    line on stderr is expected) and stalls silently in a release build.
//!    `spawn_blocking` keeps the heartbeat on time.
//! 3. Ten requests to `/delay/500`: one by one (5 s), all at once (0.5 s), three at a
//!    time with `buffer_unordered` (2 s, with its timeline chart); then `buffered` keeps
//!    the order of results and `buffer_unordered` does not.
//! 4. A timeout (aiohttp's `ClientTimeout`) and `error_for_status` (`raise_for_status`).
//!
//! With `--url`, every failure is one line and exit code 1: a malformed URL, another
//! scheme, a host that does not resolve, a refused connection, a timeout, a 4xx or 5xx
//! status, a body over the size limit, a body that is not UTF-8. A bad option is one
//! line and exit code 2.
//!
//! The Python it mirrors (`python/lesson_06.py` runs the core of it; `just compare 6`):
//!
//! ```python
//! async def fetch(url):
//!     async with aiohttp.ClientSession() as session:
//!         async with session.get(url) as response:
//!             return await response.text()
//!
//! html = await fetch("https://example.com")
//! print(f"Fetched {len(html)} characters")
//! ```
//!
//! How fast is the client? `just bench-http` (the `course-bench` crate) measures it.
//!
//! ## Start with the plain version
//!
//! `examples/plain-06.rs` (`just plain-6`) is this lesson's idea as a short program of
//! the kind you would write yourself. This binary is the same idea, measured and
//! explained.
//!
//! ## Rust used here
//!
//! Beyond the first chapters of the Rust book:
//! - a trait must be in scope to call its methods (`use futures::StreamExt;` gives
//!   `.buffered`): [book 10.2](https://doc.rust-lang.org/book/ch10-02-traits.html);
//! - errors as values, `?`, `Box<dyn Error>`:
//!   [book 9.2](https://doc.rust-lang.org/book/ch09-02-recoverable-errors-with-result.html);
//! - trait objects (`Arc<dyn Resolve>`): [book 18.2](https://doc.rust-lang.org/book/ch18-02-trait-objects.html);
//! - iterators: [book 13.2](https://doc.rust-lang.org/book/ch13-02-iterators.html).
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
