//! Where a lesson writes what it has to say.
//!
//! A lesson never calls `println!` directly. It writes to a [`Transcript`], which either
//! prints each line to stdout the moment it is written (the binary a learner runs) or
//! keeps the lines in memory (the test that checks the lesson). The lesson code is the
//! same in both cases, so the test checks exactly what the learner sees.
//!
//! Lines written with [`Transcript::say`] carry the lesson time in front, read from
//! tokio's clock: `[ 2.00s] Hello!`. Under a paused clock those stamps are exact.

use std::fmt::Display;
use std::io::Write;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use crate::clock::{self, LessonClock};

/// A lesson's output: stdout in a real run, a buffer in a test.
///
/// Cloning is cheap and every clone writes to the same place with the same clock, so
/// each task of a lesson can hold its own clone.
#[derive(Clone, Debug)]
pub struct Transcript {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    clock: LessonClock,
    captured: Option<Mutex<Vec<String>>>,
    /// Pictures (SVG text) kept beside the lines, for a captured transcript only.
    figures: Mutex<Vec<String>>,
    written: AtomicUsize,
}

impl Transcript {
    /// A transcript that prints every line to stdout as soon as it is written.
    ///
    /// Its clock starts now.
    pub fn stdout() -> Self {
        Self::new(None)
    }

    /// A transcript that keeps its lines for a test to read back with
    /// [`lines`](Self::lines) or [`text`](Self::text).
    ///
    /// Its clock starts now: create it inside the (paused) runtime of the test.
    pub fn captured() -> Self {
        Self::new(Some(Mutex::new(Vec::new())))
    }

    fn new(captured: Option<Mutex<Vec<String>>>) -> Self {
        Self {
            inner: Arc::new(Inner {
                clock: LessonClock::start(),
                captured,
                figures: Mutex::default(),
                written: AtomicUsize::new(0),
            }),
        }
    }

    /// Lesson time so far.
    pub fn elapsed(&self) -> Duration {
        self.inner.clock.elapsed()
    }

    /// Writes `text` with the lesson time in front: `[ 2.00s] Hello!`.
    pub fn say(&self, text: impl Display) {
        self.say_at(self.elapsed(), text);
    }

    /// Writes `text` stamped with `elapsed` instead of the transcript's own clock: for
    /// parts of a lesson that keep their own time (a hand-made event loop, a runtime
    /// started inside the lesson).
    pub fn say_at(&self, elapsed: Duration, text: impl Display) {
        let stamp = stamp(elapsed);
        for line in text.to_string().lines() {
            self.write(format!("{stamp} {line}"));
        }
    }

    /// Writes `text` as it is, without a time stamp (explanations, charts, tables).
    ///
    /// Text with several lines is written line by line; an empty text writes one empty
    /// line.
    pub fn note(&self, text: impl Display) {
        let text = text.to_string();
        if text.is_empty() {
            self.write(String::new());
        }
        for line in text.lines() {
            self.write(line.to_owned());
        }
    }

    /// Writes `text` as a paragraph: word-wrapped to [`WIDTH`] columns, no time stamp.
    /// For the explanations a lesson prints between its measurements.
    pub fn paragraph(&self, text: impl Display) {
        for line in wrap(&text.to_string(), WIDTH) {
            self.write(line);
        }
    }

    /// Shows `text` as a progress line that the next call overwrites, on a terminal
    /// only: in a pipe, a file or a test it writes nothing, so the output stays plain
    /// lines. Finish with [`progress_done`](Self::progress_done).
    pub fn progress(&self, text: impl Display) {
        if self.is_terminal() {
            let mut out = std::io::stdout().lock();
            let _ = write!(out, "\r{text}\x1b[K");
            let _ = out.flush();
        }
    }

    /// Clears the progress line (on a terminal; elsewhere it does nothing).
    pub fn progress_done(&self) {
        if self.is_terminal() {
            let mut out = std::io::stdout().lock();
            let _ = write!(out, "\r\x1b[K");
            let _ = out.flush();
        }
    }

    /// Starts a new part of the lesson: an empty line, then `== title ==`.
    pub fn heading(&self, title: impl Display) {
        self.write(String::new());
        self.write(format!("== {title} =="));
    }

    /// Whether the lines go to a terminal (so charts may use colour). Always `false` for
    /// a captured transcript; `NO_COLOR` in the environment also turns colour off.
    pub fn is_terminal(&self) -> bool {
        use std::io::IsTerminal;
        self.inner.captured.is_none()
            && std::env::var_os("NO_COLOR").is_none()
            && std::io::stdout().is_terminal()
    }

    /// How many lines have been written so far, to stdout or to the buffer alike.
    ///
    /// Lessons use it to *measure* whether some code ran: if a future printed nothing,
    /// this number did not move.
    pub fn lines_written(&self) -> usize {
        self.inner.written.load(Ordering::SeqCst)
    }

    /// Every line written so far (empty for a transcript that prints to stdout).
    pub fn lines(&self) -> Vec<String> {
        match &self.inner.captured {
            Some(lines) => lines.lock().unwrap_or_else(PoisonError::into_inner).clone(),
            None => Vec::new(),
        }
    }

    /// Keeps a picture of what was just written (an SVG timeline) for a test to read
    /// back with [`figures`](Self::figures). `draw` runs only for a captured transcript:
    /// a learner's run, which prints to stdout, draws nothing.
    pub fn figure(&self, draw: impl FnOnce() -> String) {
        if self.inner.captured.is_some() {
            let picture = draw();
            self.inner
                .figures
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .push(picture);
        }
    }

    /// Every picture kept so far, in the order they were made.
    pub fn figures(&self) -> Vec<String> {
        self.inner
            .figures
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// Every line written so far, joined with newlines (each line ends with one).
    pub fn text(&self) -> String {
        self.lines()
            .iter()
            .map(|line| format!("{line}\n"))
            .collect()
    }

    fn write(&self, line: String) {
        self.inner.written.fetch_add(1, Ordering::SeqCst);
        match &self.inner.captured {
            // A test's buffer. A poisoned lock only means another task panicked while
            // writing; the lines are still good, so keep them.
            Some(lines) => lines
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .push(line),
            None => {
                // `println!` would panic if stdout were closed (`lesson | head -1`);
                // a lesson should not crash because its reader left early.
                let mut out = std::io::stdout().lock();
                let _ = writeln!(out, "{line}");
                let _ = out.flush();
            }
        }
    }
}

/// The width lesson output is made to fit: charts and paragraphs stay within it.
pub const WIDTH: usize = 80;

/// Splits `text` into lines of at most `width` characters, breaking between words (a
/// single word longer than `width` gets a line of its own).
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let fits = line.chars().count() + 1 + word.chars().count() <= width;
        if !line.is_empty() && !fits {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// The time stamp [`Transcript::say`] puts in front of a line: `"[ 2.00s]"`.
pub fn stamp(elapsed: Duration) -> String {
    format!("[{:>5}s]", clock::seconds(elapsed))
}

/// The time in a line's [`stamp`], read back: `"[ 2.00s] Hello!"` gives 2 s; a line
/// without a stamp gives `None`.
pub fn parse_stamp(line: &str) -> Option<Duration> {
    let inside = line.strip_prefix('[')?.split_once("s] ")?.0;
    inside
        .trim()
        .parse::<f64>()
        .ok()
        .map(Duration::from_secs_f64)
}

/// A line with its [`stamp`] taken off: `"[ 2.00s] Hello!"` gives `"Hello!"`; a line
/// without a stamp is returned as it is.
pub fn without_stamp(line: &str) -> &str {
    match parse_stamp(line) {
        Some(_) => line.split_once("] ").map_or(line, |(_, text)| text),
        None => line,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stamps_are_right_aligned_seconds() {
        assert_eq!(stamp(Duration::ZERO), "[ 0.00s]");
        assert_eq!(stamp(Duration::from_millis(12_340)), "[12.34s]");
    }

    #[test]
    fn stamps_read_back() {
        let line = format!("{} Hello!", stamp(Duration::from_millis(2_500)));
        assert_eq!(parse_stamp(&line), Some(Duration::from_millis(2_500)));
        assert_eq!(without_stamp(&line), "Hello!");
        assert_eq!(parse_stamp("plain [text] line"), None);
        assert_eq!(without_stamp("plain line"), "plain line");
    }

    #[tokio::test(start_paused = true)]
    async fn captured_lines_carry_exact_lesson_time() {
        let out = Transcript::captured();
        out.say("Starting...");
        tokio::time::sleep(Duration::from_secs(2)).await;
        // A clone writes into the same buffer with the same clock.
        out.clone().say("Hello!\nand goodbye");
        out.heading("Part 2");
        out.note("plain");
        out.say_at(Duration::from_millis(1500), "own clock");
        out.note("");
        assert_eq!(
            out.lines(),
            [
                "[ 0.00s] Starting...",
                "[ 2.00s] Hello!",
                "[ 2.00s] and goodbye",
                "",
                "== Part 2 ==",
                "plain",
                "[ 1.50s] own clock",
                "",
            ]
        );
        assert!(out.text().ends_with("own clock\n\n"));
        assert_eq!(out.lines_written(), 8);
    }

    #[test]
    fn paragraphs_wrap_between_words() {
        assert_eq!(wrap("one two three four", 9), ["one two", "three", "four"]);
        assert_eq!(wrap("a-very-long-word b", 4), ["a-very-long-word", "b"]);
        assert_eq!(wrap("", 10), [""]);
        let out = Transcript::captured();
        out.paragraph("word ".repeat(30));
        assert!(out.lines().iter().all(|line| line.chars().count() <= WIDTH));
        assert_eq!(out.lines().len(), 2);
    }

    #[test]
    fn progress_is_silent_off_a_terminal() {
        let out = Transcript::captured();
        out.progress("[###...] 3/6");
        out.progress_done();
        assert_eq!(out.lines_written(), 0);
        assert!(!out.is_terminal());
    }

    #[test]
    fn stdout_transcript_keeps_nothing() {
        let out = Transcript::stdout();
        out.note("this line goes to the test's stdout");
        assert!(out.lines().is_empty());
        assert_eq!(out.lines_written(), 1);
    }
}
