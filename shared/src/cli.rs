//! A deliberately tiny command-line parser for the course's binaries.
//!
//! Lessons take at most a handful of `--options`, so an argument-parsing crate would cost
//! more build time than it saves (lesson 1 must build cold in a few seconds). What this
//! one guarantees is the behaviour a learner should get:
//!
//! - `--help` prints the options and exits 0;
//! - anything unexpected (an unknown option, a missing value, a value of the wrong kind
//!   or out of range, an option given without the one it needs) is **one line** on
//!   stderr, `error: ...; usage: ...`, and exit code 2, the conventional code for a
//!   usage error;
//! - it never panics and never calls `process::exit`: it returns values, and only the
//!   binary's `main` turns them into an exit code, so every destructor still runs.
//!
//! A binary's `main` reads:
//!
//! ```
//! use std::process::ExitCode;
//! use course_kit::cli::{Command, Opt};
//!
//! const COMMAND: Command = Command {
//!     name: "lesson-x",
//!     about: "Shows x.",
//!     options: &[Opt::flag("fast", "Go fast")],
//! };
//!
//! fn main() -> ExitCode {
//!     let args = match COMMAND.parse() {
//!         Ok(args) => args,
//!         Err(stop) => return stop.report(), // help (exit 0) or a usage error (exit 2)
//!     };
//!     let _fast = args.flag("fast");
//!     ExitCode::SUCCESS
//! }
//! ```

use std::ffi::OsString;
use std::fmt;
use std::ops::RangeInclusive;
use std::process::ExitCode;
use std::time::Duration;

/// The exit code for a command-line usage error.
pub const USAGE_EXIT_CODE: u8 = 2;

/// What a binary accepts on its command line.
#[derive(Debug)]
pub struct Command {
    /// The binary's name, as the learner types it.
    pub name: &'static str,
    /// One sentence: what running it shows.
    pub about: &'static str,
    /// The `--options` it understands (`--help` is always understood).
    pub options: &'static [Opt],
}

/// One `--option`: a flag, or an option that takes a value.
#[derive(Debug)]
pub struct Opt {
    /// The name without dashes: `"url"` for `--url`.
    pub name: &'static str,
    /// For an option that takes a value, how the help names it (`Some("URL")`).
    pub value: Option<&'static str>,
    /// One line of help.
    pub help: &'static str,
    /// Another option this one only makes sense with (`--timeout-ms` needs `--url`).
    pub requires: Option<&'static str>,
}

impl Opt {
    /// A flag: `--name`, no value.
    pub const fn flag(name: &'static str, help: &'static str) -> Self {
        Self {
            name,
            value: None,
            help,
            requires: None,
        }
    }

    /// An option with a value: `--name PLACEHOLDER`.
    pub const fn value(name: &'static str, placeholder: &'static str, help: &'static str) -> Self {
        Self {
            name,
            value: Some(placeholder),
            help,
            requires: None,
        }
    }

    /// This option is refused unless `--other` is given too.
    pub const fn requires(mut self, other: &'static str) -> Self {
        self.requires = Some(other);
        self
    }
}

/// Why parsing stopped before there was anything to run.
#[derive(Debug, PartialEq, Eq)]
pub enum Stop {
    /// `--help`: print this text to stdout and exit 0.
    Help(String),
    /// A command line the binary does not understand: one line on stderr, exit 2.
    Usage(UsageError),
}

impl Stop {
    /// Prints the help (stdout) or the error (stderr, one line) and returns the exit
    /// code for `main` to return.
    pub fn report(self) -> ExitCode {
        match self {
            Self::Help(help) => {
                use std::io::Write;
                // Help is what the learner asked for, so it goes to stdout.
                let _ = write!(std::io::stdout().lock(), "{help}");
                ExitCode::SUCCESS
            }
            Self::Usage(error) => error.report(),
        }
    }
}

impl From<UsageError> for Stop {
    fn from(error: UsageError) -> Self {
        Self::Usage(error)
    }
}

/// The options given on the command line, each at most once.
#[derive(Debug, PartialEq, Eq)]
pub struct Args {
    given: Vec<(&'static str, Option<String>)>,
    usage: String,
}

impl Args {
    /// Whether the flag (or option) `--name` was given.
    pub fn flag(&self, name: &str) -> bool {
        self.given.iter().any(|(given, _)| *given == name)
    }

    /// The text given to `--name VALUE`, if it was given.
    pub fn value(&self, name: &str) -> Option<&str> {
        self.given
            .iter()
            .find(|(given, _)| *given == name)
            .and_then(|(_, value)| value.as_deref())
    }

    /// The whole number given to `--name`, checked against `range` before anything
    /// uses it; `None` if the option was not given.
    pub fn number(
        &self,
        name: &str,
        range: RangeInclusive<u64>,
    ) -> Result<Option<u64>, UsageError> {
        let Some(text) = self.value(name) else {
            return Ok(None);
        };
        let wanted = || {
            format!(
                "--{name} wants a whole number from {} to {}, got {text:?}",
                group_digits(*range.start()),
                group_digits(*range.end())
            )
        };
        match text.parse::<u64>() {
            Ok(number) if range.contains(&number) => Ok(Some(number)),
            _ => Err(self.error(wanted())),
        }
    }

    /// A count of things (tasks, requests) given to `--name`, checked against `range`.
    pub fn count(
        &self,
        name: &str,
        range: RangeInclusive<usize>,
    ) -> Result<Option<usize>, UsageError> {
        let wide = (*range.start() as u64)..=(*range.end() as u64);
        // The range fits in usize, so every number inside it does too.
        Ok(self
            .number(name, wide)?
            .and_then(|n| usize::try_from(n).ok()))
    }

    /// A duration given in milliseconds to `--name`, checked against `range` (in ms).
    pub fn millis(
        &self,
        name: &str,
        range: RangeInclusive<u64>,
    ) -> Result<Option<Duration>, UsageError> {
        Ok(self.number(name, range)?.map(Duration::from_millis))
    }

    /// A usage error about these arguments, with the binary's usage line.
    pub fn error(&self, problem: impl Into<String>) -> UsageError {
        UsageError {
            problem: problem.into(),
            usage: self.usage.clone(),
        }
    }
}

/// `1234567` as `1,234,567`, so that ranges in messages read at a glance.
pub fn group_digits(number: u64) -> String {
    let digits = number.to_string();
    let mut grouped = String::new();
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    grouped
}

/// A command line the binary does not understand.
#[derive(Debug, PartialEq, Eq)]
pub struct UsageError {
    problem: String,
    usage: String,
}

impl UsageError {
    /// Prints the error as one line on stderr and returns exit code 2.
    pub fn report(self) -> ExitCode {
        eprintln!("{self}");
        ExitCode::from(USAGE_EXIT_CODE)
    }
}

impl fmt::Display for UsageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "error: {}; usage: {}", self.problem, self.usage)
    }
}

impl std::error::Error for UsageError {}

impl Command {
    /// Parses this process's arguments.
    pub fn parse(&self) -> Result<Args, Stop> {
        self.parse_from(std::env::args_os().skip(1))
    }

    /// Parses `arguments` (without the program name).
    pub fn parse_from<I, A>(&self, arguments: I) -> Result<Args, Stop>
    where
        I: IntoIterator<Item = A>,
        A: Into<OsString>,
    {
        let mut args = Args {
            given: Vec::new(),
            usage: self.usage(),
        };
        let mut rest = arguments.into_iter().map(Into::into);
        while let Some(raw) = rest.next() {
            let Some(word) = raw.to_str() else {
                return Err(self
                    .error(format!(
                        "argument {} is not valid UTF-8",
                        raw.to_string_lossy()
                    ))
                    .into());
            };
            if word == "--help" || word == "-h" {
                return Err(Stop::Help(self.help()));
            }
            let (name, inline_value) = match word.strip_prefix("--") {
                Some(option) => match option.split_once('=') {
                    Some((name, value)) => (name, Some(value.to_owned())),
                    None => (option, None),
                },
                None => return Err(self.error(format!("unexpected argument '{word}'")).into()),
            };
            let Some(opt) = self.options.iter().find(|opt| opt.name == name) else {
                return Err(self.error(format!("unexpected argument '{word}'")).into());
            };
            if args.flag(opt.name) {
                return Err(self.error(format!("--{name} was given twice")).into());
            }
            let value = match (opt.value, inline_value) {
                (None, None) => None,
                (None, Some(_)) => {
                    return Err(self.error(format!("--{name} does not take a value")).into());
                }
                (Some(_), Some(value)) => Some(value),
                (Some(placeholder), None) => match rest.next() {
                    Some(value) => Some(value.to_string_lossy().into_owned()),
                    None => {
                        return Err(self
                            .error(format!("--{name} needs a value ({placeholder})"))
                            .into());
                    }
                },
            };
            args.given.push((opt.name, value));
        }
        // An option that only makes sense with another is refused, not ignored.
        for opt in self.options {
            if let Some(needed) = opt.requires
                && args.flag(opt.name)
                && !args.flag(needed)
            {
                return Err(self
                    .error(format!(
                        "--{} only works together with --{needed}",
                        opt.name
                    ))
                    .into());
            }
        }
        Ok(args)
    }

    /// The one-line synopsis: `lesson-01-coroutines [--by-hand] [--help]`.
    pub fn usage(&self) -> String {
        let mut usage = self.name.to_owned();
        for opt in self.options {
            match opt.value {
                Some(value) => usage.push_str(&format!(" [--{} {value}]", opt.name)),
                None => usage.push_str(&format!(" [--{}]", opt.name)),
            }
        }
        usage.push_str(" [--help]");
        usage
    }

    /// The full `--help` text.
    pub fn help(&self) -> String {
        let mut help = format!("{}\n\nUsage: {}\n\nOptions:\n", self.about, self.usage());
        let label = |opt: &Opt| match opt.value {
            Some(value) => format!("--{} {value}", opt.name),
            None => format!("--{}", opt.name),
        };
        let width = self
            .options
            .iter()
            .map(|o| label(o).len())
            .max()
            .unwrap_or(0);
        let width = width.max("-h, --help".len());
        for opt in self.options {
            help.push_str(&format!("  {:width$}  {}\n", label(opt), opt.help));
        }
        help.push_str(&format!("  {:width$}  Print this help\n", "-h, --help"));
        help
    }

    fn error(&self, problem: String) -> UsageError {
        UsageError {
            problem,
            usage: self.usage(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const COMMAND: Command = Command {
        name: "lesson-x",
        about: "Shows x.",
        options: &[
            Opt::flag("fast", "Go fast"),
            Opt::value("url", "URL", "Fetch URL"),
            Opt::value("timeout-ms", "MS", "Give up after MS").requires("url"),
        ],
    };

    const USAGE: &str = "lesson-x [--fast] [--url URL] [--timeout-ms MS] [--help]";

    fn run(args: &[&str]) -> Result<Args, Stop> {
        COMMAND.parse_from(args.iter().copied())
    }

    #[track_caller]
    fn usage_error(args: &[&str]) -> String {
        match run(args) {
            Err(Stop::Usage(error)) => error.to_string(),
            other => panic!("expected a usage error for {args:?}, got {other:?}"),
        }
    }

    #[test]
    fn flags_and_values_are_read() {
        let args = run(&["--fast", "--url", "http://x/"]).expect("parses");
        assert!(args.flag("fast"));
        assert_eq!(args.value("url"), Some("http://x/"));

        let args = run(&["--url=http://y/"]).expect("--url=VALUE parses");
        assert!(!args.flag("fast"));
        assert_eq!(args.value("url"), Some("http://y/"));
    }

    #[test]
    fn anything_unexpected_is_one_line_with_the_usage() {
        for (args, problem) in [
            (&["--slow"][..], "unexpected argument '--slow'"),
            (&["extra"][..], "unexpected argument 'extra'"),
            (&["--url"][..], "--url needs a value (URL)"),
            (&["--fast=yes"][..], "--fast does not take a value"),
            (&["--fast", "--fast"][..], "--fast was given twice"),
            (
                &["--timeout-ms", "5"][..],
                "--timeout-ms only works together with --url",
            ),
        ] {
            let error = usage_error(args);
            assert_eq!(error, format!("error: {problem}; usage: {USAGE}"));
            assert!(!error.contains('\n'));
        }
    }

    #[test]
    fn numbers_are_typed_and_bounded() {
        let args = run(&["--url", "u", "--timeout-ms", "250"]).expect("parses");
        assert_eq!(
            args.millis("timeout-ms", 1..=60_000),
            Ok(Some(Duration::from_millis(250)))
        );
        assert_eq!(args.count("missing", 1..=10), Ok(None));
        for bad in ["abc", "0", "-1", "99999999999999999999", "60001"] {
            let args = run(&["--url", "u", "--timeout-ms", bad]).expect("parses");
            let error = args
                .millis("timeout-ms", 1..=60_000)
                .expect_err("out of range")
                .to_string();
            assert_eq!(
                error,
                format!(
                    "error: --timeout-ms wants a whole number from 1 to 60,000, got {bad:?}; \
                     usage: {USAGE}"
                )
            );
        }
    }

    #[test]
    fn help_lists_every_option() {
        let Err(Stop::Help(help)) = run(&["--fast", "-h"]) else {
            panic!("expected help");
        };
        assert_eq!(
            help,
            format!(
                "Shows x.\n\nUsage: {USAGE}\n\nOptions:\n  --fast           Go fast\n  \
                 --url URL        Fetch URL\n  --timeout-ms MS  Give up after MS\n  \
                 -h, --help       Print this help\n"
            )
        );
    }

    #[test]
    fn digits_are_grouped() {
        assert_eq!(group_digits(0), "0");
        assert_eq!(group_digits(999), "999");
        assert_eq!(group_digits(1000), "1,000");
        assert_eq!(group_digits(1_000_000), "1,000,000");
    }
}
