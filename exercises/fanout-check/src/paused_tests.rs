//! Which of your tests run on tokio's paused clock, read as Rust tokens (comments and
//! strings are not code), not searched as text; step 7 then runs each one by name and
//! counts it only when it passes (an `#[ignore]`d test is found, and said to be so, but
//! does not count: `cargo test` never runs it).
//!
//! A test is on the paused clock when its attribute says so
//! (`#[tokio::test(start_paused = true)]`), or its body builds a runtime with
//! `.start_paused(true)`, or calls tokio's `pause()` (`tokio::time::pause()`,
//! `time::pause()`, or `pause()` imported from `tokio::time`).

use proc_macro2::{Delimiter, TokenStream, TokenTree};

/// One test on the paused clock.
#[derive(Debug, PartialEq, Eq)]
pub struct PausedTest {
    /// The name its test binary knows it by (`module::name` inside `mod module { }`).
    pub name: String,
    /// Whether it is `#[ignore]`d (never run by `cargo test`).
    pub ignored: bool,
}

/// The paused-clock tests of one test file.
pub fn in_source(source: &str) -> Vec<PausedTest> {
    let Ok(tokens) = source.parse::<TokenStream>() else {
        return Vec::new();
    };
    let tokens: Vec<TokenTree> = tokens.into_iter().collect();
    let imports_pause = imports_pause_from_tokio_time(&tokens);
    let mut found = Vec::new();
    collect(&tokens, "", imports_pause, &mut found);
    found
}

/// Whether a `use` item brings `pause` in from `tokio::time` (`use tokio::time::pause;`,
/// `use tokio::time::{self, pause};`).
fn imports_pause_from_tokio_time(tokens: &[TokenTree]) -> bool {
    let mut index = 0;
    while index < tokens.len() {
        if is_ident(&tokens[index], "use") {
            let end = tokens[index..]
                .iter()
                .position(|token| is_punct(token, ';'))
                .map_or(tokens.len(), |offset| index + offset);
            let item: Vec<&TokenTree> = tokens[index..end].iter().collect();
            let names = flatten(&item);
            if names.iter().any(|name| name == "time") && names.iter().any(|name| name == "pause") {
                return true;
            }
            index = end;
        }
        index += 1;
    }
    false
}

/// Every identifier in `tokens`, groups opened.
fn flatten(tokens: &[&TokenTree]) -> Vec<String> {
    let mut names = Vec::new();
    for token in tokens {
        match token {
            TokenTree::Ident(ident) => names.push(ident.to_string()),
            TokenTree::Group(group) => {
                let inner: Vec<TokenTree> = group.stream().into_iter().collect();
                names.extend(flatten(&inner.iter().collect::<Vec<_>>()));
            }
            _ => {}
        }
    }
    names
}

/// Walks the items of one module: each `fn` with its attributes, each `mod NAME { }`.
fn collect(tokens: &[TokenTree], module: &str, imports_pause: bool, found: &mut Vec<PausedTest>) {
    let mut attributes: Vec<TokenStream> = Vec::new();
    let mut index = 0;
    while index < tokens.len() {
        match &tokens[index] {
            TokenTree::Punct(punct) if punct.as_char() == '#' => {
                if let Some(TokenTree::Group(group)) = tokens.get(index + 1)
                    && group.delimiter() == Delimiter::Bracket
                {
                    attributes.push(group.stream());
                    index += 2;
                    continue;
                }
            }
            TokenTree::Ident(ident) if ident == "mod" => {
                if let (Some(TokenTree::Ident(name)), Some(TokenTree::Group(body))) =
                    (tokens.get(index + 1), tokens.get(index + 2))
                    && body.delimiter() == Delimiter::Brace
                {
                    let inner: Vec<TokenTree> = body.stream().into_iter().collect();
                    let path = format!("{module}{name}::");
                    let imports = imports_pause || imports_pause_from_tokio_time(&inner);
                    collect(&inner, &path, imports, found);
                    attributes.clear();
                    index += 3;
                    continue;
                }
            }
            TokenTree::Ident(ident) if ident == "fn" => {
                let name = match tokens.get(index + 1) {
                    Some(TokenTree::Ident(name)) => name.to_string(),
                    _ => String::new(),
                };
                // The body: the first brace group after the name.
                let body = tokens[index..].iter().find_map(|token| match token {
                    TokenTree::Group(group) if group.delimiter() == Delimiter::Brace => {
                        Some(group.stream())
                    }
                    _ => None,
                });
                let is_test = attributes.iter().any(names_test);
                let ignored = attributes
                    .iter()
                    .any(|attribute| first_ident(attribute) == "ignore");
                let paused_attribute = attributes.iter().any(|attribute| {
                    names_test(attribute) && has_start_paused_true(attribute.clone())
                });
                let paused_body = body.is_some_and(|body| pauses(body, imports_pause));
                if is_test && (paused_attribute || paused_body) && !name.is_empty() {
                    found.push(PausedTest {
                        name: format!("{module}{name}"),
                        ignored,
                    });
                }
                attributes.clear();
            }
            TokenTree::Punct(punct) if punct.as_char() == ';' => attributes.clear(),
            TokenTree::Group(group) if group.delimiter() == Delimiter::Brace => attributes.clear(),
            _ => {}
        }
        index += 1;
    }
}

fn first_ident(stream: &TokenStream) -> String {
    stream
        .clone()
        .into_iter()
        .find_map(|token| match token {
            TokenTree::Ident(ident) => Some(ident.to_string()),
            _ => None,
        })
        .unwrap_or_default()
}

/// `#[test]`, `#[tokio::test]`, `#[tokio::test(...)]`: the path before any arguments
/// ends in `test`.
fn names_test(attribute: &TokenStream) -> bool {
    let path: Vec<String> = attribute
        .clone()
        .into_iter()
        .take_while(|token| !matches!(token, TokenTree::Group(_)))
        .filter_map(|token| match token {
            TokenTree::Ident(ident) => Some(ident.to_string()),
            _ => None,
        })
        .collect();
    path.last().is_some_and(|last| last == "test")
}

/// `start_paused = true` among the tokens (the attribute's arguments).
fn has_start_paused_true(stream: TokenStream) -> bool {
    let tokens: Vec<TokenTree> = stream.into_iter().collect();
    tokens.windows(3).any(|window| {
        is_ident(&window[0], "start_paused")
            && is_punct(&window[1], '=')
            && is_ident(&window[2], "true")
    }) || tokens.iter().any(|token| match token {
        TokenTree::Group(group) => has_start_paused_true(group.stream()),
        _ => false,
    })
}

/// `.start_paused(true)`, `time::pause()`, or `pause()` when it is tokio's: anywhere in
/// the body.
fn pauses(stream: TokenStream, imports_pause: bool) -> bool {
    let tokens: Vec<TokenTree> = stream.into_iter().collect();
    for (index, token) in tokens.iter().enumerate() {
        let next = tokens.get(index + 1);
        let called_with = |empty: bool| match next {
            Some(TokenTree::Group(group)) if group.delimiter() == Delimiter::Parenthesis => {
                let inner = group.stream().to_string();
                if empty {
                    inner.trim().is_empty()
                } else {
                    inner.trim() == "true"
                }
            }
            _ => false,
        };
        if is_ident(token, "start_paused") && called_with(false) {
            return true;
        }
        if is_ident(token, "pause") && called_with(true) {
            // `time::pause()` (any path through `time`), or `pause()` imported from it.
            let through_time = index >= 3
                && is_ident(&tokens[index - 3], "time")
                && is_punct(&tokens[index - 2], ':')
                && is_punct(&tokens[index - 1], ':');
            let bare = index == 0
                || !is_punct(&tokens[index - 1], ':') && !is_punct(&tokens[index - 1], '.');
            if through_time || (bare && imports_pause) {
                return true;
            }
        }
        if let TokenTree::Group(group) = token
            && pauses(group.stream(), imports_pause)
        {
            return true;
        }
    }
    false
}

fn is_ident(token: &TokenTree, name: &str) -> bool {
    matches!(token, TokenTree::Ident(ident) if ident == name)
}

fn is_punct(token: &TokenTree, c: char) -> bool {
    matches!(token, TokenTree::Punct(punct) if punct.as_char() == c)
}

#[cfg(test)]
mod tests {
    use super::in_source;

    /// Each way of pausing the clock is found; a comment, a string, an `#[ignore]`d test
    /// or a helper that is not a test is not.
    #[test]
    fn every_way_of_pausing_and_nothing_else() {
        let source = r#"
            use tokio::time::{self, pause};
            #[tokio::test(start_paused = true)]
            async fn by_attribute() {}
            #[test]
            fn by_builder() {
                let runtime = tokio::runtime::Builder::new_current_thread()
                    .enable_time().start_paused(true).build().unwrap();
            }
            #[tokio::test]
            async fn by_path() { tokio::time::pause(); }
            #[tokio::test]
            async fn by_import() { pause(); }
            mod inner {
                #[tokio::test(flavor = "current_thread", start_paused = true)]
                async fn nested() {}
            }
            // #[tokio::test(start_paused = true)] async fn in_a_comment() {}
            #[tokio::test]
            async fn in_a_string() { let _ = "start_paused = true; time::pause()"; }
            #[tokio::test(start_paused = true)]
            #[ignore]
            async fn ignored() {}
            async fn helper() { tokio::time::pause(); }
            #[tokio::test]
            async fn another_pause() { player.pause(); }
        "#;
        let found: Vec<(String, bool)> = in_source(source)
            .into_iter()
            .map(|test| (test.name, test.ignored))
            .collect();
        let expected = [
            ("by_attribute", false),
            ("by_builder", false),
            ("by_path", false),
            ("by_import", false),
            ("inner::nested", false),
            ("ignored", true),
        ]
        .map(|(name, ignored)| (name.to_owned(), ignored));
        assert_eq!(found, expected);
    }
}
