//! The manifests of `verify`'s scratch workspaces, written from the course's own with a
//! TOML editor (`toml_edit`): paths made absolute, packages renamed for a parallel
//! copy. Comments and everything else stay as written.

use std::path::Path;

use toml_edit::{DocumentMut, InlineTable, Item, value};

fn parse(text: &str) -> Result<DocumentMut, String> {
    text.parse()
        .map_err(|error: toml_edit::TomlError| course_kit::failure::first_line(&error))
}

fn table<'a>(
    document: &'a mut DocumentMut,
    path: &[&str],
) -> Result<&'a mut toml_edit::Table, String> {
    let mut item: &mut Item = document.as_item_mut();
    for key in path {
        item = item
            .get_mut(key)
            .ok_or_else(|| format!("it has no [{}]", path.join(".")))?;
    }
    item.as_table_mut()
        .ok_or_else(|| format!("[{}] is not a table", path.join(".")))
}

/// Sets `dependency`'s `path` (inline table or not) to `path`.
fn set_path(
    dependencies: &mut toml_edit::Table,
    dependency: &str,
    path: &Path,
) -> Result<(), String> {
    let entry = dependencies
        .get_mut(dependency)
        .and_then(Item::as_table_like_mut)
        .ok_or_else(|| format!("no dependency {dependency:?} with a path"))?;
    entry.insert("path", value(path.display().to_string()));
    Ok(())
}

/// The exercises' workspace manifest for a scratch copy: without the capstone's check
/// (built in the real workspace), course-kit at `shared`, and the kit as the package
/// `exercise-kit-SUFFIX` (each parallel copy has its own).
pub fn exercises_workspace(text: &str, shared: &Path, suffix: &str) -> Result<String, String> {
    let mut document = parse(text)?;
    let members = table(&mut document, &["workspace"])?
        .get_mut("members")
        .and_then(Item::as_array_mut)
        .ok_or("[workspace] has no members list")?;
    members.retain(|member| member.as_str() != Some("fanout-check"));
    let dependencies = table(&mut document, &["workspace", "dependencies"])?;
    set_path(dependencies, "course-kit", shared)?;
    let mut kit = InlineTable::new();
    kit.insert("path", "kit".into());
    kit.insert("package", format!("exercise-kit-{suffix}").into());
    dependencies.insert("exercise-kit", value(kit));
    Ok(document.to_string())
}

/// A package's manifest for a scratch copy: the package and every binary named with
/// `-SUFFIX`, the library keeping its name (the check says `use ex_03a_...`).
pub fn renamed_package(text: &str, suffix: &str) -> Result<String, String> {
    let mut document = parse(text)?;
    let package = table(&mut document, &["package"])?;
    let name = package
        .get("name")
        .and_then(Item::as_str)
        .ok_or("[package] has no name")?
        .to_owned();
    package.insert("name", value(format!("{name}-{suffix}")));
    if let Some(binaries) = document
        .get_mut("bin")
        .and_then(Item::as_array_of_tables_mut)
    {
        for binary in binaries.iter_mut() {
            if let Some(name) = binary.get("name").and_then(Item::as_str).map(str::to_owned) {
                binary.insert("name", value(format!("{name}-{suffix}")));
            }
        }
    }
    let mut library = toml_edit::Table::new();
    library.insert("name", value(name.replace('-', "_")));
    document.insert("lib", Item::Table(library));
    Ok(document.to_string())
}

/// The capstone's manifest for the scratch crate: its course-kit (a dev-dependency) at
/// `shared`, and the service built a second time as the binary `binary`, whose file no
/// other crate in the target folder writes (`fanout` stays, for the tests'
/// `CARGO_BIN_EXE_fanout`).
pub fn capstone(text: &str, shared: &Path, binary: &str) -> Result<String, String> {
    let mut document = parse(text)?;
    set_path(
        table(&mut document, &["dev-dependencies"])?,
        "course-kit",
        shared,
    )?;
    let mut binaries = toml_edit::ArrayOfTables::new();
    for name in ["fanout", binary] {
        let mut target = toml_edit::Table::new();
        target.insert("name", value(name));
        target.insert("path", value("src/main.rs"));
        binaries.push(target);
    }
    document.insert("bin", Item::ArrayOfTables(binaries));
    Ok(document.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The exercises' workspace loses the capstone's check, gets absolute paths and the
    /// kit under its copy's name; the rest (comments too) stays.
    #[test]
    fn the_exercises_workspace_is_made_a_copy() {
        let text = "[workspace]\n# members\nmembers = [\"kit\", \"0*\", \"fanout-check\"]\n\n\
                    [workspace.dependencies]\nexercise-kit = { path = \"kit\" }\n\
                    course-kit = { path = \"../shared\" }\ntokio = \"1\"\n";
        let copy = exercises_workspace(text, Path::new("/c/shared"), "a").unwrap();
        assert_eq!(
            copy,
            "[workspace]\n# members\nmembers = [\"kit\", \"0*\"]\n\n[workspace.dependencies]\n\
             exercise-kit = { path = \"kit\", package = \"exercise-kit-a\" }\n\
             course-kit = { path = \"/c/shared\" }\ntokio = \"1\"\n"
        );
        assert!(exercises_workspace("[package]\n", Path::new("/"), "a").is_err());
    }

    /// A package and its binaries take the suffix; the library keeps the crate's name.
    #[test]
    fn a_package_is_renamed_for_a_copy() {
        let text = "[package]\nname = \"ex-03a-x\"\n\n[[bin]]\nname = \"check-03a\"\npath = \"check.rs\"\n";
        let copy = renamed_package(text, "b").unwrap();
        assert_eq!(
            copy,
            "[package]\nname = \"ex-03a-x-b\"\n\n[[bin]]\nname = \"check-03a-b\"\npath = \"check.rs\"\n\n\
             [lib]\nname = \"ex_03a_x\"\n"
        );
        let kit = renamed_package("[package]\nname = \"exercise-kit\"\n", "b").unwrap();
        assert_eq!(
            kit,
            "[package]\nname = \"exercise-kit-b\"\n\n[lib]\nname = \"exercise_kit\"\n"
        );
    }

    /// The capstone's course-kit points at the course's shared folder; its service is
    /// also built under a name of its own.
    #[test]
    fn the_capstone_finds_the_course_kit() {
        let text = "[package]\nname = \"fanout\"\n\n[dev-dependencies]\n\
                    course-kit = { path = \"../shared\", features = [\"http\"] }\n";
        assert_eq!(
            capstone(text, Path::new("/c/shared"), "fanout-verify").unwrap(),
            "[package]\nname = \"fanout\"\n\n[dev-dependencies]\n\
             course-kit = { path = \"/c/shared\", features = [\"http\"] }\n\n\
             [[bin]]\nname = \"fanout\"\npath = \"src/main.rs\"\n\n\
             [[bin]]\nname = \"fanout-verify\"\npath = \"src/main.rs\"\n"
        );
    }
}
