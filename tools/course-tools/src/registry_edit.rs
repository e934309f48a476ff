//! Adding a table to the registry (`course.toml`) as TOML (`toml_edit`): the new table
//! takes its place in course order and everything else stays as written, comments too.

/// `text` (the registry) with `new` as a `[[kind]]` table: before the first `[[kind]]`
/// table for which `goes_before` holds, else right after the last `[[kind]]` table.
/// Each table keeps its place in the text; every table from the new one's place on
/// (of any kind) moves one down.
///
/// # Errors
/// One line: the text is not TOML, or has no `[[kind]]` table.
pub fn insert(
    text: &str,
    kind: &str,
    new: toml_edit::Table,
    goes_before: impl FnMut(&toml_edit::Table) -> bool,
) -> Result<String, String> {
    let mut new = new;
    let mut document: toml_edit::DocumentMut = text
        .parse()
        .map_err(|error: toml_edit::TomlError| course_kit::failure::first_line(&error))?;
    let missing = || format!("it has no [[{kind}]] tables");
    let mut tables: Vec<toml_edit::Table> = document
        .get(kind)
        .and_then(toml_edit::Item::as_array_of_tables)
        .ok_or_else(missing)?
        .iter()
        .cloned()
        .collect();
    let at = tables.iter().position(goes_before).unwrap_or(tables.len());
    let place = match tables.get(at) {
        Some(next) => next.position(),
        None => tables
            .last()
            .and_then(toml_edit::Table::position)
            .map(|last| last + 1),
    };
    if let Some(place) = place {
        let later = |table: &mut toml_edit::Table| {
            if let Some(position) = table.position().filter(|position| *position >= place) {
                table.set_position(position + 1);
            }
        };
        tables.iter_mut().for_each(later);
        for (other, item) in document.iter_mut() {
            if other.get() != kind
                && let Some(others) = item.as_array_of_tables_mut()
            {
                others.iter_mut().for_each(later);
            }
        }
        new.set_position(place);
    }
    tables.insert(at, new);
    let same_kind = document
        .get_mut(kind)
        .and_then(toml_edit::Item::as_array_of_tables_mut)
        .ok_or_else(missing)?;
    same_kind.clear();
    for table in tables {
        same_kind.push(table);
    }
    Ok(document.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "# head\nformat = 2\n\n[[lesson]]\nnumber = 1\n\n\
                        [[exercise]]\nname = \"01a\"\n\n[[exercise]]\nname = \"03a\"\n\n\
                        [[step]]\nnumber = 1\n";

    fn named(key: &str, value: i64) -> toml_edit::Table {
        let mut table = toml_edit::Table::new();
        table[key] = toml_edit::value(value);
        table
    }

    /// A table goes before the first that sorts after it, or after the last of its kind;
    /// the other kinds and the comments stay where they were.
    #[test]
    fn a_table_takes_its_place() {
        let lesson = insert(TEXT, "lesson", named("number", 2), |_| false).unwrap();
        assert_eq!(
            lesson,
            TEXT.replace(
                "number = 1\n\n[[exercise]]",
                "number = 1\n\n[[lesson]]\nnumber = 2\n\n[[exercise]]"
            )
        );
        let mut exercise = toml_edit::Table::new();
        exercise["name"] = toml_edit::value("02a");
        let between = insert(TEXT, "exercise", exercise, |table| {
            table["name"].as_str() > Some("02a")
        })
        .unwrap();
        assert!(
            between.contains(
                "name = \"01a\"\n\n[[exercise]]\nname = \"02a\"\n\n[[exercise]]\nname = \"03a\""
            ),
            "{between}"
        );
        assert!(insert("[[step]]\nnumber = 1\n", "lesson", named("n", 1), |_| false).is_err());
    }
}
