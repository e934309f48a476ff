//! Every claim that code compiles, or is refused, is compiled: lesson 12's broken
//! programs and every snippet (`lessons/*/snippets/*.md`, which the chapters include)
//! are the binaries of one scratch crate (`support::compile`).

use crate::support::compile::{self, Claim, Program};

/// The snippets among the scratch crate's programs.
fn snippets(programs: &[Program]) -> impl Iterator<Item = &Program> {
    programs.iter().filter(|p| p.target.starts_with("snippet-"))
}

/// Each refused snippet fails with exactly the error it claims: the code and rustc's
/// whole first line, and any words it quotes from the rest of the message. (Lesson 12's
/// broken programs: `lesson_12.rs`.)
#[test]
fn every_refused_snippet_fails_with_the_error_it_claims() {
    let (programs, build) = compile::checked();
    let mut wrong = Vec::new();
    for program in snippets(programs) {
        let Some(claim) = &program.claim else {
            continue;
        };
        let Some(first) = compile::first_error(build, &program.target) else {
            wrong.push(format!(
                "{} is said to be refused with `{}`, but it compiled",
                program.origin,
                claim.shown()
            ));
            continue;
        };
        // A lint's error carries the lint's name as its code; rustc prints none.
        let said = Claim {
            code: first.code.clone().filter(|code| code.starts_with('E')),
            message: first.message.clone(),
        };
        if &said != claim {
            wrong.push(format!(
                "{}: it claims `{}`; rustc said `{}`:\n{}",
                program.origin,
                claim.shown(),
                said.shown(),
                first.rendered
            ));
        }
        for words in &program.also {
            if !first.rendered.contains(words.as_str()) {
                wrong.push(format!(
                    "{}: it quotes rustc as saying {words:?}; rustc said:\n{}",
                    program.origin, first.rendered
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n\n"));
}

/// Each snippet not marked `compile_fail` compiles.
#[test]
fn every_snippet_said_to_compile_compiles() {
    let (programs, build) = compile::checked();
    let compiling: Vec<&Program> = snippets(programs)
        .filter(|program| program.claim.is_none())
        .collect();
    assert!(!compiling.is_empty(), "no compiling snippet was found");
    let refused: Vec<String> = compiling
        .iter()
        .filter_map(|program| {
            compile::first_error(build, &program.target).map(|first| {
                format!(
                    "{} is shown as compiling, but rustc refuses it:\n{}",
                    program.origin, first.rendered
                )
            })
        })
        .collect();
    assert!(refused.is_empty(), "{}", refused.join("\n\n"));
}

/// Each `compile_fail` block names, on its first line, the error it is refused with
/// and the rustc it was checked with (`// rustc 1.95: error[E0597]: ...`).
#[test]
fn every_compile_fail_snippet_names_its_error() {
    let root = crate::support::binaries::workspace_root();
    for file in compile::snippet_files(&root) {
        let text = std::fs::read_to_string(&file).unwrap();
        for block in compile::rust_blocks(&text) {
            assert!(
                !block.compile_fail || block.claim.is_some(),
                "{}: a compile_fail block must start with the error it claims, as \
                 `// rustc 1.95: error[E0597]: <rustc's first line>`; it starts with {:?}",
                file.display(),
                block.first_line
            );
        }
    }
}
