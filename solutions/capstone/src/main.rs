//! `fanout`: parse the flags, serve until a signal, map the outcome to an exit code.
//!
//! Exit codes: 0 after a clean stop (Ctrl-C or SIGTERM, requests in flight drained),
//! 130 on a second signal (stop at once), 2 for a bad command line, 1 when the service
//! cannot run (the port is taken, ...).

use std::process::ExitCode;
use std::sync::Arc;
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
    /// A second signal before the drain ended.
    Forced,
}

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
    match runtime.block_on(serve(config)) {
        Ok(Stopped::Drained) => ExitCode::SUCCESS,
        Ok(Stopped::Forced) => ExitCode::from(130),
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
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

    let (stop, stopped) = oneshot::channel::<()>();
    // Stops accepting when `stop` fires, then waits for the connections in flight.
    let server = axum::serve(listener, router(state)).with_graceful_shutdown(async {
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
            () = tokio::time::sleep(drain_limit) => {
                tracing::warn!("the drain took too long; stopping");
                Stopped::Drained
            }
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
