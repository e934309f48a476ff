//! `bench-http`: how fast the client is, measured against the course server.
//!
//! 20,000 GETs of the course page, 100 in flight at any time, through one
//! `reqwest::Client` (so through at most 100 pooled keep-alive connections). The server
//! runs in a child process (this same program with `--serve`), so the peak memory
//! reported is the client's alone. Both share this machine's cores. The child cannot
//! outlive the benchmark: see [`crate::lifeline`].

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use course_kit::Transcript;
use course_kit::http_server::BackgroundServer;

use crate::memory;
use reqwest::Client;

use crate::BenchError;
use crate::lifeline::{ChildProcess, spawn_child};

/// How many requests the benchmark makes unless told otherwise.
pub const REQUESTS: usize = 20_000;

/// How many are in flight at once unless told otherwise.
pub const CONCURRENCY: usize = 100;

/// `--serve`: starts the course server and prints its address on the first line of
/// stdout. The caller keeps the returned server alive for as long as it should serve.
pub fn start_server_for_parent() -> Result<BackgroundServer, BenchError> {
    let server = BackgroundServer::start()
        .map_err(|error| BenchError::new(format!("cannot start the course server: {error}")))?;
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    writeln!(stdout, "{}", server.addr())
        .and_then(|()| stdout.flush())
        .map_err(|error| BenchError::new(format!("cannot tell the parent the address: {error}")))?;
    Ok(server)
}

/// The server child process, and the URL it serves. Dropping it stops the child.
#[derive(Debug)]
pub struct ServerProcess {
    /// The child (its stdin is the lifeline).
    pub process: ChildProcess,
    /// The course page's URL on it.
    pub url: String,
}

/// Starts this program with `--serve` in a child process and reads the address it
/// prints. Its stderr is this process's stderr.
pub fn start_server_process() -> Result<ServerProcess, BenchError> {
    let exe = std::env::current_exe()
        .map_err(|error| BenchError::new(format!("cannot find this program's path: {error}")))?;
    let mut process = spawn_child(Command::new(exe).arg("--serve").stdout(Stdio::piped()))
        .map_err(|error| BenchError::new(format!("cannot start the server process: {error}")))?;
    let mut first_line = String::new();
    if let Some(stdout) = process.child.stdout.take() {
        let _ = BufReader::new(stdout).read_line(&mut first_line);
    }
    let addr = first_line.trim();
    if addr.is_empty() {
        return Err(BenchError::new(
            "the benchmark's server process did not start",
        ));
    }
    let url = format!("http://{addr}/");
    Ok(ServerProcess { process, url })
}

/// What one benchmark run measured.
#[derive(Debug)]
pub struct Throughput {
    /// Requests that got a 200 and a full body.
    pub ok: usize,
    /// Requests that failed.
    pub failed: usize,
    /// Wall time for all of them.
    pub elapsed: Duration,
}

/// Makes `requests` GETs of `url`, `concurrency` at a time, from `concurrency` tasks
/// sharing one client.
pub async fn hammer(client: &Client, url: &str, requests: usize, concurrency: usize) -> Throughput {
    let next = Arc::new(AtomicUsize::new(0));
    let failed = Arc::new(AtomicUsize::new(0));
    let start = Instant::now();
    let mut workers = tokio::task::JoinSet::new();
    for _ in 0..concurrency {
        let (client, next, failed, url) =
            (client.clone(), next.clone(), failed.clone(), url.to_owned());
        // Each worker takes the next request number until all are taken: never more
        // than `concurrency` requests in flight.
        workers.spawn(async move {
            while next.fetch_add(1, Ordering::Relaxed) < requests {
                let ok = match client.get(&url).send().await {
                    Ok(response) if response.status().is_success() => {
                        response.bytes().await.is_ok()
                    }
                    _ => false,
                };
                if !ok {
                    failed.fetch_add(1, Ordering::Relaxed);
                }
            }
        });
    }
    // Wait for every worker; the set is empty once all requests are done.
    while workers.join_next().await.is_some() {}
    let failed = failed.load(Ordering::Relaxed);
    Throughput {
        ok: requests - failed,
        failed,
        elapsed: start.elapsed(),
    }
}

/// The benchmark: start the server process, run the client, print the figures.
pub fn run(out: &Transcript, requests: usize, concurrency: usize) -> Result<(), BenchError> {
    if cfg!(debug_assertions) {
        out.paragraph(
            "(debug build: figures are only meaningful with --release, as `just bench-http` \
             runs it)",
        );
    }
    let server = start_server_process()?;
    out.note(format!(
        "server: child process {} at {}",
        server.process.child.id(),
        server.url
    ));
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|error| BenchError::new(format!("cannot start the tokio runtime: {error}")))?;
    let client = Client::builder()
        .pool_max_idle_per_host(concurrency)
        .build()
        .map_err(|error| BenchError::new(format!("cannot build the client: {error}")))?;
    // A short warm-up opens the connections, so the measurement is of requests only.
    runtime.block_on(hammer(&client, &server.url, concurrency * 2, concurrency));
    let result = runtime.block_on(hammer(&client, &server.url, requests, concurrency));
    let per_second = result.ok as f64 / result.elapsed.as_secs_f64();
    out.note(format!(
        "{requests} GETs, {concurrency} at a time, one client (multi-thread runtime)"
    ));
    out.note(format!(
        "ok: {}, failed: {}, time: {:.2} s, {:.0} requests/s, client peak RSS: {}",
        result.ok,
        result.failed,
        result.elapsed.as_secs_f64(),
        per_second,
        memory::describe_kib(memory::peak_rss_kib())
    ));
    Ok(())
}
