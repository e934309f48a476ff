//! Helpers for tests that run the real service (step 7 of the capstone).
//!
//! [`Service::start`] runs the binary named by `FANOUT_BIN` if it is set (step 7's check
//! sets it to broken services your tests must catch), else the crate's own `fanout`;
//! reads its address from its first line; and kills it when dropped, so a failing test
//! leaves no service behind. `mod support;` at the top of a file in `tests/` uses it.
//!
//! `start` and `wait` block their thread. A test that also runs the course server in
//! its own runtime (`course_kit::http_server::CourseServer`) should use
//! `#[tokio::test(flavor = "multi_thread")]`, so the server keeps answering while a
//! helper blocks (on the default single thread, `wait` before the answer would stall it).

#![allow(dead_code)]

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

/// The service to test: `FANOUT_BIN`, or this crate's binary.
pub fn binary() -> PathBuf {
    std::env::var_os("FANOUT_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_fanout")))
}

/// A running service, killed when dropped.
pub struct Service {
    child: Child,
    /// `http://127.0.0.1:PORT`
    pub base: String,
}

impl Service {
    /// Starts the service with `args` and waits for `listening on http://...`.
    pub fn start(args: &[&str]) -> Service {
        let mut child = Command::new(binary())
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("the service starts");
        let stdout = child.stdout.take().expect("its stdout");
        let mut lines = BufReader::new(stdout).lines();
        let first = lines
            .next()
            .and_then(Result::ok)
            .expect("the service prints its address");
        // Keep reading, so that the service never blocks on a full pipe.
        std::thread::spawn(move || for _ in lines {});
        let base = first
            .strip_prefix("listening on ")
            .unwrap_or_else(|| panic!("not an address line: {first:?}"))
            .to_owned();
        Service { child, base }
    }

    /// `base` + `path`.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// Sends SIGTERM (as `kill -TERM` would).
    pub fn terminate(&self) {
        let status = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status()
            .expect("kill runs");
        assert!(status.success(), "kill -TERM failed");
    }

    /// Waits at most `within` for the service to exit.
    pub fn wait(&mut self, within: Duration) -> Option<ExitStatus> {
        let started = Instant::now();
        while started.elapsed() < within {
            if let Some(status) = self.child.try_wait().expect("its status") {
                return Some(status);
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        None
    }
}

impl Drop for Service {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// GET `url`: the status and the body as JSON (`Null` when it is not JSON).
pub async fn get(url: &str) -> (u16, serde_json::Value) {
    // reqwest is built without a bundled TLS provider: install ring's (once is enough).
    let _ = rustls::crypto::ring::default_provider().install_default();
    let response = reqwest::get(url).await.expect("the service answers");
    let status = response.status().as_u16();
    let text = response.text().await.expect("a body");
    (status, serde_json::from_str(&text).unwrap_or_default())
}

/// `/pages?url=...` for these paths on the upstream at `upstream` (`http://host:port`).
pub fn pages(upstream: &str, paths: &[&str]) -> String {
    let query: Vec<String> = paths
        .iter()
        .map(|path| format!("url={upstream}{path}"))
        .collect();
    format!("/pages?{}", query.join("&"))
}
