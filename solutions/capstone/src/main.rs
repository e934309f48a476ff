//! `fanout`: parse the flags, serve until a signal, map the outcome to an exit code.
//!
//! Exit codes: 0 after a clean stop (Ctrl-C or SIGTERM, every request in flight
//! answered); 1 when the drain's bound (the deadline and a second) cut requests still in
//! flight (their number is logged), or when the service cannot run (the port is taken,
//! ...); 130 on a second signal (stop at once); 2 for a bad command line. The runtime is
//! shut down with a timeout, so no blocking thread (a DNS lookup) holds the exit.

use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use clap::Parser;
use clap::error::ErrorKind;
use fanout::{AppState, Config, router};
use thiserror::Error;
use tokio::net::TcpListener;
use tokio::sync::oneshot;

/// Why the service could not run.
#[derive(Debug, Error)]
enum ServeError {
    #[error("cannot listen on 127.0.0.1:{port}: {source}")]
    Bind { port: u16, source: std::io::Error },
    #[error("cannot make the HTTP client: {0}")]
    Client(#[from] reqwest::Error),
    #[error("cannot listen for signals: {0}")]
    Signals(std::io::Error),
    #[error("the server failed: {0}")]
    Serve(std::io::Error),
}

/// How serving ended.
enum Stopped {
    /// One signal: stopped accepting, finished what was in flight.
    Drained,
    /// One signal, and the drain's bound passed with requests still in flight.
    Cut {
        /// How many.
        requests: u64,
    },
    /// A second signal before the drain ended.
    Forced,
}

/// How long the runtime may wait for its threads at exit: a blocking task (reqwest's
/// DNS lookups run on `spawn_blocking`) must not hold the exit.
const RUNTIME_SHUTDOWN: Duration = Duration::from_millis(500);

fn main() -> ExitCode {
    let config = match Config::try_parse() {
        Ok(config) => config,
        Err(error)
            if matches!(
                error.kind(),
                ErrorKind::DisplayHelp | ErrorKind::DisplayVersion
            ) =>
        {
            // `--help` is what was asked for: stdout, exit 0.
            let _ = error.print();
            return ExitCode::SUCCESS;
        }
        Err(error) => {
            // One line, as every command of the course: clap's first line names the
            // problem; the rest (usage, "For more information") is left to --help.
            let message = error.render().to_string();
            let first = message.lines().next().unwrap_or("error: bad arguments");
            eprintln!("{first}; try fanout --help");
            return ExitCode::from(2);
        }
    };
    // Logs go to stderr, one line per event; RUST_LOG picks the level (default info).
    // Colours only on a terminal: into a pipe or a file they would be escape codes.
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .init();
    // reqwest is built without a bundled TLS provider: install ring's once.
    let _ = rustls::crypto::ring::default_provider().install_default();
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("error: cannot start the runtime: {error}");
            return ExitCode::FAILURE;
        }
    };
    let stopped = runtime.block_on(serve(config));
    // Not `drop(runtime)`: dropping waits for every blocking thread, however long.
    runtime.shutdown_timeout(RUNTIME_SHUTDOWN);
    match stopped {
        Ok(Stopped::Drained) => ExitCode::SUCCESS,
        Ok(Stopped::Cut { requests }) => {
            tracing::warn!(
                requests,
                "stopped: the drain's bound cut requests in flight"
            );
            ExitCode::FAILURE
        }
        Ok(Stopped::Forced) => ExitCode::from(130),
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}

/// Counts the requests in flight (any route): one more while its handler runs.
struct Counted(Arc<AtomicU64>);

impl Counted {
    fn new(count: &Arc<AtomicU64>) -> Self {
        count.fetch_add(1, Ordering::Relaxed);
        Self(Arc::clone(count))
    }
}

impl Drop for Counted {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::Relaxed);
    }
}

// ANCHOR: serve
/// `web.run_app(app)`: bind, print the address, serve until a signal, drain.
async fn serve(config: Config) -> Result<Stopped, ServeError> {
    let port = config.port;
    let drain_limit = config.deadline() + Duration::from_secs(1);
    // Listen for signals before serving, so none is missed.
    let mut signals = Signals::new().map_err(ServeError::Signals)?;
    let listener = TcpListener::bind(("127.0.0.1", port))
        .await
        .map_err(|source| ServeError::Bind { port, source })?;
    let address = listener
        .local_addr()
        .map_err(|source| ServeError::Bind { port, source })?;
    // The first stdout line, which scripts and tests read to find the port.
    println!("listening on http://{address}");
    let state = Arc::new(AppState::new(config)?);

    // The requests in flight, for the drain's report: a layer around every route.
    let in_flight = Arc::new(AtomicU64::new(0));
    let counter = Arc::clone(&in_flight);
    let app = router(state).layer(axum::middleware::from_fn(
        move |request: axum::extract::Request, next: axum::middleware::Next| {
            let counted = Counted::new(&counter);
            async move {
                let response = next.run(request).await;
                drop(counted);
                response
            }
        },
    ));
    let (stop, stopped) = oneshot::channel::<()>();
    // Stops accepting when `stop` fires, then waits for the connections in flight.
    let server = axum::serve(listener, app).with_graceful_shutdown(async {
        let _ = stopped.await;
    });
    let on_signals = async {
        signals.next().await;
        tracing::info!("stopping: no new connections; finishing the requests in flight");
        let _ = stop.send(());
        // While draining: a second signal stops at once; the drain is bounded anyway
        // (every /pages answer comes by its deadline).
        tokio::select! {
            () = signals.next() => Stopped::Forced,
            // (A connection left open with no request in it is no request cut.)
            () = tokio::time::sleep(drain_limit) => match in_flight.load(Ordering::Relaxed) {
                0 => Stopped::Drained,
                requests => Stopped::Cut { requests },
            },
        }
    };
    // Whichever ends first: the server (drained after the first signal) or the signals
    // (a second one). The other future is dropped.
    tokio::select! {
        result = server => result.map(|()| Stopped::Drained).map_err(ServeError::Serve),
        stopped = on_signals => Ok(stopped),
    }
}
// ANCHOR_END: serve

/// Ctrl-C and SIGTERM, as one stream of "stop" requests.
struct Signals {
    #[cfg(unix)]
    interrupt: tokio::signal::unix::Signal,
    #[cfg(unix)]
    terminate: tokio::signal::unix::Signal,
}

impl Signals {
    #[cfg(unix)]
    fn new() -> std::io::Result<Self> {
        use tokio::signal::unix::{SignalKind, signal};
        Ok(Self {
            interrupt: signal(SignalKind::interrupt())?,
            terminate: signal(SignalKind::terminate())?,
        })
    }

    #[cfg(not(unix))]
    fn new() -> std::io::Result<Self> {
        Ok(Self {})
    }

    /// The next Ctrl-C or SIGTERM.
    async fn next(&mut self) {
        #[cfg(unix)]
        tokio::select! {
            _ = self.interrupt.recv() => {}
            _ = self.terminate.recv() => {}
        }
        #[cfg(not(unix))]
        let _ = tokio::signal::ctrl_c().await;
    }
}
