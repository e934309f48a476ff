//! A deliberately tiny command-line parser for lesson binaries.
//!
//! Lessons take at most a handful of `--options`, so a full argument-parsing crate would
//! cost more build time than it saves. What this one guarantees is the behaviour a
//! learner should get: `--help` prints the options and exits 0; anything unexpected
//! prints **one line** (`error: ...; usage: ...`) to stderr and exits with code 2, the
//! conventional code for a usage error. It never panics.

use std::ffi::OsString;
use std::fmt;

/// The exit code for a command-line usage error.
pub const USAGE_EXIT_CODE: i32 = 2;

/// What a lesson binary accepts on its command line.
#[derive(Debug)]
pub struct Command {
    /// The binary's name, as the learner types it.
    pub name: &'static str,
    /// One sentence: what running it shows.
    pub about: &'static str,
    /// The `--options` it understands (`--help` is always understood).
    pub options: &'static [Opt],
}

/// One `--option`, either a flag or an option that takes a value.
#[derive(Debug)]
pub struct Opt {
    /// The name without dashes: `"url"` for `--url`.
    pub name: &'static str,
    /// For an option that takes a value, how the help names it (`Some("URL")`).
    pub value: Option<&'static str>,
    /// One line of help.
    pub help: &'static str,
}

/// What the command line asked for.
#[derive(Debug, PartialEq, Eq)]
pub enum Parsed {
    /// Run the lesson with these arguments.
    Run(Args),
    /// Print this help text and exit successfully.
    Help(String),
}

/// The options given on the command line, each at most once.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Args {
    given: Vec<(&'static str, Option<String>)>,
}

impl Args {
    /// Whether the flag `--name` was given.
    pub fn flag(&self, name: &str) -> bool {
        self.given.iter().any(|(given, _)| *given == name)
    }

    /// The value given to `--name VALUE`, if it was given.
    pub fn value(&self, name: &str) -> Option<&str> {
        self.given
            .iter()
            .find(|(given, _)| *given == name)
            .and_then(|(_, value)| value.as_deref())
    }
}

/// A command line the binary does not understand.
#[derive(Debug, PartialEq, Eq)]
pub struct UsageError {
    problem: String,
    usage: String,
}

impl fmt::Display for UsageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "error: {}; usage: {}", self.problem, self.usage)
    }
}

impl std::error::Error for UsageError {}

impl Command {
    /// Parses this process's arguments. Prints help and exits 0 for `--help`; prints a
    /// one-line error and exits 2 for anything it does not understand.
    pub fn parse(&self) -> Args {
        match self.parse_from(std::env::args_os().skip(1)) {
            Ok(Parsed::Run(args)) => args,
            Ok(Parsed::Help(help)) => {
                // Help is what the learner asked for, so it goes to stdout.
                use std::io::Write;
                let _ = write!(std::io::stdout().lock(), "{help}");
                std::process::exit(0)
            }
            Err(error) => {
                eprintln!("{error}");
                std::process::exit(USAGE_EXIT_CODE)
            }
        }
    }

    /// Parses `arguments` (without the program name).
    pub fn parse_from<I, A>(&self, arguments: I) -> Result<Parsed, UsageError>
    where
        I: IntoIterator<Item = A>,
        A: Into<OsString>,
    {
        let mut args = Args::default();
        let mut rest = arguments.into_iter().map(Into::into);
        while let Some(raw) = rest.next() {
            let Some(word) = raw.to_str() else {
                return Err(self.error(format!(
                    "argument {} is not valid UTF-8",
                    raw.to_string_lossy()
                )));
            };
            if word == "--help" || word == "-h" {
                return Ok(Parsed::Help(self.help()));
            }
            let (name, inline_value) = match word.strip_prefix("--") {
                Some(option) => match option.split_once('=') {
                    Some((name, value)) => (name, Some(value.to_owned())),
                    None => (option, None),
                },
                None => return Err(self.error(format!("unexpected argument '{word}'"))),
            };
            let Some(opt) = self.options.iter().find(|opt| opt.name == name) else {
                return Err(self.error(format!("unexpected argument '{word}'")));
            };
            if args.flag(opt.name) {
                return Err(self.error(format!("--{name} was given twice")));
            }
            let value = match (opt.value, inline_value) {
                (None, None) => None,
                (None, Some(_)) => {
                    return Err(self.error(format!("--{name} does not take a value")));
                }
                (Some(_), Some(value)) => Some(value),
                (Some(placeholder), None) => match rest.next() {
                    Some(value) => Some(value.to_string_lossy().into_owned()),
                    None => {
                        return Err(self.error(format!("--{name} needs a value ({placeholder})")));
                    }
                },
            };
            args.given.push((opt.name, value));
        }
        Ok(Parsed::Run(args))
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

/// Reports a failure the lesson could not recover from (a refused connection, a bad URL)
/// as one line on stderr, and exits with code 1. No panic, no backtrace.
pub fn exit_with_error(problem: impl fmt::Display) -> ! {
    eprintln!("error: {problem}");
    std::process::exit(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    const COMMAND: Command = Command {
        name: "lesson-x",
        about: "Shows x.",
        options: &[
            Opt {
                name: "fast",
                value: None,
                help: "Go fast",
            },
            Opt {
                name: "url",
                value: Some("URL"),
                help: "Fetch URL",
            },
        ],
    };

    fn run(args: &[&str]) -> Result<Parsed, UsageError> {
        COMMAND.parse_from(args.iter().copied())
    }

    #[test]
    fn flags_and_values_are_read() {
        let Ok(Parsed::Run(args)) = run(&["--fast", "--url", "http://x/"]) else {
            panic!("expected arguments to parse");
        };
        assert!(args.flag("fast"));
        assert_eq!(args.value("url"), Some("http://x/"));

        let Ok(Parsed::Run(args)) = run(&["--url=http://y/"]) else {
            panic!("expected --url=VALUE to parse");
        };
        assert!(!args.flag("fast"));
        assert_eq!(args.value("url"), Some("http://y/"));
    }

    #[test]
    fn anything_unexpected_is_one_line_with_the_usage() {
        let usage = "lesson-x [--fast] [--url URL] [--help]";
        for (args, problem) in [
            (&["--slow"][..], "unexpected argument '--slow'"),
            (&["extra"][..], "unexpected argument 'extra'"),
            (&["--url"][..], "--url needs a value (URL)"),
            (&["--fast=yes"][..], "--fast does not take a value"),
            (&["--fast", "--fast"][..], "--fast was given twice"),
        ] {
            let error = run(args).expect_err("should be rejected");
            assert_eq!(
                error.to_string(),
                format!("error: {problem}; usage: {usage}")
            );
            assert!(!error.to_string().contains('\n'));
        }
    }

    #[test]
    fn help_lists_every_option() {
        let Ok(Parsed::Help(help)) = run(&["--fast", "-h"]) else {
            panic!("expected help");
        };
        assert_eq!(
            help,
            "Shows x.\n\nUsage: lesson-x [--fast] [--url URL] [--help]\n\nOptions:\n  \
             --fast      Go fast\n  --url URL   Fetch URL\n  -h, --help  Print this help\n"
        );
    }
}
