//! What a finished binary did, and the assertions tests make about it. Every failure
//! message prints the whole run (command, exit, stdout, stderr).

use std::process::ExitStatus;
use std::time::Duration;

use course_kit::transcript::{parse_stamp, without_stamp};

use super::expect::{chart_masked, mask_times};
use super::golden::Golden;

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
            .and_then(parse_stamp)
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

    /// Asserts a zero exit code and that stderr holds only cargo's progress (`Compiling`,
    /// `Finished`...): a tool that builds what it runs shows the build, as cargo does.
    #[track_caller]
    pub fn assert_success_showing_the_build(&self) -> &Self {
        let cargo_words = ["Compiling", "Finished", "Blocking", "Building", "Locking"];
        let only_cargo = self.stderr.lines().all(|line| {
            cargo_words
                .iter()
                .any(|word| line.trim_start().starts_with(word))
        });
        assert!(
            self.status.success() && only_cargo,
            "expected success and only cargo's progress on stderr\n\n{self}"
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

    /// Asserts the lines printed equal the golden file once time stamps are taken off
    /// and times masked on both sides.
    #[track_caller]
    pub fn assert_like_golden(&self, golden: &Golden) -> &Self {
        golden.assert_matches(
            &self.lines(),
            |line| mask_times(&chart_masked(without_stamp(line))),
            &format!("\n{self}"),
        );
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
