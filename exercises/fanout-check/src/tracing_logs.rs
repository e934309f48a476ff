//! Step 6: tracing. One log line per `/pages` request, inside a span that carries the
//! URL count, with the elapsed time and how many were ok, failed and unfinished;
//! `RUST_LOG` picks the level (info by default); no colour codes into a pipe.

use std::thread;
use std::time::{Duration, Instant};

use crate::Context;
use crate::answers::ask;
use crate::answers::short;
use crate::service::{Output, Service};

pub fn check(context: &Context) -> Result<String, String> {
    let service = Service::start(&context.binary, &[], &[])?;
    ask(&service, &context.upstream, &["/bytes/600", "/status/404"])?;
    let line = wait_for_line(service.output(), Duration::from_secs(2));
    let on_stdout = service.output().stdout_after_first();
    if line.is_none() && on_stdout.contains("unfinished=") {
        return Err(format!(
            "the request's log line went to stdout, after the address: logs belong on stderr \
             (`.with_writer(std::io::stderr)`), so stdout stays what a script reads (the \
             address) and the logs can be sent elsewhere on their own. It wrote on stdout {}",
            short(&on_stdout)
        ));
    }
    let Some(line) = line else {
        return Err(format!(
            "after one /pages request for 2 URLs (1 ok, 1 failed), the logs should hold one \
             line like `INFO pages{{urls=2}}: ... elapsed_ms=12 ok=1 failed=1 unfinished=0` \
             (an info! event inside an info_span!(\"pages\", urls = ...)), written to \
             stderr, at info unless RUST_LOG says otherwise (EnvFilter::from_default_env() \
             alone would default to error). Your service logged: {}",
            shown(service.output())
        ));
    };
    if service.output().stderr().contains('\u{1b}') {
        return Err(format!(
            "your service's logs carry colour codes (ANSI escapes) into a pipe, where a file \
             or a log collector keeps them as noise: colour only when stderr is a terminal, \
             `.with_ansi(std::io::stderr().is_terminal())` (std::io::IsTerminal). It wrote \
             {:?}",
            short(&service.output().stderr())
        ));
    }
    // Any layout of the fmt subscriber (full, compact ...): the fields are what counts.
    for field in [
        "pages",
        "urls=2",
        "ok=1",
        "failed=1",
        "unfinished=0",
        "elapsed_ms=",
    ] {
        if !line.contains(field) {
            return Err(format!(
                "the request's log line should carry `{field}` (the span `pages` with its \
                 field `urls`, then the event's `elapsed_ms`, `ok`, `failed`, `unfinished`); \
                 it is {line:?}"
            ));
        }
    }
    ask(&service, &context.upstream, &["/bytes/601", "/bytes/602"])?;
    let request_lines = wait_for_lines(service.output(), 2, Duration::from_secs(2));
    if request_lines != 2 {
        return Err(format!(
            "two /pages requests should log two lines with the counts (one each, at info); \
             there were {request_lines}: {}",
            shown(service.output())
        ));
    }
    drop(service);
    in_a_span_named_pages(context)?;
    for (level, page) in [("warn", "/bytes/603"), ("fanout=warn", "/bytes/604")] {
        let quiet = Service::start(&context.binary, &[], &[("RUST_LOG", level)])?;
        ask(&quiet, &context.upstream, &[page])?;
        // Absence takes a moment to show: the line would come right after the answer.
        thread::sleep(Duration::from_millis(300));
        if quiet.output().logs().contains("unfinished=") {
            return Err(format!(
                "with RUST_LOG={level} the info lines must be left out: build the subscriber \
                 with an EnvFilter from the environment (default info); it logged {}",
                shown(quiet.output())
            ));
        }
    }
    Ok(
        "each /pages request logs one line inside a span named pages (urls, elapsed_ms, ok, \
        failed, unfinished: seen through RUST_LOG's span filter), with no colour codes \
        into a pipe, and RUST_LOG sets the level"
            .to_owned(),
    )
}

/// The line is an event inside a span named `pages`, seen by what the span does rather
/// than by its text: `RUST_LOG=warn,[pages]=info` lets info events through only inside
/// such a span, and `warn,[other]=info` none of them.
fn in_a_span_named_pages(context: &Context) -> Result<(), String> {
    let inside = Service::start(&context.binary, &[], &[("RUST_LOG", "warn,[pages]=info")])?;
    ask(&inside, &context.upstream, &["/bytes/605"])?;
    if wait_for_line(inside.output(), Duration::from_secs(2)).is_none() {
        return Err(format!(
            "with RUST_LOG='warn,[pages]=info' (info only inside a span named `pages`) a \
             /pages request logged no line with its counts: the event is not inside a span \
             named `pages`. Make the span (info_span!(\"pages\", urls = n)) and run the work \
             in it (.instrument(span)); writing `pages{{urls=2}}` into the message is not a \
             span. It logged {}",
            shown(inside.output())
        ));
    }
    drop(inside);
    let outside = Service::start(&context.binary, &[], &[("RUST_LOG", "warn,[other]=info")])?;
    ask(&outside, &context.upstream, &["/bytes/606"])?;
    // Absence takes a moment to show: the line would come right after the answer.
    thread::sleep(Duration::from_millis(300));
    if outside.output().logs().contains("unfinished=") {
        return Err(format!(
            "with RUST_LOG='warn,[other]=info' the request's info line must be left out (it \
             is in the span `pages`, not `other`): build the subscriber with an EnvFilter \
             from the environment; it logged {}",
            shown(outside.output())
        ));
    }
    Ok(())
}

/// The first log line on stderr with the request's counts, if one comes within `within`.
fn wait_for_line(output: &Output, within: Duration) -> Option<String> {
    let started = Instant::now();
    loop {
        let logs = crate::service::without_colours(&output.stderr());
        if let Some(line) = logs.lines().find(|l| l.contains("unfinished=")) {
            return Some(line.to_owned());
        }
        if started.elapsed() > within {
            return None;
        }
        thread::sleep(Duration::from_millis(10));
    }
}

/// How many lines with the request's counts there are once `count` came, or after
/// `within`.
fn wait_for_lines(output: &Output, count: usize, within: Duration) -> usize {
    let started = Instant::now();
    loop {
        let found = output
            .logs()
            .lines()
            .filter(|l| l.contains("unfinished="))
            .count();
        if found >= count || started.elapsed() > within {
            return found;
        }
        thread::sleep(Duration::from_millis(10));
    }
}

/// The logs so far, shortened, or "nothing".
fn shown(output: &Output) -> String {
    let logs = output.logs();
    if logs.trim().is_empty() {
        "nothing".to_owned()
    } else {
        short(&logs)
    }
}
