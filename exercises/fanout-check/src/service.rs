//! Your service as the checks run it: a real process started with flags, its address
//! read from its first line, spoken to over HTTP, sent signals, and killed when the
//! check is done with it (so no service outlives the check).

use std::io::{BufRead, BufReader, Read};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread;
use std::time::{Duration, Instant};

use serde_json::Value;

/// How long a service may take to print its address.
const START_WITHIN: Duration = Duration::from_secs(10);

/// How long one HTTP request to your service may take before the check gives up on it.
const ANSWER_WITHIN: Duration = Duration::from_secs(15);

/// A running service.
pub struct Service {
    child: Child,
    /// `http://127.0.0.1:PORT`, from its first line.
    pub base: String,
    /// The port it printed.
    pub port: u16,
    output: Output,
}

/// What a service wrote, kept as it comes (both pipes are read on threads of their own,
/// so a service that logs a lot never blocks on a full pipe).
#[derive(Clone, Default)]
pub struct Output {
    stdout: Arc<Mutex<String>>,
    stderr: Arc<Mutex<String>>,
}

impl Output {
    /// Everything after the first stdout line, and stderr: the logs, ANSI colours removed.
    pub fn logs(&self) -> String {
        let stdout = self.stdout.lock().unwrap_or_else(PoisonError::into_inner);
        let after_first = stdout.split_once('\n').map_or("", |(_, rest)| rest);
        let stderr = self.stderr.lock().unwrap_or_else(PoisonError::into_inner);
        without_colours(&format!("{after_first}{stderr}"))
    }

    /// What it wrote on stdout after its first line (the address), ANSI colours removed.
    pub fn stdout_after_first(&self) -> String {
        let stdout = self.stdout.lock().unwrap_or_else(PoisonError::into_inner);
        without_colours(stdout.split_once('\n').map_or("", |(_, rest)| rest))
    }

    /// What it wrote on stderr.
    pub fn stderr(&self) -> String {
        self.stderr
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }
}

/// `text` without ANSI escape sequences (`ESC [ ... letter`).
pub fn without_colours(text: &str) -> String {
    let mut plain = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            for next in chars.by_ref() {
                if next.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            plain.push(c);
        }
    }
    plain
}

/// Starts reading `pipe` into `into` on a thread; each line also goes to `lines`.
fn read_pipe(
    pipe: impl Read + Send + 'static,
    into: Arc<Mutex<String>>,
    lines: Option<mpsc::Sender<String>>,
    mut at_first_line: Option<Trigger>,
) {
    thread::spawn(move || {
        let mut reader = BufReader::new(pipe);
        let mut line = String::new();
        while reader.read_line(&mut line).unwrap_or(0) > 0 {
            // Before anything else, so that it happens the moment the line is out.
            if let Some(act) = at_first_line.take() {
                act();
            }
            into.lock()
                .unwrap_or_else(PoisonError::into_inner)
                .push_str(&line);
            if let Some(lines) = &lines {
                let _ = lines.send(line.trim_end().to_owned());
            }
            line.clear();
        }
    });
}

/// What the stdout reader does the moment the first line arrives.
type Trigger = Box<dyn FnOnce() + Send>;

/// A shell waiting on its stdin to send `signal` to `pid` with its built-in `kill`: armed
/// before the service prints anything, fired by one byte the moment its first line is
/// read (a `kill` process started only then would take a millisecond or more).
fn armed_signal(pid: u32, signal: &str) -> Result<(Child, Trigger), String> {
    let mut shell = Command::new("sh")
        .args([
            "-c",
            "read _ && kill -s \"$0\" \"$1\"",
            signal,
            &pid.to_string(),
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|error| format!("the check could not start sh to send {signal}: {error}"))?;
    let mut trigger = shell
        .stdin
        .take()
        .ok_or_else(|| "the check could not write to its sh".to_owned())?;
    let fire: Trigger = Box::new(move || {
        use std::io::Write;
        let _ = trigger.write_all(b"\n");
        let _ = trigger.flush();
    });
    Ok((shell, fire))
}

/// How a process that should have started ended instead, in one sentence.
fn ended_early(status: Option<ExitStatus>, stderr: &str) -> String {
    let how = match status {
        Some(status) => describe_exit(status),
        None => "it is still running".to_owned(),
    };
    let said = stderr.trim();
    if said.is_empty() {
        how
    } else {
        format!("{how}, and said on stderr: {}", last_lines(said, 3))
    }
}

/// `exited with status 1`, `was killed by signal 15 (nothing caught it)`.
pub fn describe_exit(status: ExitStatus) -> String {
    use std::os::unix::process::ExitStatusExt;
    match (status.code(), status.signal()) {
        (Some(code), _) => format!("it exited with status {code}"),
        (None, Some(signal)) => format!("it was killed by signal {signal} (nothing caught it)"),
        (None, None) => "it ended without a status".to_owned(),
    }
}

/// The last `count` lines of `text`, joined with ` | `.
pub fn last_lines(text: &str, count: usize) -> String {
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    lines[lines.len().saturating_sub(count)..].join(" | ")
}

impl Service {
    /// Starts `binary` with `args` (and `env`; `RUST_LOG` is removed unless given) and
    /// waits for its first line, `listening on http://127.0.0.1:PORT`.
    pub fn start(binary: &Path, args: &[&str], env: &[(&str, &str)]) -> Result<Self, String> {
        Self::start_with(binary, args, env, None)
    }

    /// [`Service::start`], and `signal` (`TERM`, `INT`) sent the moment its first line is
    /// read, by a shell armed before the service started printing.
    pub fn start_and_signal_at_once(
        binary: &Path,
        args: &[&str],
        signal: &str,
    ) -> Result<Self, String> {
        Self::start_with(binary, args, &[], Some(signal))
    }

    fn start_with(
        binary: &Path,
        args: &[&str],
        env: &[(&str, &str)],
        signal_at_first_line: Option<&str>,
    ) -> Result<Self, String> {
        let mut command = Command::new(binary);
        command
            .args(args)
            .env_remove("RUST_LOG")
            .envs(env.iter().copied())
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = command
            .spawn()
            .map_err(|error| format!("cannot start {}: {error}", binary.display()))?;
        let output = Output::default();
        let (lines, first) = mpsc::channel();
        let (shell, fire) = match signal_at_first_line {
            Some(signal) => {
                let (shell, fire) = armed_signal(child.id(), signal)?;
                (Some(shell), Some(fire))
            }
            None => (None, None),
        };
        if let Some(stdout) = child.stdout.take() {
            read_pipe(stdout, Arc::clone(&output.stdout), Some(lines), fire);
        }
        if let Some(stderr) = child.stderr.take() {
            read_pipe(stderr, Arc::clone(&output.stderr), None, None);
        }
        if let Some(mut shell) = shell {
            // The shell ends once it has sent the signal (or when its stdin closes).
            thread::spawn(move || {
                let _ = shell.wait();
            });
        }
        let shown = format!("`fanout {}`", args.join(" "));
        let line = match first_line(&first) {
            Some(line) => line,
            None => {
                // Ended (or silent): say how, with what it said.
                let status = wait_for_exit(&mut child, Duration::from_millis(500));
                let _ = child.kill();
                let _ = child.wait();
                thread::sleep(Duration::from_millis(50));
                return Err(format!(
                    "{shown} printed no first line `listening on http://127.0.0.1:PORT`: {}",
                    ended_early(status, &output.stderr())
                ));
            }
        };
        let port = line
            .strip_prefix("listening on http://127.0.0.1:")
            .and_then(|port| port.parse::<u16>().ok());
        let Some(port) = port.filter(|&port| port != 0) else {
            let _ = child.kill();
            let _ = child.wait();
            let plain = without_colours(&line);
            if ["TRACE", "DEBUG", "INFO", "WARN", "ERROR"]
                .iter()
                .any(|level| plain.contains(level))
            {
                return Err(format!(
                    "the first line {shown} printed is a log line, {plain:?}: tracing's fmt \
                     subscriber writes to stdout unless told otherwise; send the logs to \
                     stderr (.with_writer(std::io::stderr)), so the address comes first"
                ));
            }
            return Err(format!(
                "the first line {shown} printed is {line:?}; it must be exactly `listening on \
                 http://127.0.0.1:PORT`, with the port the system picked (ask the listener \
                 for its local_addr after binding port 0)"
            ));
        };
        Ok(Self {
            child,
            base: format!("http://127.0.0.1:{port}"),
            port,
            output,
        })
    }

    /// What it wrote so far.
    pub fn output(&self) -> &Output {
        &self.output
    }

    /// `base` + `path`.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// Sends `signal` (`TERM`, `INT`) to the service.
    pub fn signal(&self, signal: &str) {
        let _ = Command::new("kill")
            .args([format!("-{signal}"), self.child.id().to_string()])
            .stderr(Stdio::null())
            .status();
    }

    /// Waits at most `within` for the service to exit.
    pub fn wait_exit(&mut self, within: Duration) -> Option<ExitStatus> {
        wait_for_exit(&mut self.child, within)
    }

    /// Waits at most `within` until the service refuses new connections; whether it did.
    pub fn wait_until_refusing(&self, within: Duration) -> bool {
        let started = Instant::now();
        while started.elapsed() < within {
            if TcpStream::connect(("127.0.0.1", self.port)).is_err() {
                return true;
            }
            thread::sleep(Duration::from_millis(10));
        }
        false
    }
}

impl Drop for Service {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The first line, if one comes within [`START_WITHIN`].
fn first_line(lines: &Receiver<String>) -> Option<String> {
    lines.recv_timeout(START_WITHIN).ok()
}

/// Polls `child` until it exits or `within` has passed.
fn wait_for_exit(child: &mut Child, within: Duration) -> Option<ExitStatus> {
    let started = Instant::now();
    loop {
        if let Ok(Some(status)) = child.try_wait() {
            return Some(status);
        }
        if started.elapsed() >= within {
            return None;
        }
        thread::sleep(Duration::from_millis(10));
    }
}

/// Runs `binary args` to its end (at most 10 s): exit status, stdout, stderr.
pub fn run_to_end(binary: &Path, args: &[&str]) -> Result<(ExitStatus, String, String), String> {
    let mut command = Command::new(binary);
    command.args(args).env_remove("RUST_LOG");
    let ended = course_kit::child::run(
        &mut command,
        b"",
        Duration::from_secs(10),
        course_kit::child::Stderr::Capture,
    )
    .map_err(|error| format!("cannot start {}: {error}", binary.display()))?;
    match ended.status {
        Some(status) => Ok((status, ended.stdout, ended.stderr)),
        None => Err(format!(
            "`fanout {}` was still running after 10 s: a bad command line must end it at once",
            args.join(" ")
        )),
    }
}

/// A port nothing listens on (the system picked it free, and it was let go at once).
pub fn free_port() -> Result<u16, String> {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .map(|address| address.port())
        .map_err(|error| format!("cannot find a free port: {error}"))
}

/// An answer from your service.
#[derive(Debug)]
pub struct Answer {
    /// The HTTP status.
    pub status: u16,
    /// The body as text.
    pub text: String,
    /// The body as JSON (`Null` when it is not JSON).
    pub json: Value,
    /// How long it took, from the request being sent.
    pub took: Duration,
}

/// GET `url` from a service, at most [`ANSWER_WITHIN`].
pub fn get(url: &str) -> Result<Answer, String> {
    let client = reqwest::blocking::Client::builder()
        .timeout(ANSWER_WITHIN)
        .build()
        .map_err(|error| format!("cannot make an HTTP client: {error}"))?;
    let started = Instant::now();
    let response = client.get(url).send().map_err(|error| {
        if error.is_timeout() {
            format!(
                "GET {url} got no answer within {} s",
                ANSWER_WITHIN.as_secs()
            )
        } else {
            format!("GET {url} failed: {}", innermost(&error))
        }
    })?;
    let status = response.status().as_u16();
    let text = response
        .text()
        .map_err(|error| format!("GET {url}: the body broke off: {}", innermost(&error)))?;
    let json = serde_json::from_str(&text).unwrap_or(Value::Null);
    Ok(Answer {
        status,
        text,
        json,
        took: started.elapsed(),
    })
}

/// The deepest cause of an error, on one line.
fn innermost(error: &(dyn std::error::Error + 'static)) -> String {
    let mut cause = error;
    while let Some(source) = cause.source() {
        cause = source;
    }
    cause.to_string().replace('\n', " ")
}
