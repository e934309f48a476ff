//! Building and running the real lesson binaries, as a learner would run them.
//!
//! The tests do not rely on anyone having run `cargo build` first: the first test that
//! needs a binary runs `cargo build --workspace --bins` once for the whole test process
//! and reads the path of every binary from cargo's own JSON messages, which works
//! whatever the target directory or profile.
//!
//! That build must resolve the same features as `cargo test`, or every dependency is
//! compiled twice (and again on each run, as the two commands take turns). It does,
//! because the features tests need are *regular* dependencies of this crate (see
//! `tests/Cargo.toml`) and no member's dev-dependencies ask for more.

use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus, Stdio};
use std::sync::OnceLock;
use std::thread;
use std::time::{Duration, Instant};

use wait_timeout::ChildExt;

use super::expect;

/// How long any lesson may run before its test gives up and kills it.
const DEADLINE: Duration = Duration::from_secs(120);

/// The workspace's root folder.
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the tests crate lives one folder below the workspace root")
        .to_path_buf()
}

/// Path of the binary built from `package` (each lesson crate has one binary, named
/// like its package).
#[track_caller]
pub fn binary_path(package: &str) -> PathBuf {
    static BINARIES: OnceLock<Result<HashMap<String, PathBuf>, String>> = OnceLock::new();
    let binaries = BINARIES.get_or_init(build_every_binary);
    match binaries {
        Ok(binaries) => binaries.get(package).cloned().unwrap_or_else(|| {
            panic!(
                "no binary named {package} was built; built: {:?}",
                binaries.keys()
            )
        }),
        Err(message) => panic!("{message}"),
    }
}

fn build_every_binary() -> Result<HashMap<String, PathBuf>, String> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut command = Command::new(cargo);
    command.current_dir(workspace_root()).args([
        "build",
        "--workspace",
        "--bins",
        "--message-format=json",
    ]);
    // cargo gave this test process variables describing the tests crate
    // (CARGO_MANIFEST_DIR and friends). Build scripts that watch them (ring's does)
    // would see them change and rebuild everything: hand the build a clean slate.
    for (name, _) in std::env::vars_os() {
        let name = name.to_string_lossy();
        let describes_this_crate = [
            "CARGO_PKG_",
            "CARGO_MANIFEST_",
            "CARGO_CRATE_",
            "CARGO_BIN_",
        ]
        .iter()
        .any(|prefix| name.starts_with(prefix))
            || ["CARGO_PRIMARY_PACKAGE", "CARGO_TARGET_TMPDIR", "OUT_DIR"].contains(&&*name);
        if describes_this_crate {
            command.env_remove(&*name);
        }
    }
    // Build with the profile these tests were built with (`cargo test --release` ...),
    // so the build reuses what is already compiled.
    if let Some(profile) = current_profile() {
        match profile.as_str() {
            "debug" => {}
            "release" => {
                command.arg("--release");
            }
            other => {
                command.args(["--profile", other]);
            }
        }
    }
    let output = command
        .stderr(Stdio::piped())
        .output()
        .map_err(|error| format!("could not run cargo to build the lessons: {error}"))?;
    if !output.status.success() {
        return Err(format!(
            "`cargo build --workspace --bins` failed ({}):\n{}",
            output.status,
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    let mut binaries = HashMap::new();
    for message in String::from_utf8_lossy(&output.stdout).lines() {
        if let Some(path) = executable_in(message) {
            let name = path
                .file_stem()
                .map(|stem| stem.to_string_lossy().into_owned())
                .unwrap_or_default();
            binaries.insert(name, path);
        }
    }
    Ok(binaries)
}

/// The `"executable":"..."` field of one cargo JSON message, if it has one. (Reading one
/// field by hand saves the tests a JSON parser; cargo writes paths without escapes on
/// the machines this course targets.)
fn executable_in(message: &str) -> Option<PathBuf> {
    let start = message.find("\"executable\":\"")? + "\"executable\":\"".len();
    let end = start + message[start..].find('"')?;
    Some(PathBuf::from(&message[start..end]))
}

/// `debug` for `target/debug/deps/course-...`, the folder the test binary runs from.
fn current_profile() -> Option<String> {
    let exe = std::env::current_exe().ok()?;
    let profile_dir = exe.parent()?.parent()?;
    Some(profile_dir.file_name()?.to_string_lossy().into_owned())
}

/// What a finished lesson binary did.
#[derive(Debug)]
pub struct Finished {
    /// The command line, for messages.
    pub command: String,
    /// How it exited.
    pub status: ExitStatus,
    /// Everything it printed to stdout.
    pub stdout: String,
    /// Everything it printed to stderr.
    pub stderr: String,
    /// Wall-clock time from start to exit.
    pub wall_time: Duration,
}

impl Finished {
    /// stdout, line by line.
    pub fn lines(&self) -> Vec<&str> {
        self.stdout.lines().collect()
    }

    /// stdout line by line, with the `[ 2.00s] ` time stamps taken off and every other
    /// measured time masked (`Total time: #.## seconds`): a real run prints 2.00 or 2.01
    /// depending on the machine, so tests compare the words here and check the timing
    /// separately, with a tolerance.
    pub fn lines_without_times(&self) -> Vec<String> {
        self.lines()
            .into_iter()
            .map(|line| mask_times(without_stamp(line)))
            .collect()
    }

    /// The time stamp of the first line whose text (after the stamp) is `text`.
    #[track_caller]
    pub fn stamp_of(&self, text: &str) -> Duration {
        self.lines()
            .into_iter()
            .find(|line| without_stamp(line) == text)
            .and_then(stamp)
            .unwrap_or_else(|| panic!("no stamped line {text:?}\n\n{self}"))
    }

    /// Every "Total time: N seconds" the lesson printed, in order.
    pub fn total_times(&self) -> Vec<Duration> {
        self.lines()
            .into_iter()
            .filter_map(course_kit::clock::parse_total_time)
            .collect()
    }

    /// Asserts a zero exit code and an empty stderr.
    #[track_caller]
    pub fn assert_success(&self) -> &Self {
        assert!(
            self.status.success() && self.stderr.is_empty(),
            "expected success and nothing on stderr\n\n{self}"
        );
        self
    }

    /// Asserts a zero exit code and exactly one stderr line per entry of `starts`, each
    /// starting with that entry (for lessons that report a deliberate panic).
    #[track_caller]
    pub fn assert_success_with_stderr(&self, starts: &[&str]) -> &Self {
        let lines: Vec<&str> = self.stderr.lines().collect();
        let matches = lines.len() == starts.len()
            && lines
                .iter()
                .zip(starts)
                .all(|(line, start)| line.starts_with(start));
        assert!(
            self.status.success() && matches,
            "expected exit 0 and stderr lines starting {starts:?}\n\n{self}"
        );
        self
    }

    /// Asserts a failure with exit code `code`, one line on stderr that starts with
    /// `start`, and no panic.
    #[track_caller]
    pub fn assert_one_line_error(&self, code: i32, start: &str) -> &Self {
        let stderr_lines: Vec<&str> = self.stderr.lines().collect();
        assert!(
            self.status.code() == Some(code)
                && stderr_lines.len() == 1
                && stderr_lines[0].starts_with(start)
                && !self.stderr.contains("panicked"),
            "expected exit code {code} and one stderr line starting {start:?}\n\n{self}"
        );
        self
    }

    /// Asserts the lines printed equal `expected` once time stamps are taken off and
    /// times masked on both sides (see [`lines_without_times`](Self::lines_without_times)).
    #[track_caller]
    pub fn assert_lines_without_times(&self, expected: &[impl AsRef<str>]) -> &Self {
        let expected: Vec<String> = expected
            .iter()
            .map(|line| mask_times(without_stamp(line.as_ref())))
            .collect();
        let actual = self.lines_without_times();
        if actual != expected {
            let actual: Vec<&str> = actual.iter().map(String::as_str).collect();
            let expected: Vec<&str> = expected.iter().map(String::as_str).collect();
            panic!(
                "{} printed other lines than expected (times masked)\n\n{}\n{self}",
                self.command,
                expect::side_by_side(&actual, &expected)
            );
        }
        self
    }
}

impl std::fmt::Display for Finished {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "$ {}\nexit: {}, wall time: {:?}\n--- stdout ---\n{}--- stderr ---\n{}",
            self.command, self.status, self.wall_time, self.stdout, self.stderr
        )
    }
}

/// `"[ 2.00s] Hello!"` becomes `"Hello!"`; a line without a stamp stays as it is.
pub fn without_stamp(line: &str) -> &str {
    match stamp(line) {
        Some(_) => &line[line.find("] ").map_or(0, |end| end + 2)..],
        None => line,
    }
}

/// Replaces every measured time in `line` (digits, a dot, two digits: `6.00`, `12.51`)
/// by `#.##`, so that lines from a real run compare equal to the paused-clock ones.
pub fn mask_times(line: &str) -> String {
    let chars: Vec<char> = line.chars().collect();
    let mut masked = String::with_capacity(line.len());
    let mut i = 0;
    while i < chars.len() {
        let digits = chars[i..].iter().take_while(|c| c.is_ascii_digit()).count();
        let is_time = digits > 0
            && chars.get(i + digits) == Some(&'.')
            && chars.get(i + digits + 1).is_some_and(char::is_ascii_digit)
            && chars.get(i + digits + 2).is_some_and(char::is_ascii_digit)
            && !chars.get(i + digits + 3).is_some_and(char::is_ascii_digit)
            && (i == 0 || !chars[i - 1].is_ascii_digit());
        if is_time {
            masked.push_str("#.##");
            i += digits + 3;
        } else {
            masked.push(chars[i]);
            i += 1;
        }
    }
    masked
}

/// The time in a `"[ 2.00s] ..."` stamp.
pub fn stamp(line: &str) -> Option<Duration> {
    let inside = line.strip_prefix('[')?.split_once("s] ")?.0;
    inside
        .trim()
        .parse::<f64>()
        .ok()
        .map(Duration::from_secs_f64)
}

/// Runs the binary of lesson `package` with `args` and waits for it (at most
/// [`DEADLINE`]), as `cargo run -p package -- args` would, without cargo in between.
#[track_caller]
pub fn run_lesson(package: &str, args: &[&str]) -> Finished {
    let binary = binary_path(package);
    let command = format!("{package} {}", args.join(" "));
    let started = Instant::now();
    let mut child = Command::new(&binary)
        .args(args)
        .current_dir(workspace_root())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|error| panic!("could not start {}: {error}", binary.display()));
    // Read both pipes on their own threads while the lesson runs, so that a lesson that
    // prints a lot never blocks on a full pipe.
    let stdout = read_on_a_thread(child.stdout.take());
    let stderr = read_on_a_thread(child.stderr.take());
    let status = match child.wait_timeout(DEADLINE) {
        Ok(Some(status)) => status,
        Ok(None) | Err(_) => {
            let _ = child.kill();
            let _ = child.wait();
            panic!(
                "{command} did not finish within {DEADLINE:?}; stdout so far:\n{}",
                stdout.join().unwrap_or_default()
            );
        }
    };
    let wall_time = started.elapsed();
    Finished {
        command,
        status,
        stdout: stdout.join().unwrap_or_default(),
        stderr: stderr.join().unwrap_or_default(),
        wall_time,
    }
}

fn read_on_a_thread(pipe: Option<impl Read + Send + 'static>) -> thread::JoinHandle<String> {
    thread::spawn(move || {
        let mut text = String::new();
        if let Some(mut pipe) = pipe {
            let mut bytes = Vec::new();
            let _ = pipe.read_to_end(&mut bytes);
            text = String::from_utf8_lossy(&bytes).into_owned();
        }
        text
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_are_masked_and_other_numbers_kept() {
        assert_eq!(
            mask_times("Total time: 6.01 seconds, 12.50s, 3 turns, v1.2.3"),
            "Total time: #.## seconds, #.##s, 3 turns, v1.2.3"
        );
        assert_eq!(mask_times("[ 2.00s] Hello!"), "[ #.##s] Hello!");
    }
}
