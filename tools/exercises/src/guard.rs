//! What a verdict depends on besides the learner's file, guarded against edits.
//!
//! A check's verdict is only as honest as the code around the learner's `src/`: the
//! check itself, the exercise kit, the manifests (a `[[bin]] path` pointed elsewhere) and
//! cargo's settings. `exercises/fingerprints.txt` holds the fingerprint of each as shipped;
//! an instructor writes it with `exercise-admin bless` after changing any of them. Before
//! every check the runner compares, and also refuses what cargo would build or obey that
//! is not the learner's: a build script or another binary in the exercise's folder, a
//! `.cargo` configuration in the way.

use std::fs;
use std::path::{Path, PathBuf};

use crate::RunnerError;
use crate::catalog::{Exercise, Kind};
use crate::{capstone_crate, fingerprint};

/// The capstone's check crate, relative to the root.
const CAPSTONE_CHECK: &str = "exercises/fanout-check";

/// Where the fingerprints are kept, relative to the course root.
pub const FILE: &str = "exercises/fingerprints.txt";

/// The cargo configurations the course ships (settings every build picks up).
const CARGO_CONFIGS: [&str; 2] = [".cargo/config.toml", "exercises/.cargo/config.toml"];

/// The guarded files every exercise depends on, relative to the root.
fn shared_files(root: &Path) -> Vec<PathBuf> {
    // Not Cargo.lock: cargo itself rewrites it when the members change, and the
    // manifests it follows are guarded.
    let mut files = vec![PathBuf::from("exercises/Cargo.toml")];
    files.extend(CARGO_CONFIGS.iter().map(PathBuf::from));
    files.extend(course_devkit::files::files_below(
        root,
        Path::new("exercises/kit"),
    ));
    files
}

/// The guarded files of one exercise, relative to the root: for a step of the capstone,
/// its check's crate and the capstone's manifest.
fn own_files(root: &Path, exercise: &Exercise) -> Vec<PathBuf> {
    match exercise.kind {
        Kind::CapstoneStep(_) => {
            let mut files = course_devkit::files::files_below(root, Path::new(CAPSTONE_CHECK));
            files.push(Path::new(capstone_crate::CRATE).join("Cargo.toml"));
            files
        }
        Kind::File { .. } => {
            let folder = Path::new("exercises").join(&exercise.name);
            vec![folder.join("Cargo.toml"), folder.join("check.rs")]
        }
    }
}

/// The text of the fingerprints file for the files as they are now.
fn render(root: &Path, exercises: &[Exercise]) -> String {
    let mut text = String::from(
        "# What every exercise's verdict depends on, as shipped: the runner refuses to check\n\
         # when one of these differs; and each learner file's starter, which `reset` restores.\n\
         # Instructors: `just bless-exercises` rewrites this file, with the starters in place.\n",
    );
    // Each learner file is recorded too: as blessed, it is the starter (see `starter`).
    // The capstone's starter files too (the crate as shipped is step 1's starter).
    let capstone_starter = exercises
        .iter()
        .any(|exercise| matches!(exercise.kind, Kind::CapstoneStep(_)))
        .then(|| {
            let crate_root = Path::new(capstone_crate::CRATE);
            capstone_crate::learner_files(&root.join(crate_root))
                .into_iter()
                .map(|file| crate_root.join(file))
        })
        .into_iter()
        .flatten();
    let mut files: Vec<PathBuf> = shared_files(root)
        .into_iter()
        .chain(
            exercises
                .iter()
                .flat_map(|exercise| own_files(root, exercise)),
        )
        .chain(
            exercises
                .iter()
                .filter(|exercise| matches!(exercise.kind, Kind::File { .. }))
                .map(Exercise::learner_file),
        )
        .chain(capstone_starter)
        .collect();
    // The steps share their files: each once, in the order first met.
    let mut seen = std::collections::HashSet::new();
    files.retain(|file| seen.insert(file.clone()));
    for file in files {
        let print = fingerprint::of_file(&root.join(&file)).unwrap_or_else(|| "missing".into());
        text.push_str(&format!("{print}  {}\n", file.display()));
    }
    text
}

/// Writes the fingerprints of the files as they are now.
pub fn bless(root: &Path, exercises: &[Exercise]) -> Result<(), RunnerError> {
    fs::write(root.join(FILE), render(root, exercises))
        .map_err(|error| RunnerError::new(format!("cannot write {FILE}: {error}")))
}

/// The fingerprint `file` had as shipped, if it is recorded.
pub fn shipped_print(root: &Path, file: &Path) -> Option<String> {
    shipped(root)
        .into_iter()
        .find(|(_, path)| path == file)
        .map(|(print, _)| print)
}

/// The files under `folder` (relative to the root) whose fingerprints are recorded.
pub fn shipped_files_under(root: &Path, folder: &Path) -> Vec<PathBuf> {
    shipped(root)
        .into_iter()
        .map(|(_, path)| path)
        .filter(|path| path.starts_with(folder) && path.extension().is_some_and(|e| e == "rs"))
        .collect()
}

/// The fingerprints as shipped: (fingerprint, path) pairs.
fn shipped(root: &Path) -> Vec<(String, PathBuf)> {
    fs::read_to_string(root.join(FILE))
        .unwrap_or_default()
        .lines()
        .filter(|line| !line.starts_with('#'))
        .filter_map(|line| line.split_once("  "))
        .map(|(print, path)| (print.to_owned(), PathBuf::from(path)))
        .collect()
}

/// What stands between `exercise` and an honest verdict, each in one sentence naming
/// the file and the fix; empty when nothing does.
pub fn problems(root: &Path, exercise: &Exercise) -> Vec<String> {
    let shipped = shipped(root);
    let mut problems = Vec::new();
    let kit_now = course_devkit::files::files_below(root, Path::new("exercises/kit"));
    for file in shared_files(root).iter().chain(&own_files(root, exercise)) {
        let expected = shipped.iter().find(|(_, path)| path == file);
        let now = fingerprint::of_file(&root.join(file)).unwrap_or_else(|| "missing".into());
        if expected.map(|(print, _)| print) != Some(&now) {
            problems.push(format!(
                "{} is not as the course shipped it, and the check's verdict depends on it: put \
                 it back (`git checkout -- {}`); your work goes in {} only",
                file.display(),
                file.display(),
                match exercise.kind {
                    Kind::CapstoneStep(_) => "capstone/src and capstone/tests".to_owned(),
                    Kind::File { .. } => exercise.learner_file().display().to_string(),
                }
            ));
        }
    }
    for (_, path) in shipped
        .iter()
        .filter(|(_, p)| p.starts_with("exercises/kit"))
    {
        if !kit_now.contains(path) {
            problems.push(format!(
                "{} is missing: `git checkout -- {}`",
                path.display(),
                path.display()
            ));
        }
    }
    if let Kind::CapstoneStep(_) = exercise.kind {
        problems.extend(capstone_strays(root));
    }
    let folder = Path::new("exercises").join(&exercise.name);
    // (A step of the capstone has no such folder: nothing is found.)
    for file in course_devkit::files::files_below(root, &folder) {
        let inside = file.strip_prefix(&folder).unwrap_or(&file);
        let allowed = inside == Path::new("Cargo.toml")
            || inside == Path::new("check.rs")
            || (inside.starts_with("src")
                && inside.extension().is_some_and(|ext| ext == "rs")
                && inside != Path::new("src/main.rs")
                && !inside.starts_with("src/bin"));
        if !allowed {
            problems.push(format!(
                "{} would be built or read by cargo with your exercise, and the check's verdict \
                 cannot depend on it: remove it (only .rs files under {} are yours)",
                file.display(),
                folder.join("src").display()
            ));
        }
    }
    for config in [".cargo", "exercises/.cargo"]
        .into_iter()
        .flat_map(|folder| course_devkit::files::files_below(root, Path::new(folder)))
        .filter(|file| !CARGO_CONFIGS.iter().any(|known| file == Path::new(known)))
    {
        problems.push(format!(
            "{} changes how cargo builds the exercises, so the check's verdict cannot be \
             trusted: remove it",
            config.display()
        ));
    }
    problems
}

/// What in `capstone/` cargo would build or obey besides the learner's `.rs` files under
/// `src/` and `tests/` and the manifest: a build script, a `.cargo` configuration.
fn capstone_strays(root: &Path) -> Vec<String> {
    let folder = Path::new(capstone_crate::CRATE);
    course_devkit::files::files_below(root, folder)
        .into_iter()
        .filter(|file| {
            let inside = file.strip_prefix(folder).unwrap_or(file);
            let rust_of_yours = (inside.starts_with("src") || inside.starts_with("tests"))
                && inside.extension().is_some_and(|ext| ext == "rs");
            let known = ["Cargo.toml", "Cargo.lock", ".gitignore"]
                .iter()
                .any(|name| inside == Path::new(name));
            !(rust_of_yours || known)
        })
        .map(|file| {
            format!(
                "{} would be built or read by cargo with your service, and the check's \
                 verdict cannot depend on it: remove it (your files are the .rs files under \
                 capstone/src and capstone/tests)",
                file.display()
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn exercise() -> Exercise {
        crate::catalog::parse(
            "format = 2\n[[exercise]]\nname = \"01a-x\"\nlesson = \"1\"\nhints = [\"h\"]\n",
        )
        .expect("parses")
        .remove(0)
    }

    #[test]
    fn edits_strays_and_configuration_are_named() {
        let root = std::env::temp_dir().join(format!("guard-test-{}", std::process::id()));
        let _ = fs::remove_dir_all(&root);
        for (file, text) in [
            ("exercises/Cargo.toml", "[workspace]"),
            ("exercises/Cargo.lock", "lock"),
            (".cargo/config.toml", "[env]"),
            ("exercises/.cargo/config.toml", "[build]"),
            ("exercises/kit/src/lib.rs", "kit"),
            ("exercises/01a-x/Cargo.toml", "[package]"),
            ("exercises/01a-x/check.rs", "check"),
            ("exercises/01a-x/src/lib.rs", "learner"),
        ] {
            fs::create_dir_all(root.join(file).parent().expect("a parent")).expect("mkdir");
            fs::write(root.join(file), text).expect("write");
        }
        let exercises = [exercise()];
        bless(&root, &exercises).expect("bless");
        assert_eq!(problems(&root, &exercises[0]), Vec::<String>::new());
        // The learner's own file and modules beside it are theirs.
        fs::write(root.join("exercises/01a-x/src/lib.rs"), "changed").expect("write");
        fs::write(root.join("exercises/01a-x/src/extra.rs"), "mod").expect("write");
        assert_eq!(problems(&root, &exercises[0]), Vec::<String>::new());
        fs::write(root.join("exercises/kit/src/lib.rs"), "forged").expect("write");
        fs::write(root.join("exercises/01a-x/build.rs"), "fn main() {}").expect("write");
        fs::create_dir_all(root.join("exercises/.cargo")).expect("mkdir");
        fs::write(root.join("exercises/.cargo/config"), "[build]").expect("write");
        let found = problems(&root, &exercises[0]).join("\n");
        assert!(
            found.contains("exercises/kit/src/lib.rs is not as"),
            "{found}"
        );
        assert!(found.contains("01a-x/build.rs would be built"), "{found}");
        assert!(found.contains("exercises/.cargo/config changes"), "{found}");
        let _ = fs::remove_dir_all(&root);
    }
}
