//! The benchmarks (crate `course-bench`): their own binaries with strict options, and
//! child processes that never outlive them.

use std::io::{BufRead, BufReader, Read};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use crate::support::binaries::binary_path;
use crate::support::run::run_lesson;

/// `bench-tasks --tasks N` measures each strategy in a child process, one row each;
/// spawned and unconstrained sleeps are polled exactly twice each.
#[test]
fn bench_tasks_prints_a_row_per_strategy() {
    let run = run_lesson("bench-tasks", &["--tasks", "1000"]);
    run.assert_success();
    for strategy in ["spawn each", "join_all", "unconstrained(join_all)"] {
        let row = run
            .lines()
            .into_iter()
            .find(|line| line.starts_with(&format!("{strategy} ")) && line.contains(" 1000 "));
        let polls = row.and_then(|row| row.split_whitespace().last());
        assert!(polls.is_some(), "no row for {strategy}\n\n{run}");
        if strategy != "join_all" {
            assert_eq!(polls, Some("2000"), "{run}");
        }
    }
}

/// Every bad count is a usage error (exit 2, one line), checked before anything is
/// allocated: a huge count does not try to allocate first.
#[test]
fn bench_options_are_strict() {
    for bad in ["lots", "0", "99999999999"] {
        run_lesson("bench-tasks", &["--tasks", bad]).assert_one_line_error(
            2,
            &format!(
                "error: invalid value '{bad}' for '--tasks <N>': a whole number from 1 to \
                 1,000,000 is wanted (try --help)"
            ),
        );
    }
    run_lesson("bench-tasks", &["--measure", "spawn"]).assert_one_line_error(
        2,
        "error: the following required arguments were not provided: --tasks <N>",
    );
    run_lesson("bench-tasks", &["--measure", "threads", "--tasks", "10"]).assert_one_line_error(
        2,
        "error: invalid value 'threads' for '--measure <STRATEGY>' [possible values: spawn, \
         join_all, unconstrained]",
    );
    run_lesson("bench-http", &["--concurrency", "5000"]).assert_one_line_error(
        2,
        "error: invalid value '5000' for '--concurrency <K>': a whole number from 1 to 1,000",
    );
    run_lesson("bench-http", &["--serve", "--requests", "3"]).assert_one_line_error(
        2,
        "error: the argument '--serve' cannot be used with '--requests <N>'",
    );
    run_lesson("bench-capstone", &["--fanout", "/no/such/fanout"])
        .assert_one_line_error(2, "error: --fanout /no/such/fanout: no such file");
}

/// Killing `bench-http` with SIGKILL (no destructor runs) leaves no server process
/// behind. The server child shares the benchmark's stderr pipe, so that pipe reaches
/// end-of-file only once *both* processes have exited: reading it to the end, with a
/// deadline, is the proof, with no sleeping and no polling.
#[test]
fn killing_bench_http_leaves_no_server_behind() {
    let mut parent = Command::new(binary_path("bench-http"))
        .args(["--requests", "1000000"])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("bench-http starts");
    // Wait for the line that says the server child is up.
    let stdout = parent.stdout.take().expect("stdout is piped");
    let mut lines = BufReader::new(stdout).lines();
    let server_line = lines
        .by_ref()
        .map_while(Result::ok)
        .find(|line| line.starts_with("server: child process "));
    let Some(server_line) = server_line else {
        let _ = parent.kill();
        panic!("bench-http never said its server had started");
    };
    let mut stderr = parent.stderr.take().expect("stderr is piped");
    parent.kill().expect("SIGKILL the benchmark");
    let _ = parent.wait();

    let (done, closed) = mpsc::channel();
    std::thread::spawn(move || {
        let mut rest = String::new();
        let _ = stderr.read_to_string(&mut rest);
        let _ = done.send(rest);
    });
    let deadline = Duration::from_secs(10);
    assert!(
        closed.recv_timeout(deadline).is_ok(),
        "{server_line}: still running {deadline:?} after its parent was killed"
    );
}
