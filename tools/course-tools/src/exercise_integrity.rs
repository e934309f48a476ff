//! For instructors: the whole exercise set is honest. Every exercise is listed in
//! `info.toml` in course order, has a brief, at least one hint, a solution, and what its
//! verdict depends on as `fingerprints.txt` says; its starter *as shipped* fails its
//! check (or, for an exercise about a compile error, does not compile) and its solution
//! passes. And no wrong answer passes: each exercise keeps at least three under
//! `solutions/NNx-name/wrong/` (the sequential or blocking one, a hard-coded one, the
//! exercise's classic mistake, and whatever else fooled a check once), each opening with
//!
//! ```text
//! //! Wrong: what the mistake is, in a line
//! //! Expect: words the failure message must contain (it names the real cause)
//! ```
//!
//! and each must fail its check with a message that says so.
//!
//! The starters and solutions are checked in two scratch copies of the exercises'
//! workspace under `target/exercise-integrity/`, never in `exercises/` itself, so a
//! learner's own work is neither used nor touched. Both copies build into the same
//! target folder as the runner (dependencies compiled once). That is only safe because
//! every package in a copy gets a name of its own (`ex-03a-...-starter`,
//! `exercise-kit-solution`, binaries `check-03a-starter`): cargo names a path package's
//! build files after its name and its path *relative to the workspace*, which the
//! copies share with `exercises/`, so same-named packages would overwrite each other's.

use std::fs;
use std::path::{Path, PathBuf};

use course_devkit::cargo as cargo_build;
use course_exercises::RunnerError;
use course_exercises::catalog::{self, Exercise, Kind};
use course_exercises::checking::{self, Outcome};
use course_exercises::{capstone_crate, guard, learner_code, starter};
use course_kit::child::Stderr;

/// The real-time deadline a wrong answer's check gets (an endless one must not cost the
/// kit's full ten seconds).
const WRONG_DEADLINE_SECS: &str = "3";

/// One wrong answer kept for an exercise.
#[derive(Clone, Debug)]
pub struct WrongAnswer {
    /// Its file, relative to the root.
    pub file: PathBuf,
    /// What the mistake is.
    pub mistake: String,
    /// Words the failure message must contain.
    pub expect: String,
}

/// The wrong answers kept for `exercise`, sorted by file name.
pub fn wrong_answers(root: &Path, exercise: &Exercise) -> Result<Vec<WrongAnswer>, String> {
    let folder = Path::new("solutions").join(&exercise.name).join("wrong");
    let mut files: Vec<PathBuf> = fs::read_dir(root.join(&folder))
        .map(|entries| {
            entries
                .flatten()
                .map(|entry| folder.join(entry.file_name()))
                .filter(|path| path.extension().is_some_and(|ext| ext == "rs"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
        .into_iter()
        .map(|file| {
            let text = fs::read_to_string(root.join(&file)).unwrap_or_default();
            let field = |key: &str| {
                text.lines()
                    .find_map(|line| line.strip_prefix(&format!("//! {key}: ")))
                    .map(str::to_owned)
            };
            match (field("Wrong"), field("Expect")) {
                (Some(mistake), Some(expect)) => Ok(WrongAnswer {
                    file,
                    mistake,
                    expect,
                }),
                _ => Err(format!(
                    "{}: open with `//! Wrong: ...` and `//! Expect: ...`",
                    file.display()
                )),
            }
        })
        .collect()
}

/// One line per exercise, and every problem found.
#[derive(Debug, Default)]
pub struct Report {
    /// `03a-concurrent-greetings: the starter fails, the solution passes`
    pub lines: Vec<String>,
    /// Lines about the rest (the capstone's Python twin), after the exercises'.
    pub notes: Vec<String>,
    /// What is wrong, each naming the exercise and the fix.
    pub problems: Vec<String>,
}

/// Which version of the learner's file a scratch copy holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Variant {
    Starter,
    Solution,
}

impl Variant {
    fn name(self) -> &'static str {
        match self {
            Self::Starter => "starter",
            Self::Solution => "solution",
        }
    }

    /// The file holding this version, relative to the root. A starter is written out
    /// from its one home (`starter::text`) into the scratch area first.
    fn source(self, root: &Path, exercise: &Exercise) -> Result<PathBuf, RunnerError> {
        match self {
            Self::Starter => {
                let text = starter::text(root, exercise)?;
                let file = PathBuf::from("target/exercise-integrity/starters")
                    .join(&exercise.name)
                    .join("lib.rs");
                let full = root.join(&file);
                fs::create_dir_all(full.parent().unwrap_or(root))
                    .and_then(|()| fs::write(&full, text))
                    .map_err(|error| {
                        RunnerError::new(format!("cannot write {}: {error}", file.display()))
                    })?;
                Ok(file)
            }
            Self::Solution => Ok(exercise.solution_file()),
        }
    }
}

/// Which parts of the set `verify` proves.
#[derive(Clone, Debug, Default)]
pub struct Parts {
    /// The exercises (`exercises/NNx-*`).
    pub exercises: bool,
    /// The capstone's steps.
    pub capstone: bool,
    /// Only these exercises or steps (by name or short name, `03c`, `fanout-2`); empty:
    /// all of them.
    pub only: Vec<String>,
}

impl Parts {
    fn wants(&self, exercise: &Exercise) -> bool {
        self.only.is_empty() || self.only.iter().any(|name| named(exercise, name))
    }
}

/// Whether `name` is `exercise`'s full or short name (`03c`, `fanout-2`).
fn named(exercise: &Exercise, name: &str) -> bool {
    name == exercise.name || name == exercise.code()
}

/// Checks the set (the `parts` asked for). With `shipped`, also that each learner file
/// is its starter (true in a fresh clone, which is where CI runs this).
pub fn verify(root: &Path, shipped: bool, parts: &Parts) -> Result<Report, RunnerError> {
    let all = catalog::load(root)?;
    let mut report = Report::default();
    let listed: Vec<String> = all
        .iter()
        .filter(|exercise| matches!(exercise.kind, Kind::File { .. }))
        .map(|e| e.name.clone())
        .collect();
    let folders = catalog::folders(root);
    if listed != folders {
        report.problems.push(format!(
            "course.toml must list every exercise folder, in order: it lists {listed:?}, \
             the folders are {folders:?}"
        ));
    }
    let unknown: Vec<&String> = parts
        .only
        .iter()
        .filter(|name| !all.iter().any(|exercise| named(exercise, name)))
        .collect();
    if !unknown.is_empty() {
        return Err(RunnerError::new(format!(
            "--only names no exercise or step: {unknown:?}"
        )));
    }
    let (steps, exercises): (Vec<Exercise>, Vec<Exercise>) = all
        .into_iter()
        .filter(|exercise| parts.wants(exercise))
        .partition(|exercise| matches!(exercise.kind, Kind::CapstoneStep(_)));
    if parts.exercises && !exercises.is_empty() {
        let _alone = scratch_lock(root, "exercises")?;
        verify_exercises(root, shipped, &exercises, &mut report)?;
    }
    if parts.capstone {
        let _alone = scratch_lock(root, "capstone")?;
        verify_capstone(root, &steps, &mut report)?;
    }
    Ok(report)
}

/// The scratch copies of one half (`exercises`, `capstone`) are this process's until the
/// returned file is dropped: a second `verify` of the same half at once waits, rather
/// than build its variants over this one's (each would then check the other's crate).
fn scratch_lock(root: &Path, half: &str) -> Result<fs::File, RunnerError> {
    let folder = root.join("target/exercise-integrity");
    fs::create_dir_all(&folder).map_err(|error| {
        RunnerError::new(format!("cannot create {}: {error}", folder.display()))
    })?;
    let path = folder.join(format!("{half}.lock"));
    let file = fs::File::create(&path)
        .map_err(|error| RunnerError::new(format!("cannot create {}: {error}", path.display())))?;
    if file.try_lock().is_err() {
        eprintln!("another exercise-admin verify is proving the {half} here: waiting for it");
        file.lock().map_err(|error| {
            RunnerError::new(format!("cannot lock {}: {error}", path.display()))
        })?;
    }
    Ok(file)
}

/// The exercises: every starter fails (or does not compile, when that is the point),
/// every solution passes, every wrong answer fails with its message.
fn verify_exercises(
    root: &Path,
    shipped: bool,
    exercises: &[Exercise],
    report: &mut Report,
) -> Result<(), RunnerError> {
    for exercise in exercises {
        static_checks(root, exercise, shipped, &mut report.problems);
    }
    // A starter may warn (it is unfinished); a solution must not.
    let starters = run_variant(root, exercises, Variant::Starter)?
        .into_iter()
        .map(|(outcome, _warnings)| outcome);
    let mut solutions = Vec::new();
    for (exercise, (outcome, warnings)) in
        exercises
            .iter()
            .zip(run_variant(root, exercises, Variant::Solution)?)
    {
        for warning in warnings {
            report.problems.push(format!(
                "{}: the solution must build without warnings; rustc warns: {warning}",
                exercise.name
            ));
        }
        solutions.push(outcome);
    }
    let wrong = run_wrong_answers(root, exercises, &mut report.problems)?;
    for (((exercise, starter), solution), wrong) in
        exercises.iter().zip(starters).zip(solutions).zip(wrong)
    {
        let starter_ok = matches!(
            (exercise.starter_does_not_compile(), &starter),
            (true, Outcome::DoesNotCompile { .. })
                | (false, Outcome::Checked { passed: false, .. })
        );
        if !starter_ok {
            report.problems.push(format!(
                "{}: the starter as shipped must {} its check; it gave: {}",
                exercise.name,
                if exercise.starter_does_not_compile() {
                    "not compile for"
                } else {
                    "fail"
                },
                starter.message()
            ));
        }
        if !solution.passed() {
            report.problems.push(format!(
                "{}: the solution must pass its check; it gave: {}",
                exercise.name,
                solution.message()
            ));
        }
        let caught = wrong.iter().filter(|(_, ok)| *ok).count();
        for (problem, ok) in &wrong {
            if !ok {
                report.problems.push(problem.clone());
            }
        }
        if wrong.len() < 3 {
            report.problems.push(format!(
                "{}: keep at least three wrong answers in solutions/{}/wrong/ (the sequential or \
                 blocking one, a hard-coded one, the classic mistake); it has {}",
                exercise.name,
                exercise.name,
                wrong.len()
            ));
        }
        report.lines.push(format!(
            "{:<32} starter: {:<17} solution: {:<14} wrong answers: {caught} of {} fail as they should",
            exercise.name,
            match &starter {
                Outcome::DoesNotCompile { .. } => "does not compile",
                Outcome::Checked { passed: false, .. } => "fails",
                Outcome::Checked { passed: true, .. } => "PASSES (wrong)",
            },
            if solution.passed() {
                "passes"
            } else {
                "FAILS (wrong)"
            },
            wrong.len()
        ));
    }
    Ok(())
}

/// The capstone's steps, in a scratch crate: each step's starter (the crate as shipped
/// for step 1, the reference of the step before for the others) fails its check, and
/// each step's reference passes it (with every earlier step's check, which it re-runs).
fn verify_capstone(
    root: &Path,
    steps: &[Exercise],
    report: &mut Report,
) -> Result<(), RunnerError> {
    if steps.is_empty() {
        return Ok(());
    }
    let read = |path: &Path| {
        fs::read_to_string(path)
            .map_err(|error| RunnerError::new(format!("cannot read {}: {error}", path.display())))
    };
    let crate_root = root.join(capstone_crate::CRATE);
    let manifest = crate::scratch_manifests::capstone(
        &read(&crate_root.join("Cargo.toml"))?,
        &root.join("shared"),
        crate::capstone_integrity::VERIFY_BINARY,
    )
    .map_err(|problem| RunnerError::new(format!("capstone/Cargo.toml: {problem}")))?;
    let wrong = crate::capstone_answers::wrong_answers(root)?;
    let valid = crate::capstone_answers::valid_answers(root)?;
    let lock = read(&crate_root.join("Cargo.lock"))?;
    let found = crate::capstone_integrity::verify(root, steps, &wrong, &valid, &manifest, &lock)?;
    report.lines.extend(found.lines);
    report.notes.extend(found.notes);
    report.problems.extend(found.problems);
    Ok(())
}

/// What can be checked without building anything.
fn static_checks(root: &Path, exercise: &Exercise, shipped: bool, problems: &mut Vec<String>) {
    let name = &exercise.name;
    if exercise.hints.is_empty() {
        problems.push(format!(
            "{name}: give it at least one hint (`hints = [...]`) in course.toml"
        ));
    }
    if exercise.lesson.is_empty() {
        problems.push(format!(
            "{name}: say which lesson part it follows (`lesson = ...`)"
        ));
    }
    let starter = starter::text(root, exercise).unwrap_or_default();
    let brief_ok = starter.starts_with(&format!("//! # Exercise {}", exercise.code()))
        && starter.contains("Follows lesson")
        && starter.contains("**What to do:**");
    if !brief_ok {
        problems.push(format!(
            "{name}: its starter ({}) must open with its brief: `//! # Exercise {}: ...`, \
             `Follows lesson ...`, the Python it mirrors and `**What to do:** ...`",
            exercise.learner_file().display(),
            exercise.code()
        ));
    }
    if !root.join(exercise.solution_file()).is_file() {
        problems.push(format!(
            "{name}: {} is missing",
            exercise.solution_file().display()
        ));
    }
    for problem in guard::problems(root, exercise) {
        problems.push(format!(
            "{name}: {problem} (if you changed it on purpose: `just bless-exercises`)"
        ));
    }
    let marker = crate::exercise_scaffold::MARKER;
    for file in [
        exercise.learner_file(),
        exercise.solution_file(),
        exercise.check_file(),
    ] {
        let file: PathBuf = file;
        let text = fs::read_to_string(root.join(&file)).unwrap_or_default();
        for (number, line) in text.lines().enumerate() {
            if line.contains(marker) {
                problems.push(format!(
                    "{}:{}: replace: {}",
                    file.display(),
                    number + 1,
                    line.trim()
                ));
            }
        }
    }
    if exercise.lesson.contains(marker) || exercise.hints.iter().any(|h| h.contains(marker)) {
        problems.push(format!(
            "{name}: replace the {marker} words of its table in course.toml"
        ));
    }
    if shipped && !starter::is_untouched(root, exercise) {
        problems.push(format!(
            "{name}: {} is not its starter as blessed: ship the starter (or, after changing \
             it on purpose, `just bless-exercises`)",
            exercise.learner_file().display()
        ));
    }
}

/// Builds the scratch copy for `variant` and runs every check in it, in order.
fn run_variant(
    root: &Path,
    exercises: &[Exercise],
    variant: Variant,
) -> Result<Vec<(Outcome, Vec<String>)>, RunnerError> {
    let scratch = root.join("target/exercise-integrity").join(variant.name());
    let sources: Vec<PathBuf> = exercises
        .iter()
        .map(|exercise| variant.source(root, exercise))
        .collect::<Result<_, _>>()?;
    build_and_check(root, &scratch, exercises, &sources, variant.name(), &[])
}

/// The warnings rustc gave for `exercise`'s crate in a scratch build (`suffix`), each
/// as its first line and place: a solution or a wrong answer must build without any.
fn warnings_of(build: &cargo_build::Build, exercise: &Exercise, suffix: &str) -> Vec<String> {
    let marker = format!("#{}-{suffix}@", exercise.package());
    build
        .warnings
        .iter()
        .filter(|warning| warning.package_id.contains(&marker))
        .filter(|warning| !warning.message.contains("warning emitted"))
        .filter(|warning| !warning.message.contains("warnings emitted"))
        .map(|warning| {
            let place = warning
                .rendered
                .lines()
                .find_map(|line| line.trim_start().strip_prefix("--> "))
                .unwrap_or("?");
            format!("{} ({place})", warning.message)
        })
        .collect()
}

/// Builds a scratch workspace whose learner files are `sources` (one per exercise) and
/// runs every check in it, in order.
fn build_and_check(
    root: &Path,
    scratch: &Path,
    exercises: &[Exercise],
    sources: &[PathBuf],
    suffix: &str,
    env: &[(&str, &str)],
) -> Result<Vec<(Outcome, Vec<String>)>, RunnerError> {
    prepare(root, scratch, exercises, sources, suffix)?;
    let built = cargo_build::build(
        scratch,
        &["-q", "--keep-going", "--bins"],
        checking::BUILD_DEADLINE,
        Stderr::Capture,
    )
    .map_err(|error| RunnerError::new(format!("cannot run cargo: {error}")))?;
    if built.binaries.is_empty() && built.errors.is_empty() && !built.succeeded {
        return Err(RunnerError::new(format!(
            "cargo could not build {}: {}",
            scratch.display(),
            built.stderr.trim()
        )));
    }
    // Each check runs in a process of its own and depends on no other: they run
    // CHECKS_AT_ONCE at a time (the machine's two cores), in order of the list.
    let outcome_of = |(exercise, source): &(&Exercise, &PathBuf)| -> Result<Outcome, RunnerError> {
        // The runner refuses, before building, a file that reaches outside itself; so
        // does this proof (a wrong answer that forges a verdict must fail).
        let text = fs::read_to_string(root.join(source)).unwrap_or_default();
        if let Err(why) =
            learner_code::refusal(&exercise.learner_file().display().to_string(), &text)
        {
            return Ok(Outcome::refused(why));
        }
        let binary = format!("{}-{suffix}", exercise.check_binary());
        Ok(match built.binaries.get(&binary) {
            Some(path) => checking::run_with(path, env)?,
            None => {
                let marker = format!("#{}-{suffix}@", exercise.package());
                let errors: Vec<&String> = built
                    .errors
                    .iter()
                    .filter(|error| error.package_id.contains(&marker))
                    .map(|error| &error.rendered)
                    .collect();
                Outcome::DoesNotCompile {
                    first_error: errors.first().map(|e| (*e).clone()).unwrap_or_default(),
                    errors: errors.len(),
                }
            }
        })
    };
    let pairs: Vec<(&Exercise, &PathBuf)> = exercises.iter().zip(sources).collect();
    let outcomes = in_a_pool(&pairs, CHECKS_AT_ONCE, outcome_of);
    exercises
        .iter()
        .zip(outcomes)
        .map(|(exercise, outcome)| Ok((outcome?, warnings_of(&built, exercise, suffix))))
        .collect()
}

/// How many checks `verify` runs at once.
const CHECKS_AT_ONCE: usize = 2;

/// `job` of every item, at most `workers` at a time, in the items' order.
fn in_a_pool<T: Sync, R: Send>(
    items: &[T],
    workers: usize,
    job: impl Fn(&T) -> R + Sync,
) -> Vec<R> {
    let next = std::sync::atomic::AtomicUsize::new(0);
    let done: std::sync::Mutex<Vec<(usize, R)>> = std::sync::Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for _ in 0..workers.max(1) {
            scope.spawn(|| {
                loop {
                    let index = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    let Some(item) = items.get(index) else { break };
                    let result = job(item);
                    done.lock()
                        .unwrap_or_else(std::sync::PoisonError::into_inner)
                        .push((index, result));
                }
            });
        }
    });
    let mut done = done
        .into_inner()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    done.sort_by_key(|(index, _)| *index);
    done.into_iter().map(|(_, result)| result).collect()
}

/// Checks every wrong answer: round `r` holds the `r`-th wrong answer of each exercise
/// that has one, in one scratch workspace (so cargo builds a round in parallel). For each
/// exercise, its answers' (problem, caught) pairs.
fn run_wrong_answers(
    root: &Path,
    exercises: &[Exercise],
    problems: &mut Vec<String>,
) -> Result<Vec<Vec<(String, bool)>>, RunnerError> {
    let mut answers = Vec::new();
    for exercise in exercises {
        match wrong_answers(root, exercise) {
            Ok(found) => answers.push(found),
            Err(problem) => {
                problems.push(problem);
                answers.push(Vec::new());
            }
        }
    }
    let mut results: Vec<Vec<(String, bool)>> = vec![Vec::new(); exercises.len()];
    let rounds = answers.iter().map(Vec::len).max().unwrap_or(0);
    let scratch = root.join("target/exercise-integrity/wrong");
    for round in 0..rounds {
        let (these, sources): (Vec<Exercise>, Vec<PathBuf>) = exercises
            .iter()
            .zip(&answers)
            .filter_map(|(exercise, found)| {
                found
                    .get(round)
                    .map(|answer| (exercise.clone(), answer.file.clone()))
            })
            .unzip();
        let outcomes = build_and_check(
            root,
            &scratch,
            &these,
            &sources,
            "wrong",
            &[(
                course_kit::check_protocol::DEADLINE_SECS,
                WRONG_DEADLINE_SECS,
            )],
        )?;
        for (exercise, (outcome, warnings)) in these.iter().zip(outcomes) {
            let index = exercises
                .iter()
                .position(|e| e.name == exercise.name)
                .unwrap_or(0);
            let answer = &answers[index][round];
            for warning in warnings {
                problems.push(format!(
                    "{}: the wrong answer {} must build without warnings (its mistake is \
                     elsewhere); rustc warns: {warning}",
                    exercise.name,
                    answer.file.display()
                ));
            }
            let message = outcome.message();
            let caught = !outcome.passed() && message.contains(&answer.expect);
            let problem = if outcome.passed() {
                format!(
                    "{}: the wrong answer {} ({}) PASSES its check",
                    exercise.name,
                    answer.file.display(),
                    answer.mistake
                )
            } else {
                format!(
                    "{}: the wrong answer {} ({}) fails, but its message does not say {:?}: {}",
                    exercise.name,
                    answer.file.display(),
                    answer.mistake,
                    answer.expect,
                    message
                )
            };
            results[index].push((problem, caught));
        }
    }
    Ok(results)
}

/// Writes the scratch workspace for `variant`, touching only files whose text changed
/// (so cargo rebuilds only what did).
fn prepare(
    root: &Path,
    scratch: &Path,
    exercises: &[Exercise],
    sources: &[PathBuf],
    suffix: &str,
) -> Result<(), RunnerError> {
    let read = |path: &Path| {
        fs::read_to_string(path)
            .map_err(|error| RunnerError::new(format!("cannot read {}: {error}", path.display())))
    };
    let shared = root.join("shared");
    let in_toml =
        |path: &'static str| move |problem: String| RunnerError::new(format!("{path}: {problem}"));
    // The capstone's check is built in the real workspace (see verify_capstone).
    let manifest = crate::scratch_manifests::exercises_workspace(
        &read(&root.join("exercises/Cargo.toml"))?,
        &shared,
        suffix,
    )
    .map_err(in_toml("exercises/Cargo.toml"))?;
    write_if_changed(&scratch.join("Cargo.toml"), &manifest)?;
    write_if_changed(
        &scratch.join("Cargo.lock"),
        &read(&root.join("exercises/Cargo.lock"))?,
    )?;
    let target = root.join("target/exercises");
    write_if_changed(
        &scratch.join(".cargo/config.toml"),
        &format!("[build]\ntarget-dir = {:?}\n", target.display().to_string()),
    )?;
    let kit_manifest = crate::scratch_manifests::renamed_package(
        &read(&root.join("exercises/kit/Cargo.toml"))?,
        suffix,
    )
    .map_err(in_toml("exercises/kit/Cargo.toml"))?;
    write_if_changed(&scratch.join("kit/Cargo.toml"), &kit_manifest)?;
    let kit = root.join("exercises/kit/src");
    for entry in fs::read_dir(&kit)
        .map_err(|error| RunnerError::new(format!("cannot read {}: {error}", kit.display())))?
        .flatten()
    {
        write_if_changed(
            &scratch.join("kit/src").join(entry.file_name()),
            &read(&entry.path())?,
        )?;
    }
    for (exercise, source) in exercises.iter().zip(sources) {
        let folder = root.join("exercises").join(&exercise.name);
        let here = scratch.join(&exercise.name);
        let manifest =
            crate::scratch_manifests::renamed_package(&read(&folder.join("Cargo.toml"))?, suffix)
                .map_err(|problem| {
                RunnerError::new(format!("exercises/{}/Cargo.toml: {problem}", exercise.name))
            })?;
        write_if_changed(&here.join("Cargo.toml"), &manifest)?;
        write_if_changed(&here.join("check.rs"), &read(&folder.join("check.rs"))?)?;
        write_if_changed(&here.join("src/lib.rs"), &read(&root.join(source))?)?;
    }
    // An exercise removed or renamed since the last run must not stay a member.
    if let Ok(entries) = fs::read_dir(scratch) {
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if catalog::is_exercise_folder(&name) && !exercises.iter().any(|e| e.name == name) {
                let _ = fs::remove_dir_all(entry.path());
            }
        }
    }
    Ok(())
}

pub(crate) fn write_if_changed(path: &Path, text: &str) -> Result<(), RunnerError> {
    if fs::read_to_string(path).is_ok_and(|old| old == text) {
        return Ok(());
    }
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).map_err(|error| {
            RunnerError::new(format!("cannot create {}: {error}", parent.display()))
        })?;
    }
    fs::write(path, text)
        .map_err(|error| RunnerError::new(format!("cannot write {}: {error}", path.display())))
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};

    use super::*;

    /// The pool keeps the items' order and never runs more than its workers at once.
    #[test]
    fn the_pool_keeps_order_and_its_bound() {
        let (running, most) = (AtomicUsize::new(0), AtomicUsize::new(0));
        let items: Vec<u64> = (0..12).collect();
        let doubled = in_a_pool(&items, 2, |item| {
            let now = running.fetch_add(1, Ordering::SeqCst) + 1;
            most.fetch_max(now, Ordering::SeqCst);
            std::thread::sleep(std::time::Duration::from_millis(5 * (12 - item)));
            running.fetch_sub(1, Ordering::SeqCst);
            item * 2
        });
        assert_eq!(doubled, (0..12).map(|item| item * 2).collect::<Vec<_>>());
        assert_eq!(most.load(Ordering::SeqCst), 2);
    }
}
