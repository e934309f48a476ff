//! Step 3: many upstreams at once. Together, within one limit shared by every client, a
//! place reused as soon as it is free, and an answer by the deadline with what finished.

use std::thread;
use std::time::{Duration, Instant};

use crate::Context;
use crate::answers::{ask, number, short, statuses};
use crate::service::Service;

pub fn check(context: &Context) -> Result<String, String> {
    together_and_in_order(context)?;
    the_limit_holds(context)?;
    the_place_is_held_through_the_body(context)?;
    the_limit_is_shared(context)?;
    a_free_place_is_used_at_once(context)?;
    the_deadline_keeps_what_finished(context)?;
    one_deadline_for_the_request(context)?;
    Ok(
        "the URLs are fetched together in the order asked, never more than --limit at once \
        across clients, a free place reused at once, and the answer comes by the deadline \
        with what finished"
            .to_owned(),
    )
}

fn together_and_in_order(context: &Context) -> Result<(), String> {
    let service = Service::start(&context.binary, &["--limit", "4"], &[])?;
    let paths = ["/delay/400", "/delay/100", "/delay/300", "/delay/200"];
    let (answer, results) = ask(&service, &context.upstream, &paths)?;
    if statuses(&results) != ["ok"; 4] {
        return Err(format!(
            "four pages that take 0.1 to 0.4 s should all be `ok`; got {:?}",
            statuses(&results)
        ));
    }
    if answer.took > Duration::from_millis(850) {
        return Err(format!(
            "four pages of 0.4, 0.1, 0.3 and 0.2 s with --limit 4 took {:.2} s: one after \
             the other they take 1.0 s, together 0.4 s. Fetch them together (join_all over \
             one future per URL; lesson 3, Part 3), and let nothing make them wait for each \
             other (a lock held across the fetch's .await would)",
            answer.took.as_secs_f64()
        ));
    }
    number(&answer.json, "elapsed_ms").map_err(|_| {
        format!(
            "the answer needs \"elapsed_ms\", the milliseconds from the request's arrival; \
             got {}",
            short(&answer.text)
        )
    })?;
    Ok(())
}

fn the_limit_holds(context: &Context) -> Result<(), String> {
    let service = Service::start(&context.binary, &["--limit", "2"], &[])?;
    context.upstream.reset_most_requests_in_flight();
    let (answer, results) = ask(
        &service,
        &context.upstream,
        &[
            "/delay/200",
            "/delay/201",
            "/delay/202",
            "/delay/203",
            "/delay/204",
            "/delay/205",
        ],
    )?;
    let most = context.upstream.most_requests_in_flight();
    if most > 2 {
        return Err(format!(
            "with --limit 2 the upstream saw {most} of your requests at once: hold a permit of \
             one Semaphore in the state (not one per request) while each upstream request \
             runs (lesson 9, Part 1)"
        ));
    }
    if most < 2 || answer.took > Duration::from_millis(1100) || statuses(&results) != ["ok"; 6] {
        return Err(format!(
            "six pages of 0.2 s with --limit 2 should take three rounds (0.6 s) with 2 at \
             once; the upstream saw at most {most} at once, and the answer took {:.2} s with \
             {:?}",
            answer.took.as_secs_f64(),
            statuses(&results)
        ));
    }
    Ok(())
}

/// Pages whose bodies come slowly (ten chunks 40 ms apart): a place is held until the
/// whole body is read, not only the headers.
fn the_place_is_held_through_the_body(context: &Context) -> Result<(), String> {
    let limit = exercise_kit::vary(2..=3);
    let service = Service::start(&context.binary, &["--limit", &limit.to_string()], &[])?;
    context.upstream.reset_most_requests_in_flight();
    let paths: Vec<String> = (0..6).map(|n| format!("/slow/40?{n}")).collect();
    let paths: Vec<&str> = paths.iter().map(String::as_str).collect();
    let (_, results) = ask(&service, &context.upstream, &paths)?;
    let most = context.upstream.most_requests_in_flight();
    if most > usize::try_from(limit).unwrap_or(usize::MAX) {
        return Err(format!(
            "with --limit {limit}, six pages whose bodies take 0.4 s to come: the upstream \
             was sending {most} of them at once. The place is held until the body is read \
             (`.bytes().await` inside the permit's scope), not only the headers \
             (`send().await`): a body still on its way is a request still in flight"
        ));
    }
    if statuses(&results) != ["ok"; 6] {
        return Err(format!(
            "six pages whose bodies take 0.4 s, with --limit {limit} and the default deadline: \
             each should be `ok`; got {:?}",
            statuses(&results)
        ));
    }
    Ok(())
}

fn the_limit_is_shared(context: &Context) -> Result<(), String> {
    let service = Service::start(&context.binary, &["--limit", "2"], &[])?;
    context.upstream.reset_most_requests_in_flight();
    let clients: Vec<_> = [
        ["/delay/300", "/delay/301", "/delay/302"],
        ["/delay/303", "/delay/304", "/delay/305"],
    ]
    .into_iter()
    .map(|paths| {
        let url = service.url(&crate::answers::pages_path(&context.upstream, &paths));
        thread::spawn(move || crate::service::get(&url))
    })
    .collect();
    for client in clients {
        let answer = client
            .join()
            .map_err(|_| "a client thread panicked".to_owned())??;
        if answer.status != 200 {
            return Err(format!(
                "two clients at once: /pages answered {} {}",
                answer.status,
                short(&answer.text)
            ));
        }
    }
    let most = context.upstream.most_requests_in_flight();
    if most > 2 {
        return Err(format!(
            "two clients at once with --limit 2: the upstream saw {most} of your requests at \
             once. The limit is the whole service's: one Semaphore in the shared state, not \
             one made in each request"
        ));
    }
    Ok(())
}

fn a_free_place_is_used_at_once(context: &Context) -> Result<(), String> {
    // Distinct URLs, so that a cache (step 5) cannot answer any of them.
    let quick = [
        "/delay/100",
        "/delay/101",
        "/delay/102",
        "/delay/103",
        "/delay/104",
        "/delay/105",
        "/delay/106",
        "/delay/107",
    ];
    let slow_first: Vec<&str> = std::iter::once("/delay/2000").chain(quick).collect();
    // The mirror, with other URLs again (a cache must not answer them).
    let mirrored: Vec<String> = quick
        .iter()
        .map(|path| path.replace("/delay/1", "/delay/2"))
        .collect();
    let slow_last: Vec<&str> = mirrored
        .iter()
        .map(String::as_str)
        .chain(std::iter::once("/delay/2001"))
        .collect();
    // The same request with room for all nine: the time this machine needs for it.
    // A deadline past every page: the answer comes when the pages are done.
    let wide = Service::start(
        &context.binary,
        &["--limit", "9", "--deadline-ms", "5000"],
        &[],
    )?;
    let (unlimited, _) = ask(&wide, &context.upstream, &slow_first)?;
    drop(wide);
    // Which URL gets a place first is the service's to choose (join_all starts them in
    // order, a JoinSet may start the last spawned first): the slow page is asked first,
    // then last. Whichever order the service takes, one of the two lets the slow page
    // start at once, and then the other place serves the eight quick ones meanwhile.
    let service = Service::start(
        &context.binary,
        &["--limit", "2", "--deadline-ms", "5000"],
        &[],
    )?;
    let (first, _) = ask(&service, &context.upstream, &slow_first)?;
    let (last, _) = ask(&service, &context.upstream, &slow_last)?;
    let best = first.took.min(last.took);
    // Batches (or any way that makes a free place wait) cannot be done before 2.4 s: the
    // server's own delays. A time under 2.3 s, or as short as with no limit, is the
    // right way on a machine however busy.
    let slow_ways_floor = Duration::from_millis(2300);
    if best >= slow_ways_floor && best > unlimited.took + Duration::from_millis(250) {
        return Err(format!(
            "one page of 2 s and eight of 0.1 s with --limit 2 took {:.2} s with the slow \
             page asked first and {:.2} s with it asked last: whichever order your service \
             starts them in, one of the two should be done at 2 s (as long as with no \
             limit: {:.2} s here), the other place serving the eight quick ones while the \
             slow one runs. In batches of 2 both take 2.4 s: take a permit for each upstream \
             request, not one per batch (lesson 9, Part 1)",
            first.took.as_secs_f64(),
            last.took.as_secs_f64(),
            unlimited.took.as_secs_f64()
        ));
    }
    Ok(())
}

fn the_deadline_keeps_what_finished(context: &Context) -> Result<(), String> {
    let service = Service::start(
        &context.binary,
        &["--limit", "3", "--deadline-ms", "500"],
        &[],
    )?;
    let started = Instant::now();
    let (answer, results) = ask(
        &service,
        &context.upstream,
        &["/delay/100", "/delay/5000", "/stall"],
    )?;
    let took = started.elapsed();
    let expected = ["ok", "unfinished", "unfinished"];
    if took > Duration::from_millis(1400) || statuses(&results) != expected {
        return Err(format!(
            "with --deadline-ms 500 (and --limit 3: room for all), pages of 0.1 s, 5 s and \
             one that never ends should \
             answer after about 0.5 s with {expected:?}; it answered after {:.2} s with {:?}. \
             One deadline for the whole request (tokio::time::timeout_at with the request's \
             arrival + the deadline), keeping what finished (lesson 9, Part 7). A page that \
             says \"timed out\" instead of unfinished: its request's own timeout fires \
             with the deadline; give the request the time left plus a margin (100 ms)",
            took.as_secs_f64(),
            statuses(&results)
        ));
    }
    let elapsed_ms = number(&answer.json, "elapsed_ms")?;
    if !(400..=1400).contains(&elapsed_ms) {
        return Err(format!(
            "\"elapsed_ms\" should be the time from the request's arrival to the answer (about \
             500 here); it says {elapsed_ms}"
        ));
    }
    // Three slow pages dropped at the deadline, each holding one of the three places
    // (room for all: the order the service starts them in does not matter): every place
    // must be free again afterwards.
    ask(
        &service,
        &context.upstream,
        &["/delay/5001", "/delay/5002", "/delay/5003"],
    )?;
    let (_, after) = ask(
        &service,
        &context.upstream,
        &["/delay/0", "/delay/1", "/delay/2"],
    )?;
    if statuses(&after) != ["ok", "ok", "ok"] {
        return Err(format!(
            "after a deadline dropped three unfinished requests, --limit 3 should have every \
             place free again; three quick pages then came back {:?}. A place must be given \
             back however its request ends (a permit is returned when dropped; a count taken \
             off by hand after the .await is not, when the future is dropped)",
            statuses(&after)
        ));
    }
    Ok(())
}

/// The deadline is the request's, not each URL's: URLs waiting for a place count it too.
fn one_deadline_for_the_request(context: &Context) -> Result<(), String> {
    let service = Service::start(
        &context.binary,
        &["--limit", "1", "--deadline-ms", "500"],
        &[],
    )?;
    let started = Instant::now();
    let (_, results) = ask(
        &service,
        &context.upstream,
        &["/delay/300", "/delay/301", "/delay/302"],
    )?;
    let took = started.elapsed();
    // Which of the three gets the one place is the service's to choose: one is `ok`,
    // the two that waited for the place are cut by the request's deadline.
    let got = statuses(&results);
    let count = |status: &str| got.iter().filter(|got| **got == status).count();
    if took > Duration::from_millis(1300) || count("ok") != 1 || count("unfinished") != 2 {
        return Err(format!(
            "with --limit 1 and --deadline-ms 500, three pages of 0.3 s should answer after \
             about 0.5 s with one `ok` (the one that got the place first) and two \
             `unfinished`; it answered after {:.2} s with {got:?}. The deadline is the \
             request's (its arrival + --deadline-ms), counting the time a URL waits for a \
             place, not a timeout that starts for each URL",
            took.as_secs_f64()
        ));
    }
    Ok(())
}
