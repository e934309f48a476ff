//! The course's HTTP server on its own, for trying the routes with curl.
//!
//! Run it: `just serve` (or `cargo run -p course-kit --features http --bin course-server`),
//! optionally with `--port 8000`. It prints its address and runs until you press Ctrl-C.

use std::net::SocketAddr;
use std::process::ExitCode;

use course_kit::Transcript;
use course_kit::cli::{Command, Opt};
use course_kit::failure::report_failure;
use course_kit::http_server::CourseServer;

const COMMAND: Command = Command {
    name: "course-server",
    about: "The async-lessons HTTP server, on 127.0.0.1, for trying its routes with curl.",
    options: &[Opt::value(
        "port",
        "PORT",
        "Listen on this port (default: one the OS picks)",
    )],
};

fn main() -> ExitCode {
    let args = match COMMAND.parse() {
        Ok(args) => args,
        Err(stop) => return stop.report(),
    };
    let port = match args.number("port", 0..=u64::from(u16::MAX)) {
        // The range check above makes the conversion infallible.
        Ok(port) => port.and_then(|port| u16::try_from(port).ok()).unwrap_or(0),
        Err(error) => return error.report(),
    };
    match serve(port) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => report_failure(error),
    }
}

/// Serves on `127.0.0.1:port` until the process is stopped.
#[tokio::main(flavor = "current_thread")]
async fn serve(port: u16) -> Result<(), String> {
    let server = CourseServer::start_on(SocketAddr::from(([127, 0, 0, 1], port)))
        .await
        .map_err(|error| format!("cannot listen on 127.0.0.1:{port}: {error}"))?;
    let base = server.url("");
    let out = Transcript::stdout();
    out.note(format!(
        "course server listening on {base}/ (Ctrl-C to stop)"
    ));
    for route in [
        "/",
        "/delay/500",
        "/delay/300/500",
        "/bytes/100",
        "/status/404",
        "/not-utf8",
        "/slow/200",
        "/stall",
        "/flaky/2/demo",
    ] {
        out.note(format!("  curl -i {base}{route}"));
    }
    // Run until the process is stopped (Ctrl-C); the server works on its own tasks.
    std::future::pending::<()>().await;
    Ok(())
}
