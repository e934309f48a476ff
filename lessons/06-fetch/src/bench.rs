//! `just bench-http`: how fast the client is, measured against the course server.
//!
//! 20,000 GETs of the course page, 100 in flight at any time, through one
//! `reqwest::Client` (so through at most 100 pooled keep-alive connections). The server
//! runs in a child process (this same program with `--serve-for-bench`), so the peak
//! memory reported is the client's alone. Both share this machine's cores.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use course_kit::http_server::BackgroundServer;
use course_kit::{Transcript, cli, memory};
use reqwest::Client;

/// How many requests the benchmark makes.
pub const REQUESTS: usize = 20_000;

/// How many are in flight at once.
pub const CONCURRENCY: usize = 100;

/// `--serve-for-bench`: run the course server, print its address on the first line of
/// stdout, and serve until the parent process ends this one.
pub fn serve_for_bench() -> ! {
    let server = match BackgroundServer::start() {
        Ok(server) => server,
        Err(error) => cli::exit_with_error(format!("cannot start the course server: {error}")),
    };
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    let _ = writeln!(stdout, "{}", server.addr());
    let _ = stdout.flush();
    drop(stdout);
    // Serve until killed: the server works on its own thread.
    loop {
        std::thread::park();
    }
}

/// The server child process; killed when dropped.
struct ServerProcess(Child);

impl Drop for ServerProcess {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn start_server_process() -> (ServerProcess, String) {
    let exe = std::env::current_exe()
        .unwrap_or_else(|error| cli::exit_with_error(format!("cannot find this program: {error}")));
    let child = Command::new(exe)
        .arg("--serve-for-bench")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap_or_else(|error| cli::exit_with_error(format!("cannot start the server: {error}")));
    let mut server = ServerProcess(child);
    let mut first_line = String::new();
    if let Some(stdout) = server.0.stdout.take() {
        let _ = BufReader::new(stdout).read_line(&mut first_line);
    }
    let addr = first_line.trim().to_owned();
    if addr.is_empty() {
        cli::exit_with_error("the benchmark's server process did not start");
    }
    (server, format!("http://{addr}/"))
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
pub async fn hammer(url: &str, requests: usize, concurrency: usize) -> Throughput {
    let client = match Client::builder()
        .pool_max_idle_per_host(concurrency)
        .build()
    {
        Ok(client) => client,
        Err(error) => cli::exit_with_error(format!("cannot build the client: {error}")),
    };
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
    while workers.join_next().await.is_some() {}
    let failed = failed.load(Ordering::Relaxed);
    Throughput {
        ok: requests - failed,
        failed,
        elapsed: start.elapsed(),
    }
}

/// `--bench-http`: start the server process, run the client, print the figures.
pub fn run(out: &Transcript) {
    if cfg!(debug_assertions) {
        out.paragraph("(debug build: figures are only meaningful with --release, as `just bench-http` runs it)");
    }
    let (_server, url) = start_server_process();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => cli::exit_with_error(format!("cannot start the tokio runtime: {error}")),
    };
    // A short warm-up opens the connections, so the measurement is of requests only.
    runtime.block_on(hammer(&url, CONCURRENCY * 2, CONCURRENCY));
    let result = runtime.block_on(hammer(&url, REQUESTS, CONCURRENCY));
    let per_second = result.ok as f64 / result.elapsed.as_secs_f64();
    out.note(format!(
        "{REQUESTS} GETs of {url}, {CONCURRENCY} at a time, one client (multi-thread runtime)"
    ));
    out.note(format!(
        "ok: {}, failed: {}, time: {:.2} s, {:.0} requests/s, client peak RSS: {}",
        result.ok,
        result.failed,
        result.elapsed.as_secs_f64(),
        per_second,
        memory::describe_kib(memory::peak_rss_kib())
    ));
}
