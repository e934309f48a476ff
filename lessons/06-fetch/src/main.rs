//! # Lesson 6: fetching URLs
//!
//! Run it: `just lesson-6` (or `cargo run -p lesson-06-fetch`). It starts the course's
//! own HTTP server on `127.0.0.1` and fetches from it, so it needs no network.
//! `just lesson-6 --url https://example.com` fetches a URL of your choice instead.
//!
//! What it shows, measured:
//! 1. `Fetched 141 characters`: one `reqwest::Client`, `.get(url).send().await`,
//!    `.text().await`; Python's `len()` counts characters, Rust's `len()` bytes.
//! 2. Why not a blocking client (Python's `requests`): a blocking GET inside async code
//!    stalls a heartbeat task for a second; `reqwest::blocking` inside the runtime
//!    panics (caught and shown); `spawn_blocking` keeps the heartbeat on time.
//! 3. Ten requests to `/delay/500`: one by one (5 s), all at once (0.5 s), three at a
//!    time with `buffer_unordered` (2 s), each with its timeline chart.
//! 4. A timeout (aiohttp's `ClientTimeout`) and `error_for_status` (`raise_for_status`).
//!
//! With `--url`, every failure is one line and exit code 1: a malformed URL, another
//! scheme, a host that does not resolve, a refused connection, a timeout, a 4xx or 5xx
//! status, a body over the size limit, a body that is not UTF-8.
//!
//! The Python it mirrors (the syllabus's "Fetching a URL"):
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
//! `just bench-http` (release) measures the client: 20,000 GETs, 100 at a time.
//!
//! Read next: `src/lib.rs`, then `src/fetch.rs`.

use std::time::Duration;

use course_kit::cli::{self, Command, Opt};
use course_kit::http_server::BackgroundServer;
use course_kit::{Transcript, tls};
use lesson_06_fetch::fetch::{self, Limits};

const COMMAND: Command = Command {
    name: "lesson-06-fetch",
    about: "Lesson 6: fetch URLs with reqwest, from the course's own HTTP server or --url.",
    options: &[
        Opt {
            name: "url",
            value: Some("URL"),
            help: "Fetch this URL and report its size, instead of the lesson",
        },
        Opt {
            name: "timeout-ms",
            value: Some("MS"),
            help: "With --url: give up after this many milliseconds (default 10000)",
        },
        Opt {
            name: "max-bytes",
            value: Some("N"),
            help: "With --url: refuse bodies longer than N bytes (default 10 MiB)",
        },
        Opt {
            name: "offline",
            value: None,
            help: "With --url: never use DNS (only localhost and IP addresses resolve)",
        },
        Opt {
            name: "bench-http",
            value: None,
            help: "Instead of the lesson: 20,000 GETs, 100 at a time (use --release)",
        },
        Opt {
            name: "serve-for-bench",
            value: None,
            help: "Run only the course server (the benchmark starts this itself)",
        },
    ],
};

fn main() {
    let args = COMMAND.parse();
    // reqwest here uses rustls with the `ring` crypto provider, installed once, first.
    tls::install_crypto_provider();
    if args.flag("serve-for-bench") {
        lesson_06_fetch::bench::serve_for_bench();
    }
    if let Some(url) = args.value("url") {
        let defaults = Limits::default();
        let limits = Limits {
            timeout: Duration::from_millis(number(
                &args,
                "timeout-ms",
                defaults.timeout.as_millis() as u64,
            )),
            max_bytes: number(&args, "max-bytes", defaults.max_bytes as u64) as usize,
        };
        fetch_one(url, limits, args.flag("offline"));
        return;
    }
    if args.flag("bench-http") {
        lesson_06_fetch::bench::run(&Transcript::stdout());
        return;
    }
    // Part 2 makes reqwest panic on purpose (and catches it): one line, not a crash.
    course_kit::panic_report::report_in_one_line("on purpose, see Part 2");
    let server = match BackgroundServer::start() {
        Ok(server) => server,
        Err(error) => cli::exit_with_error(format!("cannot start the course server: {error}")),
    };
    lesson(&server);
}

/// A non-negative number option, or a one-line error.
fn number(args: &cli::Args, name: &str, default: u64) -> u64 {
    match args.value(name).map(str::parse::<u64>) {
        None => default,
        Some(Ok(value)) => value,
        Some(Err(_)) => cli::exit_with_error(format!("--{name} wants a whole number")),
    }
}

/// `asyncio.run(main())`: one thread, like Python's event loop.
#[tokio::main(flavor = "current_thread")]
async fn lesson(server: &BackgroundServer) {
    lesson_06_fetch::run(&Transcript::stdout(), server).await;
}

/// `--url`: fetch one URL; report its size, or exactly what went wrong (exit code 1).
#[tokio::main(flavor = "current_thread")]
async fn fetch_one(url: &str, limits: Limits, offline: bool) {
    let out = Transcript::stdout();
    let result = match fetch::client(limits, offline) {
        Ok(client) => fetch::fetch_checked(&client, url, limits).await,
        Err(error) => Err(error),
    };
    match result {
        Ok(fetched) => {
            out.note(format!(
                "Fetched {} characters",
                fetched.text.chars().count()
            ));
            out.note(format!(
                "({} bytes of UTF-8, status {})",
                fetched.text.len(),
                fetched.status
            ));
        }
        Err(error) => cli::exit_with_error(error),
    }
}
