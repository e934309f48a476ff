//! Step 4: retries. Transient failures (connect errors, attempt timeouts, 408, 429, 500,
//! 502, 503, 504) are tried again after pauses, up to --retries attempts in all and within
//! the deadline; another 4xx, 501 or 505 never. An attempt has its own timeout
//! (--attempt-timeout-ms); a `Retry-After` is waited for, or the page fails at once when
//! it would end past the deadline.

use std::time::{Duration, Instant};

use crate::Context;
use crate::answers::{ask, get_from, number, short};
use crate::service::Service;

pub fn check(context: &Context) -> Result<String, String> {
    let service = Service::start(&context.binary, &["--retries", "3"], &[])?;
    let before = context.upstream.requests_received();
    let (_, results) = ask(
        &service,
        &context.upstream,
        &[format!("/flaky/2/{}", context.fresh_key("fanout-a")).as_str()],
    )?;
    let asked = context.upstream.requests_received() - before;
    if results[0]["status"] != "ok" || number(&results[0], "attempts")? != 3 || asked != 3 {
        return Err(format!(
            "a page that answers 503 twice, then 200, with --retries 3: it should be `ok` \
             after 3 attempts (3 requests upstream); got {} after {asked} requests. Retry \
             while the error is transient (a 503 among them; connect errors, timeouts; lesson 9, Part 6)",
            results[0]
        ));
    }
    let before = context.upstream.requests_received();
    let (_, results) = ask(&service, &context.upstream, &["/status/404"])?;
    let asked = context.upstream.requests_received() - before;
    if results[0]["status"] != "failed" || number(&results[0], "attempts")? != 1 || asked != 1 {
        return Err(format!(
            "a 404 is the request's own fault and never retried: `failed` after 1 attempt; \
             got {} after {asked} requests upstream",
            results[0]
        ));
    }
    let port = crate::service::free_port()?;
    let refused = get_from(&service, &format!("/pages?url=http://127.0.0.1:{port}/"))?;
    let result = &refused.json["results"][0];
    if result["status"] != "failed" || result["attempts"] != 3 {
        return Err(format!(
            "a refused connection is transient (the server may be restarting): with \
             --retries 3 it is `failed` after 3 attempts; got {}",
            short(&refused.text)
        ));
    }
    // Which statuses mean "not now" (retried) and which "never" (not): both sides.
    for (code, attempts, why) in [
        (400, 1, "the request's own fault, never retried"),
        (500, 3, "transient (the server's trouble), retried"),
        (502, 3, "transient (a gateway's trouble), retried"),
        (504, 3, "transient (a gateway timed out), retried"),
        (429, 3, "transient (too many requests: not now), retried"),
        (
            501,
            1,
            "not transient (the server will never do it), never retried",
        ),
    ] {
        let path = format!("/status/{code}");
        let (_, results) = ask(&service, &context.upstream, &[path.as_str()])?;
        if results[0]["status"] != "failed" || results[0]["attempts"] != attempts {
            return Err(format!(
                "a {code} is {why}: `failed` after {attempts} attempt(s) with --retries 3; got \
                 {}. Transient: 408, 429, 500, 502, 503, 504, connect errors, timeouts",
                results[0]
            ));
        }
    }
    drop(service);
    let fewer = Service::start(&context.binary, &["--retries", "2"], &[])?;
    let (_, results) = ask(
        &fewer,
        &context.upstream,
        &[format!("/flaky/2/{}", context.fresh_key("fanout-b")).as_str()],
    )?;
    let error = results[0]["error"].as_str().unwrap_or_default();
    if results[0]["status"] != "failed" || results[0]["attempts"] != 2 || !error.contains("503") {
        return Err(format!(
            "with --retries 2 (two attempts in all), a page that answers 503 twice is \
             `failed` after 2 attempts with the last error (\"HTTP 503\"); got {}",
            results[0]
        ));
    }
    drop(fewer);
    pauses_grow_within_the_deadline(context)?;
    health_answers_while_pausing(context)?;
    pauses_double_with_jitter(context)?;
    no_place_held_while_pausing(context)?;
    a_stalled_attempt_times_out_and_is_retried(context)?;
    retry_after_is_honoured(context)?;
    Ok(
        "transient failures (500, 502, 503, 504, 429, refused, an attempt that timed out) \
        are retried up to --retries attempts, with pauses that double from 100 ms with \
        jitter (as the upstream saw them: pages that failed together did not come back \
        together; a Retry-After is waited for) and within the deadline; /health answers \
        while they pause; a 400, 404 or 501 never, and no place is held while pausing"
            .to_owned(),
    )
}

/// An attempt that gets no answer ends at --attempt-timeout-ms (a value picked anew
/// each run) and the next attempt brings the page, well within the deadline.
fn a_stalled_attempt_times_out_and_is_retried(context: &Context) -> Result<(), String> {
    let attempt_ms = exercise_kit::vary(250..=450);
    let service = Service::start(
        &context.binary,
        &[
            "--retries",
            "3",
            "--deadline-ms",
            "4000",
            "--attempt-timeout-ms",
            &attempt_ms.to_string(),
        ],
        &[],
    )?;
    let path = format!("/stall-once/{}", context.fresh_key("fanout-stall"));
    let started = Instant::now();
    let (_, results) = ask(&service, &context.upstream, &[path.as_str()])?;
    let took = started.elapsed();
    let on_time = took >= Duration::from_millis(attempt_ms) && took < Duration::from_millis(3000);
    if results[0]["status"] != "ok" || results[0]["attempts"] != 2 || !on_time {
        return Err(format!(
            "a page whose first request never gets an answer, with --attempt-timeout-ms \
             {attempt_ms} and --deadline-ms 4000: the first attempt should time out after \
             {attempt_ms} ms and the second bring the page (`ok` after 2 attempts, in about \
             {:.1} s); got {} in {:.2} s. Give each attempt its own timeout \
             (`RequestBuilder::timeout(config.attempt_timeout())`), and retry a timeout like \
             any transient failure",
            attempt_ms as f64 / 1000.0,
            results[0],
            took.as_secs_f64()
        ));
    }
    Ok(())
}

/// A 429 with `Retry-After: 1` is tried again after at least a second; one whose wait
/// would end past the deadline fails at once, saying why.
fn retry_after_is_honoured(context: &Context) -> Result<(), String> {
    let service = Service::start(
        &context.binary,
        &["--retries", "3", "--deadline-ms", "3000"],
        &[],
    )?;
    let path = format!("/busy/1/{}", context.fresh_key("fanout-busy"));
    let started = Instant::now();
    let (_, results) = ask(&service, &context.upstream, &[path.as_str()])?;
    let took = started.elapsed();
    if results[0]["status"] != "ok" || results[0]["attempts"] != 2 || took < Duration::from_secs(1)
    {
        return Err(format!(
            "a page that answers 429 with `Retry-After: 1` once, then 200 (--deadline-ms \
             3000): the second attempt must wait at least the second it asked for, and bring \
             the page (`ok` after 2 attempts, in 1 s or more); got {} in {:.2} s. Read the \
             header (`response.headers().get(RETRY_AFTER)`, seconds) on a 429 or 503 and wait \
             the longer of it and the backoff",
            results[0],
            took.as_secs_f64()
        ));
    }
    let path = format!("/busy/9/{}", context.fresh_key("fanout-busy"));
    let started = Instant::now();
    let (_, results) = ask(&service, &context.upstream, &[path.as_str()])?;
    let took = started.elapsed();
    let error = results[0]["error"].as_str().unwrap_or_default();
    if results[0]["status"] != "failed"
        || results[0]["attempts"] != 1
        || !error.contains("429")
        || took > Duration::from_millis(1500)
    {
        return Err(format!(
            "a page that answers 429 with `Retry-After: 9`, with --deadline-ms 3000: no \
             attempt can wait 9 s and end by the deadline, so it is `failed` at once after 1 \
             attempt, its error naming the 429; got {} in {:.2} s",
            results[0],
            took.as_secs_f64()
        ));
    }
    Ok(())
}

fn pauses_grow_within_the_deadline(context: &Context) -> Result<(), String> {
    let service = Service::start(
        &context.binary,
        &["--retries", "20", "--deadline-ms", "1000"],
        &[],
    )?;
    let before = context.upstream.requests_received();
    let started = Instant::now();
    let (_, results) = ask(&service, &context.upstream, &["/status/503"])?;
    let took = started.elapsed();
    let asked = context.upstream.requests_received() - before;
    if took > Duration::from_millis(1900) {
        return Err(format!(
            "a page that always answers 503, with --retries 20 and --deadline-ms 1000: the \
             answer must still come by the deadline; it took {:.2} s. Stop retrying when the \
             next attempt could not start before the deadline",
            took.as_secs_f64()
        ));
    }
    if asked > 8 {
        return Err(format!(
            "a page that always answers 503, with --retries 20 and --deadline-ms 1000: your \
             service asked it {asked} times in 1 s. Wait between attempts, longer each time \
             (100 ms, 200 ms, 400 ms ... with jitter: lesson 9, Part 6), so a struggling \
             server is not hammered"
        ));
    }
    let error = results[0]["error"].as_str().unwrap_or_default();
    if results[0]["status"] != "failed" || !error.contains("503") {
        return Err(format!(
            "a page that always answers 503 should end `failed` with the last error (\"HTTP \
             503\") once no attempt can start before the deadline (not be cut off as \
             unfinished mid-pause); got {}",
            results[0]
        ));
    }
    if asked < 2 {
        return Err(format!(
            "a page that always answers 503, with --retries 20 and --deadline-ms 1000, was \
             asked only {asked} time(s): a 503 is transient and should be retried while the \
             deadline allows; got {}",
            results[0]
        ));
    }
    Ok(())
}

/// A request pausing before its next attempt holds no place of the limit.
fn no_place_held_while_pausing(context: &Context) -> Result<(), String> {
    let service = Service::start(
        &context.binary,
        &["--limit", "1", "--retries", "20", "--deadline-ms", "2000"],
        &[],
    )?;
    let failing = service.url(&crate::answers::pages_path(
        &context.upstream,
        &["/status/502"],
    ));
    let before = context.upstream.requests_received();
    let first = std::thread::spawn(move || crate::service::get(&failing));
    context.wait_until_asked(before)?;
    let started = Instant::now();
    let (_, results) = ask(&service, &context.upstream, &["/delay/100"])?;
    let took = started.elapsed();
    let _ = first.join();
    if took > Duration::from_millis(900) || results[0]["status"] != "ok" {
        return Err(format!(
            "with --limit 1, while one request retries a failing page, another request's \
             page of 0.1 s took {:.2} s ({}): the retrying request held the only place while \
             it paused. Take the permit for each attempt, and give it back before sleeping",
            took.as_secs_f64(),
            results[0]
        ));
    }
    Ok(())
}

/// Six pages that fail together, in one request: the pauses between each page's
/// attempts, as the upstream saw them, double from 100 ms, each at least half of its
/// doubled value; and the six do not come back together (jitter: each pause a random
/// value between half and all of it).
fn pauses_double_with_jitter(context: &Context) -> Result<(), String> {
    const PAGES: usize = 6;
    const ATTEMPTS: usize = 5;
    let service = Service::start(
        &context.binary,
        &["--retries", "5", "--deadline-ms", "4000", "--limit", "8"],
        &[],
    )?;
    let keys: Vec<String> = (0..PAGES)
        .map(|_| context.fresh_key("fanout-pauses"))
        .collect();
    let paths: Vec<String> = keys.iter().map(|key| format!("/flaky/100/{key}")).collect();
    let paths: Vec<&str> = paths.iter().map(String::as_str).collect();
    let (_, results) = ask(&service, &context.upstream, &paths)?;
    let mut offsets: Vec<Vec<Duration>> = Vec::new();
    let mut all_pauses: Vec<Vec<Duration>> = Vec::new();
    for (key, result) in keys.iter().zip(&results) {
        let arrivals = context.upstream.flaky_arrivals(key);
        if arrivals.len() != ATTEMPTS || result["status"] != "failed" {
            return Err(format!(
                "six pages that always answer 503, asked in one request with --retries 5 and \
                 --deadline-ms 4000 (room for every pause): each should be `failed` after 5 \
                 attempts; /flaky/100/{key} was asked {} time(s) and got {}. (When the six \
                 pages' pauses add up instead of running side by side, something blocks \
                 while it waits, a std::thread::sleep or block_in_place: pause with \
                 tokio::time::sleep(..).await.)",
                arrivals.len(),
                result
            ));
        }
        let pauses: Vec<Duration> = arrivals.windows(2).map(|pair| pair[1] - pair[0]).collect();
        for (index, pause) in pauses.iter().enumerate() {
            let doubled = Duration::from_millis(100 << index);
            // Never sooner than half the doubled pause (a few ms of slack for the clock).
            if *pause + Duration::from_millis(3) < doubled / 2 {
                let shown: Vec<String> = pauses
                    .iter()
                    .map(|pause| format!("{} ms", pause.as_millis()))
                    .collect();
                return Err(format!(
                    "the upstream saw the pauses between one failing page's attempts as {}: \
                     pause {} was {} ms, shorter than half of {} ms. The pauses double from \
                     100 ms (100, 200, 400, 800 ms ...), each a random value between half and \
                     all of it (lesson 9, Part 6)",
                    shown.join(", "),
                    index + 1,
                    pause.as_millis(),
                    doubled.as_millis()
                ));
            }
        }
        offsets.push(
            arrivals
                .iter()
                .map(|arrival| *arrival - arrivals[0])
                .collect(),
        );
        all_pauses.push(pauses);
    }
    // The pauses grow: every page's fourth pause (at least 400 ms by the spec) is longer
    // than any page's first (at most 100 ms) by a wide margin, whatever the jitter drew
    // and however late a busy machine's timers fire.
    let longest_first = all_pauses
        .iter()
        .map(|pauses| pauses[0])
        .max()
        .unwrap_or_default();
    let shortest_fourth = all_pauses
        .iter()
        .map(|pauses| pauses[3])
        .min()
        .unwrap_or_default();
    if shortest_fourth < longest_first + Duration::from_millis(100) {
        return Err(format!(
            "six failing pages: the longest first pause was {} ms and the shortest fourth \
             pause {} ms. The pauses double from 100 ms (100, 200, 400, 800 ms ...), each a \
             random value between half and all of it, so a struggling server gets more rest \
             each time; a pause that stays the same does not (lesson 9, Part 6)",
            longest_first.as_millis(),
            shortest_fourth.as_millis()
        ));
    }
    // How far apart the six pages' k-th attempts were, measured from each one's first.
    let spread = (1..ATTEMPTS)
        .map(|attempt| {
            let at: Vec<Duration> = offsets.iter().map(|offsets| offsets[attempt]).collect();
            let earliest = at.iter().min().copied().unwrap_or_default();
            let latest = at.iter().max().copied().unwrap_or_default();
            latest - earliest
        })
        .max()
        .unwrap_or_default();
    if spread < Duration::from_millis(100) {
        return Err(format!(
            "six pages that failed together came back together: at each retry their \
             attempts, measured from each one's first, were at most {} ms apart. Make each \
             pause a random value between half and all of the doubled pause (jitter: \
             fastrand, or any random source), so that clients that failed together do not \
             all come back at the same moment (lesson 9, Part 6)",
            spread.as_millis()
        ));
    }
    Ok(())
}

/// While many requests pause between attempts (more than the machine has cores, each
/// with pages that keep failing), `/health` still answers at once: a pause must let the
/// runtime's threads run other work (`tokio::time::sleep`), not hold one
/// (`std::thread::sleep`).
fn health_answers_while_pausing(context: &Context) -> Result<(), String> {
    let cores = std::thread::available_parallelism().map_or(2, usize::from);
    let requests = (cores + 2).min(66);
    let service = Service::start(
        &context.binary,
        &["--retries", "5", "--deadline-ms", "4000", "--limit", "100"],
        &[],
    )?;
    let health = service.url("/health");
    let before = context.upstream.requests_received();
    let askers: Vec<_> = (0..requests)
        .map(|_| {
            let paths: Vec<String> = (0..3)
                .map(|_| format!("/flaky/100/{}", context.fresh_key("fanout-health")))
                .collect();
            let paths: Vec<&str> = paths.iter().map(String::as_str).collect();
            let url = service.url(&crate::answers::pages_path(&context.upstream, &paths));
            std::thread::spawn(move || crate::service::get(&url))
        })
        .collect();
    context.wait_until_asked(before)?;
    // Every 20 ms, at least 15 times and for at least 1.6 s: the pauses of 50 to 800 ms
    // come and go meanwhile. A busy machine makes a probe slow now and then (CI has
    // seen 250 ms); a thread held through a pause makes it as slow as the pause.
    let mut slow = Vec::new();
    let mut probes = 0;
    let started = Instant::now();
    while probes < 15 || started.elapsed() < Duration::from_millis(1600) {
        probes += 1;
        let asked = Instant::now();
        let answer = crate::service::get(&health)?;
        let took = asked.elapsed();
        if answer.status != 200 {
            return Err(format!(
                "GET /health answered {} while pages were retried",
                answer.status
            ));
        }
        if took > Duration::from_millis(350) {
            slow.push(took);
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    for asker in askers {
        let _ = asker.join();
    }
    if slow.len() >= 2 || slow.iter().any(|took| *took > Duration::from_millis(700)) {
        let shown: Vec<String> = slow
            .iter()
            .map(|took| format!("{} ms", took.as_millis()))
            .collect();
        return Err(format!(
            "while {requests} requests paused between attempts at failing pages, GET /health \
             took {} (it answers at once otherwise): the pauses held the runtime's threads. \
             Pause with tokio::time::sleep(..).await, which lets the thread run other \
             requests meanwhile, never std::thread::sleep in async code (lesson 5)",
            shown.join(", ")
        ));
    }
    Ok(())
}
