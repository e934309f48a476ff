//! `exercises`: the exercise runner, for learners.
//!
//! Run it through `just` (`just exercises`, `just exercise [NAME]`, `just hint NAME`,
//! `just watch`, `just solution NAME`, `just reset NAME`) or as
//! `cargo run -q -p course-exercises -- COMMAND ...`. Exit codes: 0 done (or passed),
//! 1 not passed (or declined), 2 usage error. The instructors' commands (`verify`,
//! `bless`) are in `exercise-admin`.

use std::io::{BufRead, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, SystemTime};

use clap::{Parser, Subcommand};
use course_exercises::catalog::{self, Exercise, Kind, Step};
use course_exercises::checking::{self, Outcome};
use course_exercises::progress::{Progress, Status};
use course_exercises::starter;
use course_exercises::{capstone, capstone_crate};
use course_exercises::{guard, learner_code};
use course_kit::child::Stderr;
use course_kit::failure::report_failure;

/// Runs the course's exercises: lists them, checks one, gives hints, watches your file,
/// shows a solution, resets a starter.
#[derive(Parser)]
#[command(name = "exercises")]
struct Cli {
    /// The course folder (default: the one this runner was built in).
    #[arg(long, global = true, value_name = "DIR")]
    root: Option<PathBuf>,
    #[command(subcommand)]
    command: Option<Action>,
}

#[derive(Subcommand)]
enum Action {
    /// Every exercise with its lesson and status, and which one is next.
    List,
    /// Checks an exercise (none named: the next one not passed).
    Check {
        /// The exercise: its name or a unique prefix (`03a`), in any case.
        name: Option<String>,
        /// Checks every exercise (or the one named): one JSON object per line.
        #[arg(long)]
        json: bool,
    },
    /// One more hint for an exercise.
    Hint {
        /// The exercise.
        name: String,
    },
    /// Checks the current exercise each time you save it; moves on when it passes.
    Watch,
    /// Shows the reference solution (with a spoiler warning unless you passed).
    Solution {
        /// The exercise.
        name: String,
        /// Do not ask first.
        #[arg(long)]
        yes: bool,
    },
    /// Puts the starter back (asks first).
    Reset {
        /// The exercise.
        name: String,
        /// Do not ask first.
        #[arg(long)]
        yes: bool,
    },
}

fn main() -> ExitCode {
    let cli = match course_devkit::cli::parse::<Cli>() {
        Ok(cli) => cli,
        Err(code) => return code,
    };
    let root = cli.root.unwrap_or_else(course_devkit::workspace::root);
    let exercises = match catalog::load(&root) {
        Ok(exercises) => exercises,
        Err(error) => return report_failure(error),
    };
    let find = |name: &str| {
        catalog::find(&exercises, name).map_err(|problem| {
            let _ = writeln!(std::io::stderr(), "error: {problem}");
            ExitCode::from(2)
        })
    };
    let result = match cli.command.unwrap_or(Action::List) {
        Action::List => Ok(list(&root, &exercises)),
        Action::Check {
            name: None,
            json: true,
        } => Ok(check_all_as_json(&root, &exercises)),
        Action::Check {
            name: None,
            json: false,
        } => match first_not_passed(&root, &exercises) {
            Some(exercise) => Ok(check(&root, &exercises, exercise)),
            None => {
                say("Every exercise has passed. Well done!");
                Ok(ExitCode::SUCCESS)
            }
        },
        Action::Check {
            name: Some(name),
            json: true,
        } => find(&name).map(|exercise| check_all_as_json(&root, std::slice::from_ref(exercise))),
        Action::Check {
            name: Some(name),
            json: false,
        } => find(&name).map(|exercise| check(&root, &exercises, exercise)),
        Action::Hint { name } => find(&name).map(|exercise| hint(&root, exercise)),
        Action::Watch => Ok(watch(&root, &exercises)),
        Action::Solution { name, yes } => {
            find(&name).map(|exercise| solution(&root, exercise, yes))
        }
        Action::Reset { name, yes } => {
            find(&name).map(|exercise| reset(&root, &exercises, exercise, yes))
        }
    };
    result.unwrap_or_else(|code| code)
}

fn say(text: impl std::fmt::Display) {
    let _ = writeln!(std::io::stdout().lock(), "{text}");
}

/// The first exercise not passed yet, in course order.
fn first_not_passed<'a>(root: &Path, exercises: &'a [Exercise]) -> Option<&'a Exercise> {
    let progress = Progress::load(root);
    exercises
        .iter()
        .find(|exercise| progress.status(root, exercise) != Status::Passed)
}

/// After passing `done`: the next exercise not passed after it in course order (then
/// from the start), as rustlings does.
fn after<'a>(root: &Path, exercises: &'a [Exercise], done: &Exercise) -> Option<&'a Exercise> {
    let progress = Progress::load(root);
    let here = exercises
        .iter()
        .position(|e| e.name == done.name)
        .unwrap_or(0);
    exercises[here + 1..]
        .iter()
        .chain(&exercises[..here])
        .find(|exercise| progress.status(root, exercise) != Status::Passed)
}

/// `just exercises`
fn list(root: &Path, exercises: &[Exercise]) -> ExitCode {
    let progress = Progress::load(root);
    let next = first_not_passed(root, exercises);
    say(
        "The exercises, in course order (`just exercise NAME` checks one, `just watch` checks as you save):",
    );
    say("");
    let name_width = exercises.iter().map(|e| e.name.len()).max().unwrap_or(0);
    let lesson_width = exercises.iter().map(|e| e.place().len()).max().unwrap_or(0);
    for exercise in exercises {
        let status = progress.status(root, exercise);
        let marker = if next.is_some_and(|n| n.name == exercise.name) {
            "  <- next"
        } else {
            ""
        };
        say(format!(
            "  {:<name_width$}  {:<lesson_width$}  {status}{marker}",
            exercise.name,
            exercise.place()
        ));
    }
    let passed = exercises
        .iter()
        .filter(|e| progress.status(root, e) == Status::Passed)
        .count();
    say("");
    match next {
        Some(next) => say(format!(
            "Passed {passed} of {}. Next: {} (edit {}), then `just exercise`.",
            exercises.len(),
            next.name,
            next.work_shown().display()
        )),
        None => say(format!("Passed all {}. Well done!", exercises.len())),
    }
    ExitCode::SUCCESS
}

/// Checks one exercise, prints the verdict in the learner's words, records progress.
fn check(root: &Path, exercises: &[Exercise], exercise: &Exercise) -> ExitCode {
    say(format!(
        "Checking {} ({}): {}",
        exercise.name,
        exercise.place(),
        exercise.work_shown().display()
    ));
    let outcome = match run_check(root, exercise) {
        Ok(outcome) => outcome,
        Err(message) => {
            say(format!("\n✗ {message}"));
            return ExitCode::FAILURE;
        }
    };
    let mut progress = Progress::load(root);
    progress.record(root, exercise, outcome.passed());
    let _ = progress.save();
    report(exercise, &outcome);
    if outcome.passed() {
        match after(root, exercises, exercise) {
            Some(next) => say(format!(
                "Next: {} (`just exercise {}` checks it).",
                next.name,
                next.code()
            )),
            None => say("That was the last one: every exercise has passed."),
        }
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// Before the first build of its kind, what is about to happen and roughly how long it
/// takes, on stderr (cargo's own progress follows there).
fn first_build_notice(root: &Path, kind: &Kind) {
    let (target, what) = match kind {
        Kind::CapstoneStep(_) => (
            capstone::target_dir(root),
            "The capstone's first build compiles its crates (axum, reqwest, rustls, tracing, \
             clap ...) and the check: about two minutes on a laptop, once",
        ),
        Kind::File { .. } => (
            root.join("target/exercises"),
            "The exercises' first build compiles their crates (tokio, futures, reqwest) and \
             the checks' kit: about a minute on a laptop, once",
        ),
    };
    if !target.join("debug").is_dir() {
        // On stderr, with cargo's progress (stdout may be --json).
        eprintln!(
            "{what}; later checks take seconds. (`just warm` builds it all ahead, while you \
             read.)"
        );
    }
}

/// Builds and runs the check, refusing when anything the verdict depends on (the kit,
/// the check, a manifest) is not as shipped.
fn run_check(root: &Path, exercise: &Exercise) -> Result<Outcome, String> {
    let problems = guard::problems(root, exercise);
    if !problems.is_empty() {
        return Err(problems.join("\n  "));
    }
    first_build_notice(root, &exercise.kind);
    if let Kind::CapstoneStep(step) = &exercise.kind {
        return capstone::build_and_check(
            root,
            &root.join(capstone_crate::CRATE),
            capstone::Steps::UpTo(step.number),
            Stderr::Show,
        )
        .map_err(|error| error.to_string());
    }
    // Refused before it is built: a file that could reach outside itself (the check's
    // memory, its streams, other files) could forge the verdict.
    let file = exercise.learner_file();
    let source = std::fs::read_to_string(root.join(&file)).unwrap_or_default();
    if let Err(why) = learner_code::refusal(&file.display().to_string(), &source) {
        return Ok(Outcome::refused(why));
    }
    checking::build_and_run(
        &root.join("exercises"),
        &exercise.package(),
        &exercise.check_binary(),
    )
    .map_err(|error| error.to_string())
}

fn report(exercise: &Exercise, outcome: &Outcome) {
    match outcome {
        Outcome::Checked {
            passed,
            message,
            printed,
        } => {
            if !printed.trim().is_empty() {
                say("\nYour code printed:");
                for line in printed.lines() {
                    say(format!("  | {line}"));
                }
            }
            if *passed {
                say(format!("\n✓ Passed: {message}"));
            } else {
                say(format!("\n✗ Not yet: {message}"));
                say(format!("  Stuck? `just hint {}`", exercise.code()));
            }
        }
        Outcome::DoesNotCompile {
            first_error,
            errors,
        } => {
            say(format!(
                "\n✗ It does not compile yet ({errors} error{}). The compiler's first:\n",
                if *errors == 1 { "" } else { "s" }
            ));
            for line in first_error.trim_end().lines() {
                say(format!("    {line}"));
            }
            let plain = exercise.note_for(first_error).unwrap_or(
                "fix this first error and check again; the compiler's message usually says \
                 exactly where and what",
            );
            say(format!("\n  In plain words: {plain}"));
            say(format!("  Stuck? `just hint {}`", exercise.code()));
        }
    }
}

/// `just exercise --json`: every exercise (or the one named), one JSON object a line.
fn check_all_as_json(root: &Path, exercises: &[Exercise]) -> ExitCode {
    let mut all_passed = true;
    for exercise in exercises {
        let (outcome, took) = checking::timed(|| run_check(root, exercise));
        let (passed, message) = match outcome {
            Ok(outcome) => (outcome.passed(), outcome.message()),
            Err(message) => (false, message),
        };
        all_passed &= passed;
        let line = serde_json::json!({
            "name": exercise.name,
            "passed": passed,
            "message": message,
            "seconds": (took.as_secs_f64() * 1000.0).round() / 1000.0,
        });
        say(line);
    }
    if all_passed {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// `just hint NAME`: one more hint each time.
fn hint(root: &Path, exercise: &Exercise) -> ExitCode {
    let mut progress = Progress::load(root);
    let shown = progress.show_hint(exercise);
    let _ = progress.save();
    for (number, hint) in exercise.hints.iter().take(shown).enumerate() {
        say(format!(
            "Hint {} of {}: {hint}",
            number + 1,
            exercise.hints.len()
        ));
    }
    if shown >= exercise.hints.len() {
        say(format!(
            "That is every hint. The reference solution: `just solution {}`.",
            exercise.code()
        ));
    } else {
        say(format!(
            "Another hint: `just hint {}` again.",
            exercise.code()
        ));
    }
    ExitCode::SUCCESS
}

/// Asks a yes/no question on the terminal; anything but "y"/"yes" (or no terminal) is no.
fn confirm(question: &str) -> bool {
    if !std::io::stdin().is_terminal() {
        return false;
    }
    let mut stdout = std::io::stdout().lock();
    let _ = write!(stdout, "{question} [y/N] ");
    let _ = stdout.flush();
    drop(stdout);
    let mut answer = String::new();
    let _ = std::io::stdin().lock().read_line(&mut answer);
    matches!(answer.trim().to_lowercase().as_str(), "y" | "yes")
}

/// `just solution NAME`, with a spoiler warning unless it passed.
fn solution(root: &Path, exercise: &Exercise, yes: bool) -> ExitCode {
    let passed = Progress::load(root).status(root, exercise) == Status::Passed;
    if !passed && !yes {
        say(format!(
            "Spoiler warning: you have not passed {} yet. Trying and failing is how it sticks; \
             the hints (`just hint {}`) come first.",
            exercise.name,
            exercise.code()
        ));
        if !confirm("Show the solution anyway?") {
            say("Not shown. (`just solution NAME --yes` shows it without asking.)");
            return ExitCode::FAILURE;
        }
    }
    if let Kind::CapstoneStep(step) = &exercise.kind {
        return step_solution(root, step.number);
    }
    match std::fs::read_to_string(root.join(exercise.solution_file())) {
        Ok(text) => {
            say(format!("// {}", exercise.solution_file().display()));
            say(text);
            ExitCode::SUCCESS
        }
        Err(error) => report_failure(format!(
            "cannot read {}: {error}",
            exercise.solution_file().display()
        )),
    }
}

/// The reference of capstone step `step`: each file that differs from the step before,
/// whole, with where it lives.
fn step_solution(root: &Path, step: u32) -> ExitCode {
    let before = if step > 1 {
        capstone::reference(root, step - 1)
    } else {
        capstone_crate::Files::new()
    };
    let after = capstone::reference(root, step);
    say(format!(
        "// The reference after step {step}: the files this step adds or changes (the whole \
         service, finished, is in {}).",
        capstone::REFERENCE
    ));
    for (path, text) in &after {
        if before.get(path) != Some(text) {
            say(format!("\n// capstone/{}", path.display()));
            say(text);
        }
    }
    for path in before.keys().filter(|path| !after.contains_key(*path)) {
        say(format!(
            "\n// capstone/{}: removed at this step",
            path.display()
        ));
    }
    ExitCode::SUCCESS
}

/// `just reset NAME`: the starter back, after a confirmation.
fn reset(root: &Path, exercises: &[Exercise], exercise: &Exercise, yes: bool) -> ExitCode {
    if let Kind::CapstoneStep(Step { number: step, .. }) = exercise.kind {
        let question = format!(
            "Replace capstone/src and capstone/tests with the crate as step {step} starts{}? \
             Your changes there are lost.",
            if step > 1 {
                " (the reference of the step before)"
            } else {
                ""
            }
        );
        if !yes && !confirm(&question) {
            say("Not reset. (`just reset NAME --yes` resets without asking.)");
            return ExitCode::FAILURE;
        }
        // The crate as the step starts: the reference of the step before (or as shipped).
        let written = capstone::starter(root, step)
            .and_then(|files| capstone_crate::write(&root.join(capstone_crate::CRATE), &files));
        if let Err(error) = written {
            return report_failure(error);
        }
        // This step and the later ones are to be passed again.
        let mut progress = Progress::load(root);
        for later in exercises
            .iter()
            .filter(|other| other.step().is_some_and(|other| other.number >= step))
        {
            progress.forget(later);
        }
        let _ = progress.save();
        say(format!("capstone/ is as step {step} starts."));
        return ExitCode::SUCCESS;
    }
    let question = format!(
        "Replace {} with the starter? Your changes there are lost.",
        exercise.learner_file().display()
    );
    if !yes && !confirm(&question) {
        say("Not reset. (`just reset NAME --yes` resets without asking.)");
        return ExitCode::FAILURE;
    }
    let starter = match starter::text(root, exercise) {
        Ok(starter) => starter,
        Err(error) => return report_failure(error),
    };
    if let Err(error) = std::fs::write(root.join(exercise.learner_file()), starter) {
        return report_failure(format!("cannot reset {}: {error}", exercise.name));
    }
    let mut progress = Progress::load(root);
    progress.forget(exercise);
    let _ = progress.save();
    say(format!(
        "{} is the starter again.",
        exercise.learner_file().display()
    ));
    ExitCode::SUCCESS
}

/// What changes when the learner saves: the file's modification time and length (for
/// the capstone, the fingerprint of its files).
fn stamp(root: &Path, exercise: &Exercise) -> Option<(Option<SystemTime>, u64, Option<String>)> {
    if let Kind::CapstoneStep(_) = exercise.kind {
        return Some((None, 0, capstone_crate::fingerprint(root)));
    }
    let metadata = std::fs::metadata(root.join(exercise.learner_file())).ok()?;
    Some((metadata.modified().ok(), metadata.len(), None))
}

/// `just watch`: checks the current exercise on every save; moves on when it passes.
fn watch(root: &Path, exercises: &[Exercise]) -> ExitCode {
    loop {
        let Some(current) = first_not_passed(root, exercises) else {
            say("Every exercise has passed. Well done!");
            return ExitCode::SUCCESS;
        };
        let code = check(root, exercises, current);
        if code == ExitCode::SUCCESS {
            continue;
        }
        say(format!(
            "\nWatching {}: save it to check again (Ctrl-C to stop).",
            current.work_shown().display()
        ));
        let seen = stamp(root, current);
        // Polling every 300 ms: no file-watching crate needed.
        while stamp(root, current) == seen {
            std::thread::sleep(Duration::from_millis(300));
        }
        say("");
    }
}
