//! `compare N`: lesson N's Python counterpart and its plain Rust version, run at the same
//! time, their outputs side by side and their total times compared.
//!
//! Both programs end with one `Total time: X.XX seconds` line per measurement, so the
//! comparison is of like with like: the same waits, the same shape.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use course_kit::Transcript;
use course_kit::clock::parse_total_time;

use crate::ToolError;
use crate::workspace::Lesson;

/// One program's run.
#[derive(Debug)]
pub struct Side {
    /// `Python (python/lesson_03.py)` or `Rust (examples/plain-03.rs)`.
    pub label: String,
    /// What it printed on stdout, line by line.
    pub lines: Vec<String>,
    /// Every `Total time` it printed, in order.
    pub totals: Vec<Duration>,
    /// Why it could not run or failed (python3 missing, aiohttp missing, an exit code).
    pub problem: Option<String>,
}

/// What [`compare`] found.
#[derive(Debug)]
pub struct Comparison {
    /// The Python side.
    pub python: Side,
    /// The Rust side.
    pub rust: Side,
}

/// Runs `program args` to the end and collects its output as a [`Side`].
fn run(label: String, program: &Path, first_args: &[String], args: &[String], root: &Path) -> Side {
    let started = Instant::now();
    let output = Command::new(program)
        .args(first_args)
        .args(args)
        .current_dir(root)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .and_then(|mut child| {
            let mut stdout = String::new();
            let mut stderr = String::new();
            if let Some(mut pipe) = child.stdout.take() {
                pipe.read_to_string(&mut stdout)?;
            }
            if let Some(mut pipe) = child.stderr.take() {
                pipe.read_to_string(&mut stderr)?;
            }
            Ok((child.wait()?, stdout, stderr))
        });
    let _wall = started.elapsed();
    match output {
        Ok((status, stdout, stderr)) => {
            let lines: Vec<String> = stdout.lines().map(str::to_owned).collect();
            let totals = lines
                .iter()
                .filter_map(|line| parse_total_time(line))
                .collect();
            let problem = (!status.success()).then(|| {
                let first = stderr.lines().last().unwrap_or_default().trim().to_owned();
                format!("{} exited with {status}: {first}", program.display())
            });
            Side {
                label,
                lines,
                totals,
                problem,
            }
        }
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => Side {
            label,
            lines: Vec::new(),
            totals: Vec::new(),
            problem: Some(format!(
                "{} not found: install it to run this side",
                program.display()
            )),
        },
        Err(error) => Side {
            label,
            lines: Vec::new(),
            totals: Vec::new(),
            problem: Some(format!("cannot run {}: {error}", program.display())),
        },
    }
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
    let python_label = format!("Python ({python_file})");
    let rust_label = format!("Rust (examples/{}.rs)", lesson.plain_example());
    let (python_root, rust_root) = (root.to_path_buf(), root.to_path_buf());
    let (python_args, rust_args) = (args.to_vec(), args.to_vec());
    // Side by side in time too: both run at once, each on its own thread.
    let python = thread::spawn(move || {
        run(
            python_label,
            Path::new("python3"),
            &[python_file],
            &python_args,
            &python_root,
        )
    });
    let rust = thread::spawn(move || run(rust_label, &plain, &[], &rust_args, &rust_root));
    let python = python
        .join()
        .map_err(|_| ToolError::new("the Python side's thread panicked"))?;
    let rust = rust
        .join()
        .map_err(|_| ToolError::new("the Rust side's thread panicked"))?;
    Ok(Comparison { python, rust })
}

/// Prints the two outputs in two columns, then the total times and their ratios.
pub fn print(out: &Transcript, comparison: &Comparison) {
    let Comparison { python, rust } = comparison;
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
        if alike {
            out.paragraph(
                "The same waits take the same time in both: async is about waiting well, and \
                 both languages wait the same way here. Where they differ is in the words, \
                 and in what each one does for you.",
            );
        } else {
            out.paragraph(
                "The times differ by more than a quarter: here the two sides do not wait the \
                 same way. The top of each file says why.",
            );
        }
    }
}
