//! A scratch target folder that starts with the third-party crates this build already
//! compiled, so that building a copy of the workspace there compiles only the copy's own
//! crates (a minute less on two cores). The copy cannot share this build's folder: cargo
//! names a workspace crate's outputs by its path inside the workspace, the same in both.
//! A crate from the registry is named the same wherever it is built, so its outputs are
//! hard-linked; cargo finds them fresh and never writes them again. A unit is linked only
//! once its fingerprint exists (cargo writes it after the unit's outputs).

use std::collections::HashSet;
use std::fs;
use std::path::Path;

/// Links into `to` (a profile folder, `target/scaffold-copy/debug`) every finished unit
/// of `from` (`target/debug`) that is not one of `workspace`'s own crates.
///
/// # Panics
/// If `cargo metadata` cannot describe the workspace or a link cannot be made.
pub fn with_dependencies_of(workspace: &Path, from: &Path, to: &Path) {
    let own = own_names(workspace);
    let fingerprints = from.join(".fingerprint");
    // The hashes of the finished units.
    let finished: HashSet<String> = fs::read_dir(&fingerprints)
        .map(|entries| {
            entries
                .flatten()
                .filter_map(|entry| {
                    let name = entry.file_name().to_string_lossy().into_owned();
                    unit_of(&name).map(|(_, hash)| hash.to_owned())
                })
                .collect()
        })
        .unwrap_or_default();
    let is_theirs = |name: &str| -> bool {
        let Some((unit, hash)) = unit_of(name) else {
            return false;
        };
        !own.contains(&normal(unit.strip_prefix("lib").unwrap_or(unit)))
            && !own.contains(&normal(unit))
            && finished.contains(hash)
    };
    for folder in [".fingerprint", "build", "deps"] {
        let Ok(entries) = fs::read_dir(from.join(folder)) else {
            continue;
        };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if is_theirs(&name) {
                link_tree(&entry.path(), &to.join(folder).join(&name));
            }
        }
    }
}

/// `tokio-5f3b1c` or `libtokio-5f3b1c.rlib` → (`tokio` / `libtokio`, `5f3b1c`).
fn unit_of(name: &str) -> Option<(&str, &str)> {
    let stem = name.split('.').next().unwrap_or(name);
    let (unit, hash) = stem.rsplit_once('-')?;
    (hash.len() == 16 && hash.bytes().all(|b| b.is_ascii_hexdigit())).then_some((unit, hash))
}

/// `course-kit` and `course_kit` alike.
fn normal(name: &str) -> String {
    name.replace('-', "_")
}

/// The workspace's own packages and their targets (binaries, examples, tests), as
/// cargo names their outputs.
fn own_names(workspace: &Path) -> HashSet<String> {
    let output = course_devkit::cargo::command()
        .current_dir(workspace)
        .args([
            "metadata",
            "--format-version",
            "1",
            "--no-deps",
            "--offline",
        ])
        .output()
        .expect("cargo metadata runs");
    assert!(output.status.success(), "cargo metadata failed");
    let metadata: serde_json::Value =
        serde_json::from_slice(&output.stdout).expect("cargo metadata writes JSON");
    let mut names = HashSet::new();
    for package in metadata["packages"].as_array().into_iter().flatten() {
        if let Some(name) = package["name"].as_str() {
            names.insert(normal(name));
        }
        for target in package["targets"].as_array().into_iter().flatten() {
            if let Some(name) = target["name"].as_str() {
                names.insert(normal(name));
            }
        }
    }
    names
}

/// Hard-links `from` (a file, or a folder and all in it) at `to`.
fn link_tree(from: &Path, to: &Path) {
    if from.is_dir() {
        fs::create_dir_all(to).expect("make a folder");
        for entry in fs::read_dir(from).expect("read a folder").flatten() {
            link_tree(&entry.path(), &to.join(entry.file_name()));
        }
    } else if !to.exists() {
        if let Some(parent) = to.parent() {
            fs::create_dir_all(parent).expect("make a folder");
        }
        fs::hard_link(from, to).expect("link a built file");
    }
}
