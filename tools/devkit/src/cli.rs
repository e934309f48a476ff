//! Command lines for the tools, parsed by clap (derive), with the course's rule for bad
//! input: one line on stderr and exit status 2, never a screenful.

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;
use clap::error::ErrorKind;

/// Parses this process's arguments into `T`. `--help` prints the help and stops with 0;
/// a usage error prints one line (the problem and `try --help`) and stops with 2.
pub fn parse<T: Parser>() -> Result<T, ExitCode> {
    parse_from(std::env::args_os())
}

/// [`parse`] for the given arguments (the program's name first).
pub fn parse_from<T, I, A>(arguments: I) -> Result<T, ExitCode>
where
    T: Parser,
    I: IntoIterator<Item = A>,
    A: Into<std::ffi::OsString> + Clone,
{
    T::try_parse_from(arguments).map_err(|error| {
        if matches!(
            error.kind(),
            ErrorKind::DisplayHelp | ErrorKind::DisplayVersion
        ) {
            let _ = error.print();
            return ExitCode::SUCCESS;
        }
        let _ = writeln!(std::io::stderr(), "{}", one_line(&error.to_string()));
        ExitCode::from(2)
    })
}

/// clap's message up to its usage, on one line.
fn one_line(rendered: &str) -> String {
    let problem = rendered
        .split("\n\nUsage:")
        .next()
        .and_then(|problem| problem.split("\n\nFor more information").next())
        .unwrap_or(rendered);
    let words: Vec<&str> = problem.split_whitespace().collect();
    format!("{} (try --help)", words.join(" "))
}

/// A clap value parser for a count within `range`, saying the range with grouped digits
/// when the value is not in it: `#[arg(long, value_parser = count(1..=1_000))]`.
pub fn count(
    range: std::ops::RangeInclusive<usize>,
) -> impl Fn(&str) -> Result<usize, String> + Clone + Send + Sync + 'static {
    move |text: &str| {
        text.parse::<usize>()
            .ok()
            .filter(|number| range.contains(number))
            .ok_or_else(|| {
                format!(
                    "a whole number from {} to {} is wanted",
                    course_kit::cli::group_digits(*range.start() as u64),
                    course_kit::cli::group_digits(*range.end() as u64)
                )
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Parser, Debug)]
    struct Try {
        #[arg(long)]
        yes: bool,
        name: String,
    }

    #[test]
    fn usage_errors_are_one_line_and_status_2() {
        assert_eq!(
            parse_from::<Try, _, _>(["t"]).unwrap_err(),
            ExitCode::from(2)
        );
        assert_eq!(
            parse_from::<Try, _, _>(["t", "x", "--json"]).unwrap_err(),
            ExitCode::from(2)
        );
        assert!(parse_from::<Try, _, _>(["t", "--yes", "x"]).is_ok_and(|t| t.yes && t.name == "x"));
        let within = count(1..=1_000);
        assert_eq!(within("7"), Ok(7));
        for bad in ["0", "1001", "lots", "-1", "99999999999999999999999"] {
            assert_eq!(
                within(bad),
                Err("a whole number from 1 to 1,000 is wanted".to_owned())
            );
        }
        let line = one_line(
            "error: the following required arguments were not provided:\n  <NAME>\n\nUsage: t \
             <NAME>\n\nFor more information, try '--help'.\n",
        );
        assert_eq!(
            line,
            "error: the following required arguments were not provided: <NAME> (try --help)"
        );
        let line = one_line(
            "error: invalid value '0' for '--tasks <N>': a whole number is wanted\n\nFor more \
             information, try '--help'.\n",
        );
        assert_eq!(
            line,
            "error: invalid value '0' for '--tasks <N>': a whole number is wanted (try --help)"
        );
    }
}
