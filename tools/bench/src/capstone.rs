//! `bench-capstone`: the capstone's service in Rust (`fanout`, release build) and its
//! aiohttp twin (`python/capstone.py`) under the same load, side by side.
//!
//! Each service runs as a child process with the same flags, in front of the same
//! course server (a child process of its own). A client with one `reqwest::Client` then
//! makes N `/pages` requests of five URLs each, C at a time, and times each. The cache
//! is off (`--cache-ttl-ms 0`), so every request fetches its five pages upstream, and the
//! shared limit is wide (`--limit 64`), so it measures the services, not the limit.
//! Reported per service: requests per second, the median and 99th-percentile latency,
//! the service's peak memory (`VmHWM` of its process) and the requests that were not a
//! 200 with five `ok` results.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use course_kit::Transcript;
use reqwest::Client;

use crate::BenchError;
use crate::http::start_server_process;
use crate::lifeline::{ChildProcess, spawn_child};

/// How many `/pages` requests unless told otherwise.
pub const REQUESTS: usize = 2_000;

/// How many at once unless told otherwise.
pub const CLIENTS: usize = 50;

/// The five course-server paths every request asks for (each with the request's own
/// query, so that no two requests share a fetch).
pub const PATHS: [&str; 5] = ["/", "/bytes/2000", "/delay/5", "/bytes/500", "/delay/10"];

/// The flags both services get.
pub const FLAGS: [&str; 8] = [
    "--port",
    "0",
    "--limit",
    "64",
    "--deadline-ms",
    "10000",
    "--cache-ttl-ms",
    "0",
];

/// What one service did under the load.
#[derive(Debug)]
pub struct Measured {
    /// Requests per second over the whole run.
    pub per_second: f64,
    /// The median latency.
    pub p50: Duration,
    /// The 99th-percentile latency.
    pub p99: Duration,
    /// The service's peak resident memory, in KiB.
    pub peak_kib: Option<u64>,
    /// Requests that were not a 200 with five `ok` results.
    pub errors: usize,
}

/// A service started for the benchmark: its child process and base URL.
struct Service {
    process: ChildProcess,
    base: String,
}

/// Starts `program args FLAGS` and reads `listening on http://...` from its first line.
fn start_service(program: &str, args: &[&str]) -> Result<Service, BenchError> {
    let mut command = Command::new(program);
    command
        .args(args)
        .args(FLAGS)
        .env("RUST_LOG", "warn")
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    let mut process = spawn_child(&mut command)
        .map_err(|error| BenchError::new(format!("cannot start {program}: {error}")))?;
    let mut first = String::new();
    if let Some(stdout) = process.child.stdout.take() {
        let mut reader = BufReader::new(stdout);
        let _ = reader.read_line(&mut first);
        // Keep reading, so that the service never blocks on a full pipe.
        std::thread::spawn(move || for _ in reader.lines() {});
    }
    let base = first
        .trim()
        .strip_prefix("listening on ")
        .ok_or_else(|| {
            BenchError::new(format!(
                "{program} printed {:?} instead of `listening on http://...`",
                first.trim()
            ))
        })?
        .to_owned();
    Ok(Service { process, base })
}

/// The peak resident memory of process `pid`, in KiB (Linux).
fn peak_of(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|line| line.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Whether a `/pages` answer's body holds five `ok` results (Rust's JSON has no spaces,
/// Python's `json.dumps` puts one after each colon).
fn all_ok(body: &str) -> bool {
    body.matches("\"status\":\"ok\"").count() + body.matches("\"status\": \"ok\"").count()
        == PATHS.len()
}

/// `requests` GETs of `url` (its `{r}` the request's number), `clients` at a time; each
/// latency, and the errors.
async fn load(
    client: &Client,
    url: &str,
    requests: usize,
    clients: usize,
) -> (Vec<Duration>, usize) {
    let next = Arc::new(AtomicUsize::new(0));
    let errors = Arc::new(AtomicUsize::new(0));
    let mut workers = tokio::task::JoinSet::new();
    for _ in 0..clients {
        let (client, next, errors, url) =
            (client.clone(), next.clone(), errors.clone(), url.to_owned());
        // Each worker takes the next request until all are taken: `clients` at once.
        workers.spawn(async move {
            let mut took = Vec::new();
            loop {
                let number = next.fetch_add(1, Ordering::Relaxed);
                if number >= requests {
                    break;
                }
                // Each request's own URLs (`?r=N`): the services fetch one URL once at a
                // time, so requests for the same URLs at once would share their fetches.
                let url = url.replace("{r}", &number.to_string());
                let started = Instant::now();
                let ok = match client.get(&url).send().await {
                    Ok(response) if response.status().is_success() => {
                        response.text().await.is_ok_and(|body| all_ok(&body))
                    }
                    _ => false,
                };
                took.push(started.elapsed());
                if !ok {
                    errors.fetch_add(1, Ordering::Relaxed);
                }
            }
            took
        });
    }
    let mut latencies = Vec::with_capacity(requests);
    // Each worker's latencies as it ends; the set is empty once all requests are done.
    while let Some(done) = workers.join_next().await {
        latencies.extend(done.unwrap_or_default());
    }
    (latencies, errors.load(Ordering::Relaxed))
}

/// The `fraction` percentile of sorted `latencies`.
fn percentile(latencies: &[Duration], fraction: f64) -> Duration {
    if latencies.is_empty() {
        return Duration::ZERO;
    }
    let index = ((latencies.len() - 1) as f64 * fraction).round() as usize;
    latencies[index]
}

/// Runs the load against one service and measures it.
fn measure(
    runtime: &tokio::runtime::Runtime,
    service: &Service,
    upstream: &str,
    requests: usize,
    clients: usize,
) -> Result<Measured, BenchError> {
    let query: Vec<String> = PATHS
        .iter()
        .map(|path| format!("url={}{}%3Fr%3D{{r}}", upstream.trim_end_matches('/'), path))
        .collect();
    let url = format!("{}/pages?{}", service.base, query.join("&"));
    let client = Client::builder()
        .pool_max_idle_per_host(clients)
        .build()
        .map_err(|error| BenchError::new(format!("cannot build the client: {error}")))?;
    // A short warm-up opens the connections.
    runtime.block_on(load(&client, &url, clients * 2, clients));
    let started = Instant::now();
    let (mut latencies, errors) = runtime.block_on(load(&client, &url, requests, clients));
    let elapsed = started.elapsed();
    latencies.sort();
    Ok(Measured {
        per_second: requests as f64 / elapsed.as_secs_f64(),
        p50: percentile(&latencies, 0.50),
        p99: percentile(&latencies, 0.99),
        peak_kib: peak_of(service.process.child.id()),
        errors,
    })
}

/// Whether `python3` can import aiohttp.
fn python_has_aiohttp() -> bool {
    Command::new("python3")
        .args(["-c", "import aiohttp"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|status| status.success())
}

/// One row of the table.
fn row(name: &str, measured: &Measured) -> String {
    format!(
        "{name:<22} {:>9.0} {:>9.1} {:>9.1} {:>11} {:>7}",
        measured.per_second,
        measured.p50.as_secs_f64() * 1000.0,
        measured.p99.as_secs_f64() * 1000.0,
        crate::memory::describe_kib(measured.peak_kib),
        measured.errors
    )
}

/// The benchmark: `fanout` (the release binary at `fanout`) and the twin, side by side.
pub fn run(
    out: &Transcript,
    fanout: &Path,
    course_root: &Path,
    requests: usize,
    clients: usize,
) -> Result<(), BenchError> {
    if cfg!(debug_assertions) {
        out.paragraph("(debug build: figures are only meaningful with --release, as `just bench-capstone` runs it)");
    }
    let upstream = start_server_process()?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|error| BenchError::new(format!("cannot start the tokio runtime: {error}")))?;
    out.note(format!(
        "{requests} /pages requests of {} URLs each, {clients} at once; both services run with {}",
        PATHS.len(),
        FLAGS.join(" ")
    ));
    out.note(format!(
        "{:<22} {:>9} {:>9} {:>9} {:>11} {:>7}",
        "service", "req/s", "p50 ms", "p99 ms", "peak RSS", "errors"
    ));
    let rust = start_service(&fanout.to_string_lossy(), &[])?;
    let measured = measure(&runtime, &rust, &upstream.url, requests, clients)?;
    out.note(row("fanout (Rust, axum)", &measured));
    drop(rust);
    if python_has_aiohttp() {
        let script = course_root.join("python/capstone.py");
        let twin = start_service("python3", &[&script.to_string_lossy()])?;
        let measured = measure(&runtime, &twin, &upstream.url, requests, clients)?;
        out.note(row("capstone.py (aiohttp)", &measured));
    } else {
        out.note(
            "capstone.py (aiohttp)  skipped: python3 cannot import aiohttp (pip install aiohttp)",
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn five_ok_results_in_either_spelling() {
        let rust = r#"{"results":[{"status":"ok"},{"status":"ok"},{"status":"ok"},{"status":"ok"},{"status":"ok"}]}"#;
        assert!(all_ok(rust));
        assert!(all_ok(&rust.replace("\":\"", "\": \"")));
        assert!(!all_ok(&rust.replacen("\"ok\"", "\"failed\"", 1)));
    }

    #[test]
    fn percentiles_of_sorted_latencies() {
        let latencies: Vec<Duration> = (1..=100).map(Duration::from_millis).collect();
        assert_eq!(percentile(&latencies, 0.5), Duration::from_millis(51));
        assert_eq!(percentile(&latencies, 0.99), Duration::from_millis(99));
        assert_eq!(percentile(&[], 0.5), Duration::ZERO);
    }
}
