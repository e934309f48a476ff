//! The check for exercise 07a: saves with success, an error and a panic, and looks at
//! which temporary files are still open. Do not edit: the runner notices.

use std::process::ExitCode;
use std::sync::PoisonError;

use ex_07a_guard_cleans_up::{OPEN, save};
use exercise_kit::{Verdict, run};

fn open_files() -> Vec<String> {
    OPEN.lock().unwrap_or_else(PoisonError::into_inner).clone()
}

fn main() -> ExitCode {
    run(|| {
        // Two saves, so that a result written out cannot pass.
        for (name, data) in [("a.tmp", "abc"), ("notes.tmp", "hello, world")] {
            let saved = save(name, data);
            if saved != Ok(data.len()) {
                return Verdict::fail(format!(
                    "save({name:?}, {data:?}) gave {saved:?}; expected Ok({}). If it says the file \
                     was released before the write: keep the guard in a named variable (`let \
                     file = ...`, not `let _ = ...`, which drops it at once; lesson 7, Part 1)",
                    data.len()
                ));
            }
            if !open_files().is_empty() {
                return Verdict::fail(format!(
                    "after a successful save, still open: {:?}",
                    open_files()
                ));
            }
        }
        let refused = save("b.tmp", "");
        if refused.is_ok() {
            return Verdict::fail("save(\"b.tmp\", \"\") should fail: there is nothing to save");
        }
        if !open_files().is_empty() {
            return Verdict::fail(format!(
                "after save returned an error, still open: {:?}. A cleanup that must happen on \
                 every path belongs in Drop (impl Drop for TempFile; lesson 7, Part 1)",
                open_files()
            ));
        }
        let panicked = std::panic::catch_unwind(|| save("c.tmp", "bug"));
        if panicked.is_ok() {
            return Verdict::fail("save(\"c.tmp\", \"bug\") should panic (the bug is on purpose)");
        }
        if !open_files().is_empty() {
            return Verdict::fail(format!(
                "after a panic in save, still open: {:?}. Drop runs while a panic unwinds; a \
                 release at the end of the function does not (lesson 7, Part 1)",
                open_files()
            ));
        }
        Verdict::pass("released after success, after an error and during a panic")
    })
}
