//! Each exercise's starter has one home: the learner's own file,
//! `exercises/NNx-name/src/lib.rs`, as the course shipped it. `fingerprints.txt`
//! records its fingerprint (`just bless-exercises` writes it), which tells whether the
//! file is still the starter; when the learner has changed it, the starter is found
//! again in git's history (the newest version of that file whose fingerprint is the
//! starter's), which is how `reset` and `verify` get it back.

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use course_kit::child::{self, Stderr};

use crate::RunnerError;
use crate::catalog::Exercise;
use crate::{fingerprint, guard};

/// Longer than git ever needs to read one file's history in a course this size.
const GIT_DEADLINE: Duration = Duration::from_secs(30);

/// Whether the learner's file is still the starter as shipped.
pub fn is_untouched(root: &Path, exercise: &Exercise) -> bool {
    let now = fingerprint::of_file(&root.join(exercise.learner_file()));
    now.is_some() && now == guard::shipped_print(root, &exercise.learner_file())
}

/// The starter's text: the learner's file if it is still the starter, else the newest
/// version of it in git's history whose fingerprint is the starter's.
pub fn text(root: &Path, exercise: &Exercise) -> Result<String, RunnerError> {
    text_of(root, &exercise.learner_file(), &exercise.name)
}

/// The text `file` (relative to the root) had as shipped, found as [`text`] finds it;
/// `whose` names the exercise in messages.
pub fn text_of(root: &Path, file: &Path, whose: &str) -> Result<String, RunnerError> {
    let file = file.to_path_buf();
    let Some(wanted) = guard::shipped_print(root, &file) else {
        return Err(RunnerError::new(format!(
            "exercises/fingerprints.txt has no fingerprint for {}: `just bless-exercises`",
            file.display()
        )));
    };
    if let Ok(now) = std::fs::read_to_string(root.join(&file))
        && fingerprint::of_bytes(now.as_bytes()) == wanted
    {
        return Ok(now);
    }
    let path = file.to_string_lossy().replace('\\', "/");
    let not_found = || {
        RunnerError::new(format!(
            "cannot find the starter of {}: it is looked for in git's history, and this is not \
             a git clone of the course (or its history lacks it). Get {path} from the course's \
             repository",
            whose
        ))
    };
    let commits = git(root, &["log", "--format=%H", "--", &path]).ok_or_else(not_found)?;
    for commit in commits.lines() {
        if let Some(old) = git(root, &["show", &format!("{commit}:{path}")])
            && fingerprint::of_bytes(old.as_bytes()) == wanted
        {
            return Ok(old);
        }
    }
    Err(not_found())
}

/// What `git ARGS` printed in `root`, if it ran and succeeded.
fn git(root: &Path, args: &[&str]) -> Option<String> {
    let mut command = Command::new("git");
    command.arg("-C").arg(root).args(args);
    let ended = child::run(&mut command, b"", GIT_DEADLINE, Stderr::Capture).ok()?;
    ended.succeeded().then_some(ended.stdout)
}
