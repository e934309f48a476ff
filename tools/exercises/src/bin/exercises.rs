//! `exercises`: the exercise runner.
//!
//! Run it through `just` (`just exercises`, `just exercise [NAME]`, `just hint NAME`,
//! `just watch`, `just solution NAME`, `just reset NAME`) or as
//! `cargo run -q -p course-exercises -- COMMAND ...`. Exit codes: 0 done (or passed),
//! 1 not passed (or declined), 2 usage error.

use std::io::{BufRead, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, SystemTime};

use course_exercises::catalog::{self, Exercise};
use course_exercises::checking::{self, Outcome, json_string};
use course_exercises::integrity;
use course_exercises::progress::{Progress, Status};
use course_kit::cli::{self, Command, Opt};

const COMMAND: Command = Command {
    name: "exercises [list | check [NAME] | hint NAME | watch | solution NAME | reset NAME | verify]",
    about: "Runs the course's exercises: lists them, checks one, gives hints, watches your \
            file, shows a solution, resets a starter. `verify` is for instructors.",
    options: &[
        Opt::flag(
            "json",
            "With check: check every exercise, one JSON object per line",
        ),
        Opt::flag("yes", "With solution or reset: do not ask first"),
        Opt::flag(
            "shipped",
            "With verify: also require every exercise file to be its starter",
        ),
        Opt::value(
            "root",
            "DIR",
            "The course folder (default: the one this runner was built in)",
        ),
    ],
};

/// The course root: two folders above this crate (`tools/exercises`).
fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .nth(2)
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
}

fn main() -> ExitCode {
    let arguments: Vec<String> = std::env::args().skip(1).collect();
    let positional: Vec<String> = arguments
        .iter()
        .take_while(|a| !a.starts_with('-'))
        .cloned()
        .collect();
    let args = match COMMAND.parse_from(&arguments[positional.len()..]) {
        Ok(args) => args,
        Err(stop) => return stop.report(),
    };
    let root = args.value("root").map_or_else(root, PathBuf::from);
    let exercises = match catalog::load(&root) {
        Ok(exercises) => exercises,
        Err(error) => return cli::report_failure(error),
    };
    let find = |name: &str| catalog::find(&exercises, name).map_err(|problem| args.error(problem));
    let words: Vec<&str> = positional.iter().map(String::as_str).collect();
    let result = match words[..] {
        [] | ["list"] => Ok(list(&root, &exercises)),
        ["check"] if args.flag("json") => Ok(check_all_as_json(&root, &exercises)),
        ["check"] => match next(&root, &exercises) {
            Some(exercise) => Ok(check(&root, &exercises, exercise)),
            None => {
                say("Every exercise has passed. Well done!");
                Ok(ExitCode::SUCCESS)
            }
        },
        ["check", name] if args.flag("json") => {
            find(name).map(|exercise| check_all_as_json(&root, std::slice::from_ref(exercise)))
        }
        ["check", name] => find(name).map(|exercise| check(&root, &exercises, exercise)),
        ["hint", name] => find(name).map(|exercise| hint(&root, exercise)),
        ["watch"] => Ok(watch(&root, &exercises)),
        ["solution", name] => {
            find(name).map(|exercise| solution(&root, exercise, args.flag("yes")))
        }
        ["reset", name] => find(name).map(|exercise| reset(&root, exercise, args.flag("yes"))),
        ["verify"] => Ok(verify(&root, args.flag("shipped"))),
        _ => Err(args.error(format!("unknown command {:?}", positional.join(" ")))),
    };
    match result {
        Ok(code) => code,
        Err(usage) => usage.report(),
    }
}

fn say(text: impl std::fmt::Display) {
    let _ = writeln!(std::io::stdout().lock(), "{text}");
}

/// The first exercise not passed yet.
fn next<'a>(root: &Path, exercises: &'a [Exercise]) -> Option<&'a Exercise> {
    let progress = Progress::load(root);
    exercises
        .iter()
        .find(|exercise| progress.status(root, exercise) != Status::Passed)
}

/// `just exercises`
fn list(root: &Path, exercises: &[Exercise]) -> ExitCode {
    let progress = Progress::load(root);
    let next = next(root, exercises);
    say(
        "The exercises, in course order (`just exercise NAME` checks one, `just watch` checks as you save):",
    );
    say("");
    let name_width = exercises.iter().map(|e| e.name.len()).max().unwrap_or(0);
    let lesson_width = exercises.iter().map(|e| e.lesson.len()).max().unwrap_or(0);
    for exercise in exercises {
        let status = progress.status(root, exercise);
        let marker = if next.is_some_and(|n| n.name == exercise.name) {
            "  <- next"
        } else {
            ""
        };
        say(format!(
            "  {:<name_width$}  lesson {:<lesson_width$}  {status}{marker}",
            exercise.name, exercise.lesson
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
            next.learner_file().display()
        )),
        None => say(format!("Passed all {}. Well done!", exercises.len())),
    }
    ExitCode::SUCCESS
}

/// Checks one exercise, prints the verdict in the learner's words, records progress.
fn check(root: &Path, exercises: &[Exercise], exercise: &Exercise) -> ExitCode {
    say(format!(
        "Checking {} (lesson {}): {}",
        exercise.name,
        exercise.lesson,
        exercise.learner_file().display()
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
        match next(root, exercises) {
            Some(next) => say(format!("Next: {} (`just exercise` checks it).", next.name)),
            None => say("That was the last one: every exercise has passed."),
        }
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// Builds and runs the check, refusing a check file that was edited.
fn run_check(root: &Path, exercise: &Exercise) -> Result<Outcome, String> {
    if !exercise.check_is_untouched(root) {
        return Err(format!(
            "{} is not the check that came with the course, so its verdict cannot be trusted. \
             Put it back (`git checkout -- {}`) and edit only {}.",
            exercise.check_file().display(),
            exercise.check_file().display(),
            exercise.learner_file().display()
        ));
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
            let plain = exercise.compiler_note.as_deref().unwrap_or(
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
        say(format!(
            "{{\"name\":{},\"passed\":{passed},\"message\":{},\"seconds\":{:.3}}}",
            json_string(&exercise.name),
            json_string(&message),
            took.as_secs_f64()
        ));
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
    match std::fs::read_to_string(root.join(exercise.solution_file())) {
        Ok(text) => {
            say(format!("// {}", exercise.solution_file().display()));
            say(text);
            ExitCode::SUCCESS
        }
        Err(error) => cli::report_failure(format!(
            "cannot read {}: {error}",
            exercise.solution_file().display()
        )),
    }
}

/// `just reset NAME`: the starter back, after a confirmation.
fn reset(root: &Path, exercise: &Exercise, yes: bool) -> ExitCode {
    let question = format!(
        "Replace {} with the starter? Your changes there are lost.",
        exercise.learner_file().display()
    );
    if !yes && !confirm(&question) {
        say("Not reset. (`just reset NAME --yes` resets without asking.)");
        return ExitCode::FAILURE;
    }
    if let Err(error) = std::fs::copy(
        root.join(exercise.starter_file()),
        root.join(exercise.learner_file()),
    ) {
        return cli::report_failure(format!("cannot reset {}: {error}", exercise.name));
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

/// The learner file's modification time and length, to notice a save.
fn stamp(path: &Path) -> Option<(SystemTime, u64)> {
    let metadata = std::fs::metadata(path).ok()?;
    Some((metadata.modified().ok()?, metadata.len()))
}

/// `just watch`: checks the current exercise on every save; moves on when it passes.
fn watch(root: &Path, exercises: &[Exercise]) -> ExitCode {
    loop {
        let Some(current) = next(root, exercises) else {
            say("Every exercise has passed. Well done!");
            return ExitCode::SUCCESS;
        };
        let file = root.join(current.learner_file());
        let code = check(root, exercises, current);
        if code == ExitCode::SUCCESS {
            continue;
        }
        say(format!(
            "\nWatching {}: save it to check again (Ctrl-C to stop).",
            current.learner_file().display()
        ));
        let seen = stamp(&file);
        // Polling the file's time stamp every 300 ms: no file-watching crate needed.
        while stamp(&file) == seen {
            std::thread::sleep(Duration::from_millis(300));
        }
        say("");
    }
}

/// `exercises verify`: the integrity of the whole set, for instructors and the tests.
fn verify(root: &Path, shipped: bool) -> ExitCode {
    match integrity::verify(root, shipped) {
        Ok(report) => {
            for line in &report.lines {
                say(line);
            }
            if report.problems.is_empty() {
                say(format!("All {} exercises are sound.", report.lines.len()));
                ExitCode::SUCCESS
            } else {
                for problem in &report.problems {
                    say(format!("problem: {problem}"));
                }
                ExitCode::FAILURE
            }
        }
        Err(error) => cli::report_failure(error),
    }
}
