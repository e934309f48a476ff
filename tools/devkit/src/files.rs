//! Files the tools write and copy: all or nothing, and whole trees.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// What marks a line a scaffold wrote and an author must replace (`new-lesson`,
/// `new-exercise`); the consistency test and `verify` name every one left.
pub const SCAFFOLD_MARKER: &str = "SCAFFOLD:";

/// Why [`write_all_or_nothing`] stopped: the file it could not write, and the error.
#[derive(Debug)]
pub struct WriteFailed {
    /// Relative to the root it was given.
    pub path: PathBuf,
    /// What the file system said.
    pub error: io::Error,
}

impl std::fmt::Display for WriteFailed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "cannot write {}: {}; nothing was changed",
            self.path.display(),
            self.error
        )
    }
}

impl std::error::Error for WriteFailed {}

/// Writes every `(path, text)` under `root`, each through a temporary file and a rename.
/// If one fails, every file already written is put back as it was (or removed, if it is
/// new), and so is every folder this call created: all or nothing.
///
/// # Errors
/// The first file that could not be written.
pub fn write_all_or_nothing(root: &Path, files: &[(PathBuf, String)]) -> Result<(), WriteFailed> {
    // What each written file held before (None: it did not exist), in writing order.
    let mut written: Vec<(PathBuf, Option<Vec<u8>>)> = Vec::new();
    let mut created_folders: Vec<PathBuf> = Vec::new();
    for (path, text) in files {
        let full = root.join(path);
        let before = fs::read(&full).ok();
        let result = create_folders(&full, &mut created_folders)
            .and_then(|()| write_via_rename(&full, text));
        if let Err(error) = result {
            for (done, before) in written.iter().rev() {
                let _ = match before {
                    Some(bytes) => fs::write(done, bytes),
                    None => fs::remove_file(done),
                };
            }
            // Deepest first; `remove_dir` leaves a folder that is not empty.
            for folder in created_folders.iter().rev() {
                let _ = fs::remove_dir(folder);
            }
            return Err(WriteFailed {
                path: path.clone(),
                error,
            });
        }
        written.push((full, before));
    }
    Ok(())
}

/// Creates the folders above `file` that do not exist yet, noting each, top first.
fn create_folders(file: &Path, created: &mut Vec<PathBuf>) -> io::Result<()> {
    let Some(parent) = file.parent() else {
        return Ok(());
    };
    let missing: Vec<&Path> = parent
        .ancestors()
        .take_while(|folder| !folder.as_os_str().is_empty() && !folder.exists())
        .collect();
    for folder in missing.into_iter().rev() {
        fs::create_dir(folder)?;
        created.push(folder.to_path_buf());
    }
    Ok(())
}

fn write_via_rename(path: &Path, text: &str) -> io::Result<()> {
    let temporary = path.with_extension(format!("tmp{}", std::process::id()));
    fs::write(&temporary, text)?;
    fs::rename(&temporary, path).inspect_err(|_| {
        let _ = fs::remove_file(&temporary);
    })
}

/// Every file below `root/folder`, at any depth, as a path relative to `root`, sorted;
/// folders called `target` (build output) are not entered. A folder that cannot be read
/// gives nothing. The course's one walker: the runner's guard and learner files, the
/// tests' sources and pages use it.
pub fn files_below(root: &Path, folder: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut pending = vec![folder.to_path_buf()];
    while let Some(folder) = pending.pop() {
        let Ok(entries) = fs::read_dir(root.join(&folder)) else {
            continue;
        };
        for entry in entries.flatten() {
            let relative = folder.join(entry.file_name());
            match entry.file_type() {
                Ok(kind) if kind.is_dir() => {
                    if entry.file_name() != "target" {
                        pending.push(relative);
                    }
                }
                Ok(_) => found.push(relative),
                Err(_) => {}
            }
        }
    }
    found.sort();
    found
}

/// Copies the folder `from` to `to`, recursively, leaving out every entry (file or
/// folder, at any depth) whose name `skip` says to (`target`, `.git`).
///
/// # Errors
/// The first file or folder that could not be read or written.
pub fn copy_tree(
    from: &Path,
    to: &Path,
    skip: &dyn Fn(&std::ffi::OsStr) -> bool,
) -> io::Result<()> {
    fs::create_dir_all(to)?;
    for entry in fs::read_dir(from)? {
        let entry = entry?;
        let name = entry.file_name();
        if skip(&name) {
            continue;
        }
        let path = entry.path();
        if entry.file_type()?.is_dir() {
            copy_tree(&path, &to.join(&name), skip)?;
        } else {
            fs::copy(&path, to.join(&name))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Files at every depth, relative and sorted; `target` is not entered.
    #[test]
    fn files_below_finds_every_file_but_build_output() {
        let root = scratch("below");
        for file in ["a/z.rs", "a/b/c.md", "a/target/debug/x", "a/m.rs"] {
            let path = root.join(file);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, "").unwrap();
        }
        assert_eq!(
            files_below(&root, Path::new("a")),
            ["a/b/c.md", "a/m.rs", "a/z.rs"].map(PathBuf::from)
        );
        assert!(files_below(&root, Path::new("missing")).is_empty());
        let _ = fs::remove_dir_all(&root);
    }

    fn scratch(name: &str) -> PathBuf {
        let root = std::env::temp_dir().join(format!("devkit-files-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&root);
        fs::create_dir_all(&root).unwrap();
        root
    }

    /// A failed write puts back what was there, removes what was new, folders included.
    #[test]
    fn a_failed_write_changes_nothing() {
        let root = scratch("rollback");
        fs::write(root.join("old.txt"), "old").unwrap();
        // A folder where the third file should be: writing it fails.
        fs::create_dir_all(root.join("taken.txt")).unwrap();
        let files = [
            (PathBuf::from("old.txt"), "new".to_owned()),
            (PathBuf::from("deep/er/new.txt"), "new".to_owned()),
            (PathBuf::from("taken.txt"), "x".to_owned()),
        ];
        let failed = write_all_or_nothing(&root, &files).unwrap_err();
        assert_eq!(failed.path, PathBuf::from("taken.txt"));
        assert!(
            failed.to_string().ends_with("nothing was changed"),
            "{failed}"
        );
        assert_eq!(fs::read_to_string(root.join("old.txt")).unwrap(), "old");
        assert!(!root.join("deep").exists());
        assert!(write_all_or_nothing(&root, &files[..2]).is_ok());
        assert_eq!(
            fs::read_to_string(root.join("deep/er/new.txt")).unwrap(),
            "new"
        );
        fs::remove_dir_all(&root).unwrap();
    }

    /// A copied tree leaves out what `skip` names, at every depth.
    #[test]
    fn copy_tree_skips_by_name() {
        let root = scratch("copy");
        fs::create_dir_all(root.join("from/a/target")).unwrap();
        fs::write(root.join("from/a/keep.rs"), "k").unwrap();
        fs::write(root.join("from/a/target/drop.rs"), "d").unwrap();
        copy_tree(&root.join("from"), &root.join("to"), &|name| {
            name == "target"
        })
        .unwrap();
        assert!(root.join("to/a/keep.rs").is_file());
        assert!(!root.join("to/a/target").exists());
        fs::remove_dir_all(&root).unwrap();
    }
}
