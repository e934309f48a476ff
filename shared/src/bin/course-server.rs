//! The course's HTTP server on its own, for trying the routes with curl.
//!
//! Run it: `just serve` (or `cargo run -p course-kit --features http --bin course-server`),
//! optionally with `--port 8000`. It prints its address and runs until you press Ctrl-C.

use std::net::SocketAddr;

use course_kit::Transcript;
use course_kit::cli::{self, Command, Opt};
use course_kit::http_server::CourseServer;

const COMMAND: Command = Command {
    name: "course-server",
    about: "The async-lessons HTTP server, on 127.0.0.1, for trying its routes with curl.",
    options: &[Opt {
        name: "port",
        value: Some("PORT"),
        help: "Listen on this port (default: one the OS picks)",
    }],
};

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let args = COMMAND.parse();
    let port = match args.value("port").map(str::parse::<u16>) {
        None => 0,
        Some(Ok(port)) => port,
        Some(Err(_)) => cli::exit_with_error("--port wants a number from 0 to 65535"),
    };
    let server = match CourseServer::start_on(SocketAddr::from(([127, 0, 0, 1], port))).await {
        Ok(server) => server,
        Err(error) => cli::exit_with_error(format!("cannot listen on 127.0.0.1:{port}: {error}")),
    };
    let base = server.url("");
    let out = Transcript::stdout();
    out.note(format!(
        "course server listening on {base}/ (Ctrl-C to stop)"
    ));
    for route in [
        "/",
        "/delay/500",
        "/bytes/100",
        "/status/404",
        "/not-utf8",
        "/slow/200",
        "/stall",
    ] {
        out.note(format!("  curl -i {base}{route}"));
    }
    // Run until the process is stopped; the server works on its own tasks.
    std::future::pending::<()>().await;
}
