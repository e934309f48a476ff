//! Headless Chromium, driven through the DevTools protocol (JSON messages over a
//! WebSocket): the book's pages as a learner's browser lays them out.
//!
//! One browser process per test, started with a profile of its own and killed when the
//! [`Browser`] is dropped; each page opens in a tab of its own ([`Browser::visit`]),
//! with the console's errors and the page's exceptions collected while it loads.

use std::io::{BufRead, BufReader};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use tungstenite::WebSocket;

/// How long Chromium may take to start, and a page to load.
const WITHIN: Duration = Duration::from_secs(20);

/// The Chromium on this machine, if there is one.
pub fn chromium() -> Option<PathBuf> {
    ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .find_map(|name| {
            std::env::var_os("PATH").and_then(|paths| {
                std::env::split_paths(&paths)
                    .map(|folder| folder.join(name))
                    .find(|path| path.is_file())
            })
        })
}

/// A running headless Chromium and the protocol's socket to it.
pub struct Browser {
    child: Child,
    socket: WebSocket<TcpStream>,
    next_id: u64,
    profile: PathBuf,
}

/// What a page showed once loaded.
#[derive(Debug)]
pub struct Visit {
    /// What the page's script returned (`JSON.stringify` of its value, parsed).
    pub found: Value,
    /// Console errors and exceptions while it loaded and ran.
    pub errors: Vec<String>,
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.profile);
    }
}

impl Browser {
    /// Starts `chromium` headless, `width` pixels wide.
    pub fn start(chromium: &Path, profile: PathBuf, width: u32) -> Result<Self, String> {
        let _ = std::fs::remove_dir_all(&profile);
        let mut child = Command::new(chromium)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--remote-debugging-port=0",
                &format!("--window-size={width},900"),
                &format!("--user-data-dir={}", profile.display()),
                "about:blank",
            ])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|error| format!("cannot start {}: {error}", chromium.display()))?;
        // Its stderr says where the protocol listens; read on a thread, with a deadline.
        let stderr = child.stderr.take().ok_or("no stderr")?;
        let (lines, said) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if lines.send(line).is_err() {
                    break;
                }
            }
        });
        let started = Instant::now();
        let endpoint = loop {
            let left = WITHIN.saturating_sub(started.elapsed());
            match said.recv_timeout(left) {
                Ok(line) => {
                    if let Some(at) = line.find("ws://") {
                        break line[at..].trim().to_owned();
                    }
                }
                Err(_) => {
                    let _ = child.kill();
                    return Err(format!(
                        "{} printed no DevTools address within {} s",
                        chromium.display(),
                        WITHIN.as_secs()
                    ));
                }
            }
        };
        let address = endpoint
            .trim_start_matches("ws://")
            .split('/')
            .next()
            .unwrap_or_default()
            .to_owned();
        let stream = TcpStream::connect(&address)
            .map_err(|error| format!("cannot connect to {address}: {error}"))?;
        stream
            .set_read_timeout(Some(WITHIN))
            .map_err(|error| error.to_string())?;
        let (socket, _) = tungstenite::client(endpoint.as_str(), stream)
            .map_err(|error| format!("the DevTools handshake failed: {error}"))?;
        Ok(Self {
            child,
            socket,
            next_id: 0,
            profile,
        })
    }

    /// Sends `method` (to the tab `session`, or to the browser) and waits for its
    /// answer; every event that comes meanwhile goes to `events`.
    fn call(
        &mut self,
        session: Option<&str>,
        method: &str,
        params: Value,
        events: &mut Vec<Value>,
    ) -> Result<Value, String> {
        self.next_id += 1;
        let id = self.next_id;
        let mut message = json!({ "id": id, "method": method, "params": params });
        if let Some(session) = session {
            message["sessionId"] = json!(session);
        }
        self.socket
            .send(tungstenite::Message::text(message.to_string()))
            .map_err(|error| format!("{method}: {error}"))?;
        loop {
            let reply = self.next_message()?;
            if reply["id"] == id {
                if let Some(error) = reply.get("error") {
                    return Err(format!("{method}: {error}"));
                }
                return Ok(reply["result"].clone());
            }
            events.push(reply);
        }
    }

    fn next_message(&mut self) -> Result<Value, String> {
        loop {
            let message = self
                .socket
                .read()
                .map_err(|error| format!("the DevTools socket: {error}"))?;
            if let tungstenite::Message::Text(text) = message {
                return serde_json::from_str(text.as_str()).map_err(|error| error.to_string());
            }
        }
    }

    /// Opens `url` in a new tab `width` pixels wide, waits for its load event, runs
    /// `script` (an expression that gives a JSON string, or a promise of one: a script
    /// that waits for something polls for it in the page) and closes the tab.
    pub fn visit(&mut self, url: &str, width: u32, script: &str) -> Result<Visit, String> {
        let mut events = Vec::new();
        let target = self.call(
            None,
            "Target.createTarget",
            json!({ "url": "about:blank" }),
            &mut events,
        )?;
        let target_id = target["targetId"].as_str().unwrap_or_default().to_owned();
        let attached = self.call(
            None,
            "Target.attachToTarget",
            json!({ "targetId": target_id, "flatten": true }),
            &mut events,
        )?;
        let session = attached["sessionId"]
            .as_str()
            .unwrap_or_default()
            .to_owned();
        let tab = Some(session.as_str());
        for method in ["Page.enable", "Runtime.enable", "Log.enable"] {
            self.call(tab, method, json!({}), &mut events)?;
        }
        self.call(
            tab,
            "Emulation.setDeviceMetricsOverride",
            json!({ "width": width, "height": 900, "deviceScaleFactor": 1, "mobile": false }),
            &mut events,
        )?;
        events.clear();
        self.call(tab, "Page.navigate", json!({ "url": url }), &mut events)?;
        let started = Instant::now();
        let loaded = |events: &[Value]| {
            events.iter().any(|event| {
                event["method"] == "Page.loadEventFired" && event["sessionId"] == session.as_str()
            })
        };
        while !loaded(&events) {
            if started.elapsed() > WITHIN {
                return Err(format!("{url} did not load within {} s", WITHIN.as_secs()));
            }
            let event = self.next_message()?;
            events.push(event);
        }
        let result = self.call(
            tab,
            "Runtime.evaluate",
            json!({ "expression": script, "returnByValue": true, "awaitPromise": true }),
            &mut events,
        )?;
        let text = result["result"]["value"].as_str().unwrap_or("null");
        let found: Value = serde_json::from_str(text).unwrap_or(Value::Null);
        let errors = events
            .iter()
            .filter(|event| event["sessionId"] == session.as_str())
            .filter_map(|event| match event["method"].as_str() {
                Some("Runtime.exceptionThrown") => Some(format!(
                    "exception: {}",
                    event["params"]["exceptionDetails"]["exception"]["description"]
                        .as_str()
                        .or(event["params"]["exceptionDetails"]["text"].as_str())
                        .unwrap_or("?")
                )),
                Some("Runtime.consoleAPICalled") if event["params"]["type"] == "error" => Some(
                    format!("console.error: {}", event["params"]["args"][0]["value"]),
                ),
                Some("Log.entryAdded") if event["params"]["entry"]["level"] == "error" => {
                    Some(format!(
                        "{}: {}",
                        event["params"]["entry"]["source"].as_str().unwrap_or("log"),
                        event["params"]["entry"]["text"].as_str().unwrap_or("?")
                    ))
                }
                _ => None,
            })
            .collect();
        self.call(
            None,
            "Target.closeTarget",
            json!({ "targetId": target_id }),
            &mut events,
        )?;
        Ok(Visit { found, errors })
    }
}
