//! What a learner's exercise file may use. An exercise's check runs the learner's code
//! in its own process, after it has read the runner's seal; a file that could read that
//! process's memory (`/proc/self/mem`), its standard streams or other files could print
//! a sealed verdict. No exercise needs the file system, processes, the environment, OS
//! specifics, files pulled in at compile time or code outside the file, so a file that
//! reaches for them is refused before it is built, with one line naming what and where.
//! (`unsafe` is refused by the compiler: the exercises' workspace forbids it.)
//!
//! The file is read with a Rust parser (syn), paths and `use` trees resolved as written,
//! and the tokens inside macro calls (`println!`, `tokio::join!` ...) looked through too.

use proc_macro2::{TokenStream, TokenTree};
use syn::ext::IdentExt;
use syn::spanned::Spanned;
use syn::visit::{self, Visit};

/// The crates whose modules are looked at.
const ROOTS: [&str; 4] = ["std", "core", "alloc", "tokio"];

/// Their modules no exercise needs, with why they are refused.
const MODULES: [(&str, &str); 4] = [
    ("fs", "the file system"),
    ("process", "other processes"),
    ("env", "the environment"),
    ("os", "OS-specific access"),
];

/// Macros no exercise needs.
const MACROS: [&str; 8] = [
    "include",
    "include_str",
    "include_bytes",
    "env",
    "option_env",
    "asm",
    "global_asm",
    "naked_asm",
];

/// Why `source` (the text of `file`, as shown) may not be built, or `Ok` when it may.
///
/// # Errors
/// One line: the file, the line, what it uses and why that is refused. A file that does
/// not parse is left to the compiler (`Ok`), whose message is better.
pub fn refusal(file: &str, source: &str) -> Result<(), String> {
    let Ok(parsed) = syn::parse_file(source) else {
        return Ok(());
    };
    let mut finder = Finder::default();
    finder.visit_file(&parsed);
    match finder.found {
        None => Ok(()),
        Some((line, what)) => Err(format!(
            "{file}:{line}: {what}: an exercise needs none of it, and the check will not \
             run a file that could reach outside it (files, processes, the environment, \
             code outside this file). Remove it and check again"
        )),
    }
}

#[derive(Default)]
struct Finder {
    found: Option<(usize, String)>,
}

impl Finder {
    fn note(&mut self, span: proc_macro2::Span, what: String) {
        if self.found.is_none() {
            self.found = Some((span.start().line, what));
        }
    }

    /// A path given as its segments' names: `std::fs::read` → refused.
    fn path_names(&mut self, span: proc_macro2::Span, names: &[String]) {
        for pair in names.windows(2) {
            if !ROOTS.contains(&pair[0].as_str()) {
                continue;
            }
            if let Some((module, why)) = MODULES.iter().find(|(module, _)| *module == pair[1]) {
                self.note(span, format!("`{}::{module}` ({why})", pair[0]));
                return;
            }
        }
    }

    /// The tokens of a macro call: paths spelled inside it, and nested macro names.
    fn tokens(&mut self, tokens: TokenStream) {
        let trees: Vec<TokenTree> = tokens.into_iter().collect();
        let mut names: Vec<String> = Vec::new();
        let mut start = None;
        for (index, tree) in trees.iter().enumerate() {
            match tree {
                TokenTree::Ident(ident) => {
                    let name = ident.unraw().to_string();
                    let is_macro = matches!(
                        trees.get(index + 1),
                        Some(TokenTree::Punct(punct)) if punct.as_char() == '!'
                    );
                    if is_macro && MACROS.contains(&name.as_str()) {
                        self.note(ident.span(), format!("`{name}!`"));
                    }
                    if name == "extern" {
                        self.note(ident.span(), "`extern`".to_owned());
                    }
                    start.get_or_insert(ident.span());
                    names.push(name);
                }
                TokenTree::Punct(punct) if punct.as_char() == ':' => {}
                TokenTree::Group(group) => {
                    self.flush(&mut names, &mut start);
                    self.tokens(group.stream());
                }
                _ => self.flush(&mut names, &mut start),
            }
        }
        self.flush(&mut names, &mut start);
    }

    fn flush(&mut self, names: &mut Vec<String>, start: &mut Option<proc_macro2::Span>) {
        if let Some(span) = start.take() {
            self.path_names(span, names);
        }
        names.clear();
    }

    /// Each path a `use` tree brings in, as names (groups and globs spelled out).
    fn use_tree(&mut self, prefix: &[String], tree: &syn::UseTree) {
        match tree {
            syn::UseTree::Path(path) => {
                let mut names = prefix.to_vec();
                names.push(path.ident.unraw().to_string());
                self.use_tree(&names, &path.tree);
            }
            syn::UseTree::Name(name) => {
                let mut names = prefix.to_vec();
                names.push(name.ident.unraw().to_string());
                self.path_names(name.span(), &names);
            }
            syn::UseTree::Rename(rename) => {
                let mut names = prefix.to_vec();
                let original = rename.ident.unraw().to_string();
                if prefix.is_empty() && ROOTS.contains(&original.as_str()) {
                    self.note(rename.span(), format!("`{original}` under another name"));
                }
                names.push(original);
                self.path_names(rename.span(), &names);
            }
            syn::UseTree::Glob(glob) => {
                // `use std::*` brings `fs` and the rest in unnamed.
                if prefix.len() == 1 && ROOTS.contains(&prefix[0].as_str()) {
                    self.note(glob.span(), format!("`{}::*`", prefix[0]));
                }
            }
            syn::UseTree::Group(group) => {
                for item in &group.items {
                    self.use_tree(prefix, item);
                }
            }
        }
    }
}

impl<'ast> Visit<'ast> for Finder {
    fn visit_path(&mut self, path: &'ast syn::Path) {
        let names: Vec<String> = path
            .segments
            .iter()
            .map(|segment| segment.ident.unraw().to_string())
            .collect();
        self.path_names(path.span(), &names);
        visit::visit_path(self, path);
    }

    fn visit_item_use(&mut self, item: &'ast syn::ItemUse) {
        self.use_tree(&[], &item.tree);
    }

    fn visit_macro(&mut self, mac: &'ast syn::Macro) {
        if let Some(last) = mac.path.segments.last() {
            let name = last.ident.unraw().to_string();
            if MACROS.contains(&name.as_str()) {
                self.note(mac.path.span(), format!("`{name}!`"));
            }
        }
        self.tokens(mac.tokens.clone());
        visit::visit_macro(self, mac);
    }

    fn visit_item_macro(&mut self, item: &'ast syn::ItemMacro) {
        if item.ident.is_some() {
            // A macro of one's own could spell anything out of pieces.
            self.note(item.span(), "`macro_rules!`".to_owned());
        }
        visit::visit_item_macro(self, item);
    }

    fn visit_item_extern_crate(&mut self, item: &'ast syn::ItemExternCrate) {
        self.note(item.span(), "`extern crate`".to_owned());
    }

    fn visit_item_foreign_mod(&mut self, item: &'ast syn::ItemForeignMod) {
        self.note(
            item.span(),
            "an `extern` block (code outside the file)".to_owned(),
        );
    }

    fn visit_item_mod(&mut self, item: &'ast syn::ItemMod) {
        if item.content.is_none() {
            self.note(
                item.span(),
                format!("`mod {};` (code in another file)", item.ident),
            );
        }
        visit::visit_item_mod(self, item);
    }

    fn visit_attribute(&mut self, attribute: &'ast syn::Attribute) {
        let name = attribute
            .path()
            .get_ident()
            .map(|ident| ident.unraw().to_string())
            .unwrap_or_default();
        if [
            "path",
            "link",
            "no_mangle",
            "export_name",
            "link_section",
            "used",
        ]
        .contains(&name.as_str())
        {
            self.note(attribute.span(), format!("`#[{name}]`"));
        }
        visit::visit_attribute(self, attribute);
    }
}

#[cfg(test)]
mod tests {
    use super::refusal;

    fn refused(source: &str) -> String {
        refusal("lib.rs", source).expect_err("should be refused")
    }

    /// The ways to reach outside the file are refused, each named with its line.
    #[test]
    fn reaching_outside_is_refused_with_its_line() {
        for (source, words) in [
            (
                "fn f() { let _ = std::fs::read(\"/proc/self/mem\"); }",
                "lib.rs:1: `std::fs`",
            ),
            ("use std::fs;", "`std::fs`"),
            ("use std::{io, fs::File};", "`std::fs`"),
            ("use ::std::process::Command;", "`std::process`"),
            (
                "use std as s;\nfn f() { s::fs::read(\"x\"); }",
                "lib.rs:1: `std` under another name",
            ),
            ("use std::*;", "`std::*`"),
            (
                "fn f() { println!(\"{:?}\", std::env::args()); }",
                "`std::env`",
            ),
            ("fn f() { let _ = tokio::fs::read(\"x\"); }", "`tokio::fs`"),
            (
                "const S: &str = include_str!(\"/etc/passwd\");",
                "`include_str!`",
            ),
            ("fn f() { let _ = env!(\"HOME\"); }", "`env!`"),
            ("macro_rules! m { () => {} }", "`macro_rules!`"),
            ("extern crate std as other;", "`extern crate`"),
            ("mod other;", "`mod other;`"),
            ("#[path = \"x.rs\"] mod x { }", "`#[path]`"),
            (
                "fn f() { let _ = std::os::unix::process::parent_id(); }",
                "`std::os`",
            ),
            (
                "fn f() { tokio::join!(async { std::fs::read(\"x\") }); }",
                "`std::fs`",
            ),
            ("fn f() { let _ = std::r#fs::read(\"x\"); }", "`std::fs`"),
        ] {
            let message = refused(source);
            assert!(message.contains(words), "{source}: {message}");
        }
    }

    /// What exercises use is not refused: async code, std's collections and sync,
    /// tokio's runtime, the kit, a local module, and words that merely look alike.
    #[test]
    fn what_exercises_use_is_not_refused() {
        let source = r#"
            use std::sync::{Arc, Mutex};
            use std::time::Duration;
            use tokio::sync::{mpsc, watch};
            use exercise_kit::visits::Site;
            mod helpers { pub fn env() -> u32 { 1 } }
            pub async fn f(site: Arc<Site>, env: u32, fs: Vec<u64>) -> u64 {
                let process = helpers::env() + env;
                let (tx, _rx) = mpsc::channel::<u64>(1);
                let _ = tx.send(1).await;
                tokio::time::sleep(Duration::from_millis(1)).await;
                println!("{process} {fs:?}");
                tokio::join!(async { 1 }, async { 2 });
                site.visit("home:1").await + fs.len() as u64
            }
        "#;
        assert_eq!(refusal("lib.rs", source), Ok(()));
        assert_eq!(
            refusal("lib.rs", "fn broken( {"),
            Ok(()),
            "left to the compiler"
        );
    }
}
