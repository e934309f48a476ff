//! `compare N`: lesson N's Python counterpart and its plain Rust version, run at the same
//! time, their outputs side by side and their total times compared.
//!
//! Both programs end with one `Total time: X.XX seconds` line per measurement, so the
//! comparison is of like with like: the same waits, the same shape.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::thread;
use std::time::Duration;

use course_kit::Transcript;
use course_kit::child::{self, Stderr};
use course_kit::clock::parse_total_time;

use crate::ToolError;
use course_devkit::workspace::Lesson;

/// Longer than any lesson's program runs (the longest waits a few seconds); a side still
/// running then is stopped, with whatever it started.
const RUN_DEADLINE: Duration = Duration::from_secs(120);

/// One program's run.
#[derive(Debug)]
pub struct Side {
    /// `Python` or `Rust`.
    pub label: String,
    /// The program's source, relative to the course root, and its length in lines.
    pub source: Source,
    /// What it printed on stdout, line by line.
    pub lines: Vec<String>,
    /// Every `Total time` it printed, in order.
    pub totals: Vec<Duration>,
    /// Why it could not run or failed (python3 missing, aiohttp missing, an exit code).
    pub problem: Option<String>,
}

/// A program's source file.
#[derive(Clone, Debug)]
pub struct Source {
    /// Relative to the course root: `python/lesson_03.py`.
    pub path: String,
    /// How many lines it has.
    pub lines: usize,
}

impl Source {
    fn read(root: &Path, path: String) -> Self {
        let lines =
            std::fs::read_to_string(root.join(&path)).map_or(0, |text| text.lines().count());
        Self { path, lines }
    }
}

/// What [`compare`] found.
#[derive(Debug)]
pub struct Comparison {
    /// The Python side.
    pub python: Side,
    /// The Rust side.
    pub rust: Side,
    /// What this lesson's two programs show side by side, from the plain version's
    /// `//! Beside Python:` paragraph.
    pub beside_python: Option<String>,
}

/// Runs `program args` to the end (at most [`RUN_DEADLINE`]), both pipes read at once,
/// and collects its output as a [`Side`].
fn run(
    label: &str,
    source: Source,
    program: &Path,
    first_args: &[String],
    args: &[String],
    root: &Path,
) -> Side {
    let mut command = Command::new(program);
    command.args(first_args).args(args).current_dir(root);
    let side = |lines: Vec<String>, problem: Option<String>| Side {
        label: label.to_owned(),
        source: source.clone(),
        totals: lines
            .iter()
            .filter_map(|line| parse_total_time(line))
            .collect(),
        lines,
        problem,
    };
    match child::run(&mut command, b"", RUN_DEADLINE, Stderr::Capture) {
        Ok(ended) => {
            let lines: Vec<String> = ended.stdout.lines().map(str::to_owned).collect();
            let problem = match ended.status {
                None => Some(format!(
                    "{} ran past {} s and was stopped",
                    program.display(),
                    RUN_DEADLINE.as_secs()
                )),
                Some(status) if !status.success() => {
                    let last = ended.stderr.lines().last().unwrap_or_default().trim();
                    Some(format!(
                        "{} exited with {status}: {last}",
                        program.display()
                    ))
                }
                Some(_) => None,
            };
            side(lines, problem)
        }
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => side(
            Vec::new(),
            Some(format!(
                "{} not found: install it to run this side",
                program.display()
            )),
        ),
        Err(error) => side(
            Vec::new(),
            Some(format!("cannot run {}: {error}", program.display())),
        ),
    }
}

/// The paragraph after `//! Beside Python:` in a plain version's header, on one line.
pub fn beside_python(source: &str) -> Option<String> {
    let mut lines = source
        .lines()
        .map_while(|line| line.strip_prefix("//!"))
        .map(str::trim)
        .skip_while(|line| !line.starts_with("Beside Python:"));
    let first = lines.next()?;
    let rest = lines.take_while(|line| !line.is_empty());
    Some(
        std::iter::once(first)
            .chain(rest)
            .collect::<Vec<_>>()
            .join(" "),
    )
}

/// Runs both programs of `lesson` at the same time with `args` (URLs, for lesson 6).
pub fn compare(
    root: &Path,
    lesson: &Lesson,
    plain: PathBuf,
    args: &[String],
) -> Result<Comparison, ToolError> {
    let python_file = lesson.python_file();
    if !root.join(&python_file).is_file() {
        return Err(ToolError::new(format!(
            "lesson {} has no Python counterpart ({python_file})",
            lesson.number
        )));
    }
    let rust_file = format!(
        "lessons/{}/examples/{}.rs",
        lesson.folder,
        lesson.plain_example()
    );
    let beside_python = std::fs::read_to_string(root.join(&rust_file))
        .ok()
        .and_then(|text| beside_python(&text));
    let (python_source, rust_source) = (
        Source::read(root, python_file.clone()),
        Source::read(root, rust_file),
    );
    let (python_root, rust_root) = (root.to_path_buf(), root.to_path_buf());
    let (python_args, rust_args) = (args.to_vec(), args.to_vec());
    // Side by side in time too: both run at once, each on its own thread.
    let python = thread::spawn(move || {
        run(
            "Python",
            python_source,
            Path::new("python3"),
            &[python_file],
            &python_args,
            &python_root,
        )
    });
    let rust = thread::spawn(move || run("Rust", rust_source, &plain, &[], &rust_args, &rust_root));
    let python = python
        .join()
        .map_err(|_| ToolError::new("the Python side's thread panicked"))?;
    let rust = rust
        .join()
        .map_err(|_| ToolError::new("the Rust side's thread panicked"))?;
    Ok(Comparison {
        python,
        rust,
        beside_python,
    })
}

/// Prints where the two programs are, their outputs in two columns, the total times and
/// their ratios, and what the lesson's two programs show side by side.
pub fn print(out: &Transcript, comparison: &Comparison) {
    let Comparison {
        python,
        rust,
        beside_python,
    } = comparison;
    out.note("The two programs (open them side by side to compare the code):");
    for side in [python, rust] {
        out.note(format!(
            "  {:<6} {} ({} lines)",
            side.label, side.source.path, side.source.lines
        ));
    }
    out.note("");
    let width = python
        .lines
        .iter()
        .chain(std::iter::once(&python.label))
        .map(|line| line.chars().count())
        .max()
        .unwrap_or(0)
        .min(60);
    let column = |text: &str| format!("{text:<width$}");
    out.note(format!("{} | {}", column(&python.label), rust.label));
    out.note(format!("{}-+-{}", "-".repeat(width), "-".repeat(width)));
    let rows = python.lines.len().max(rust.lines.len());
    for row in 0..rows {
        let left = python.lines.get(row).map_or("", String::as_str);
        let right = rust.lines.get(row).map_or("", String::as_str);
        out.note(format!("{} | {right}", column(left)));
    }
    for side in [python, rust] {
        if let Some(problem) = &side.problem {
            out.note(format!("{}: {problem}", side.label));
        }
    }
    out.note("");
    for (i, (p, r)) in python.totals.iter().zip(&rust.totals).enumerate() {
        out.note(format!(
            "Total time #{}: Python {:.2} s, Rust {:.2} s (Rust/Python {:.2})",
            i + 1,
            p.as_secs_f64(),
            r.as_secs_f64(),
            r.as_secs_f64() / p.as_secs_f64().max(f64::EPSILON)
        ));
    }
    if python.totals.len() == rust.totals.len() && !python.totals.is_empty() {
        let alike = python.totals.iter().zip(&rust.totals).all(|(p, r)| {
            let ratio = r.as_secs_f64() / p.as_secs_f64().max(f64::EPSILON);
            (0.8..=1.25).contains(&ratio)
        });
        out.note(if alike {
            "The same waits took the same time in both (within a quarter)."
        } else {
            "The times differ by more than a quarter: the two sides did not wait the same way."
        });
    }
    if let Some(beside_python) = beside_python {
        out.note("");
        out.paragraph(beside_python);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_beside_python_paragraph_is_read_from_the_header() {
        let source = "//! Lesson 9.\n//!\n//! Beside Python: one\n//! two.\n//!\n//! Other.\n\nfn main() {}\n";
        assert_eq!(
            beside_python(source).as_deref(),
            Some("Beside Python: one two.")
        );
        assert_eq!(
            beside_python("//! Lesson 9.\n\n//! Beside Python: no\n"),
            None
        );
    }
}
