//! Wrong: tests that start env!("CARGO_BIN_EXE_fanout") themselves: no broken service can ever be put in front of them.
//! Expect: never started the service FANOUT_BIN names
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

/// The crate's own binary, started directly: FANOUT_BIN is never read.
#[test]
fn it_prints_its_address_and_stops() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_fanout"))
        .stdout(Stdio::piped())
        .spawn()
        .expect("it starts");
    let mut first = String::new();
    BufReader::new(child.stdout.take().expect("stdout"))
        .read_line(&mut first)
        .expect("a line");
    assert!(first.starts_with("listening on http://127.0.0.1:"), "{first}");
    child.kill().expect("kill");
    let _ = child.wait();
}

#[test]
fn a_second_test() {
    assert_eq!(1 + 1, 2);
}

#[test]
fn a_third_test() {
    assert!(!env!("CARGO_BIN_EXE_fanout").is_empty());
}
