//! Wrong: axum::serve without with_graceful_shutdown: SIGTERM kills the process.
//! Expect: killed by signal 15
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

/// Why the service could not run.
#[derive(Debug, Error)]
enum ServeError {
    #[error("cannot listen on 127.0.0.1:{port}: {source}")]
    Bind { port: u16, source: std::io::Error },
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
    #[allow(dead_code)]
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
    let listener = TcpListener::bind(("127.0.0.1", port))
        .await
        .map_err(|source| ServeError::Bind { port, source })?;
    let address = listener
        .local_addr()
        .map_err(|source| ServeError::Bind { port, source })?;
    // The first stdout line, which scripts and tests read to find the port.
    println!("listening on http://{address}");
    let state = Arc::new(AppState::new(config));

    // No shutdown signal at all: the process dies on SIGTERM, whatever is in flight.
    let _ = drain_limit;
    axum::serve(listener, router(state))
        .await
        .map(|()| Stopped::Drained)
        .map_err(ServeError::Serve)
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
