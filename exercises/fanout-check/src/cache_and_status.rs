//! Step 5: the cache and `/status`. A page that succeeded is answered again without an
//! upstream request until its time is up; the cache holds at most --cache-max pages (the
//! least recently used goes first); failures are not kept; a URL asked again while its
//! fetch is in flight joins that fetch; `/status` counts what happened; the state is
//! shared without holding a lock across an `.await`.

use std::thread;
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::Context;
use crate::answers::{ask, pages_path, short};
use crate::service::{Service, get};

/// The fields `/status` must have, each a whole number.
const STATUS_FIELDS: [&str; 6] = [
    "requests_served",
    "upstream_requests",
    "upstream_in_flight",
    "cache_hits",
    "cache_entries",
    "uptime_seconds",
];

pub fn check(context: &Context) -> Result<String, String> {
    // First: a lock held across an .await would make every later test wait and mislead.
    no_lock_across_await(context)?;
    let service = Service::start(&context.binary, &[], &[])?;
    let fresh = status(&service)?;
    expect_counts(
        &fresh,
        [0, 0, 0, 0],
        "a service that has served nothing yet",
    )?;
    cached_once_fetched(context, &service)?;
    let after = status(&service)?;
    expect_counts(
        &after,
        [4, 3, 0, 1],
        "after /pages for a page twice and a 404 twice (the page once from the cache)",
    )?;
    // One request of three URLs (one of them cached): one request served, two upstream.
    ask(
        &service,
        &context.upstream,
        &["/bytes/300", "/bytes/310", "/bytes/320"],
    )?;
    let three = status(&service)?;
    expect_counts(
        &three,
        [5, 5, 0, 2],
        "then one /pages request for three pages, one of them the cached page",
    )?;
    uptime_follows_the_clock(&service)?;
    in_flight_now(context, &service)?;
    drop(service);
    a_failure_after_retries_is_not_cached(context)?;
    a_page_goes_stale(context)?;
    the_cache_is_bounded(context)?;
    the_least_recently_used_goes_first(context)?;
    one_fetch_per_url_at_a_time(context)?;
    counted_per_upstream_request(context)?;
    the_deadline_leaves_nothing_in_flight(context)?;
    Ok(
        "a page is answered from the cache (no upstream request, the same answer) until \
        its TTL is up, the cache holds at most --cache-max pages (the least recently used \
        goes first), failures are not cached, a URL asked again while its fetch is in \
        flight makes no second upstream request, /status counts requests, upstream \
        requests, those in flight, cache hits and entries, and two requests never wait for \
        each other's fetch"
            .to_owned(),
    )
}

/// 200 distinct pages through a cache of at most N (N picked anew each run): /status
/// says it holds no more than N, and not far fewer (the cache still works).
fn the_cache_is_bounded(context: &Context) -> Result<(), String> {
    let max = exercise_kit::vary(20..=60);
    let service = Service::start(
        &context.binary,
        &["--cache-max", &max.to_string(), "--limit", "16"],
        &[],
    )?;
    for batch in 0..2 {
        let paths: Vec<String> = (0..100).map(|n| format!("/?page={batch}-{n}")).collect();
        let paths: Vec<&str> = paths.iter().map(String::as_str).collect();
        let (_, results) = ask(&service, &context.upstream, &paths)?;
        if let Some(not_ok) = results.iter().find(|result| result["status"] != "ok") {
            return Err(format!(
                "100 distinct pages of the course server, asked at once (--limit 16): each \
                 should be `ok`; one was {not_ok}"
            ));
        }
    }
    let held = status(&service)?["cache_entries"]
        .as_u64()
        .unwrap_or(u64::MAX);
    if held > max || held < max / 2 {
        return Err(format!(
            "after 200 distinct pages with --cache-max {max}, /status says \
             \"cache_entries\": {held}; the cache must never hold more than {max} (clients \
             choose the URLs: without a bound a long-running service grows without end), \
             and dropping the least recently used keeps it near {max}"
        ));
    }
    Ok(())
}

/// With room for two pages: a page looked up again stays, the one not used since goes.
fn the_least_recently_used_goes_first(context: &Context) -> Result<(), String> {
    let service = Service::start(&context.binary, &["--cache-max", "2"], &[])?;
    let key = context.fresh_key("fanout-lru");
    let [a, b, c] = ["a", "b", "c"].map(|name| format!("/?{key}={name}"));
    for path in [&a, &b, &a, &c] {
        ask(&service, &context.upstream, &[path.as_str()])?;
    }
    let (_, kept) = ask(&service, &context.upstream, &[a.as_str()])?;
    let (_, dropped) = ask(&service, &context.upstream, &[b.as_str()])?;
    if kept[0]["cached"] != true || dropped[0]["cached"] != false {
        return Err(format!(
            "with --cache-max 2, pages A, B, then A again (a cache hit), then C: the cache is \
             full, and B is the least recently used, so B goes and A stays. Asked again, A \
             should come from the cache and B be fetched; got A {} and B {}",
            kept[0], dropped[0]
        ));
    }
    Ok(())
}

/// The same URL asked by three requests at once, and twice in a fourth: one upstream
/// request in all, and every asker gets its result.
fn one_fetch_per_url_at_a_time(context: &Context) -> Result<(), String> {
    let service = Service::start(&context.binary, &["--limit", "8"], &[])?;
    let path = format!("/delay/600?{}", context.fresh_key("fanout-once"));
    let before = context.upstream.requests_received();
    let clients: Vec<_> = (0..3)
        .map(|_| {
            let url = service.url(&pages_path(&context.upstream, &[path.as_str()]));
            thread::spawn(move || get(&url))
        })
        .collect();
    let twice = ask(&service, &context.upstream, &[path.as_str(), path.as_str()]);
    let mut results = twice?.1;
    for client in clients {
        let answer = client
            .join()
            .map_err(|_| "a client thread panicked".to_owned())??;
        results.extend(
            answer.json["results"]
                .as_array()
                .cloned()
                .unwrap_or_default(),
        );
    }
    let asked = context.upstream.requests_received() - before;
    let all_ok = results.len() == 5 && results.iter().all(|result| result["status"] == "ok");
    if asked != 1 || !all_ok {
        return Err(format!(
            "one page of 0.6 s asked by three requests at once and twice by a fourth: the \
             upstream should get 1 request (the others wait for that fetch's result: keep \
             the fetches in flight by URL, e.g. a futures `Shared` future, like one \
             asyncio.Task awaited by many) and all 5 answers be `ok`; it got {asked} \
             requests, and the answers were {}",
            short(&serde_json::Value::Array(results).to_string())
        ));
    }
    Ok(())
}

/// GET /status as JSON with every field a number.
fn status(service: &Service) -> Result<Value, String> {
    let answer = get(&service.url("/status"))?;
    let missing: Vec<&str> = STATUS_FIELDS
        .into_iter()
        .filter(|field| !answer.json[field].is_u64())
        .collect();
    if answer.status != 200 || !missing.is_empty() {
        return Err(format!(
            "GET /status must answer 200 with JSON whole numbers {STATUS_FIELDS:?} (uptime \
             too: as_secs()); it answered {} {} (missing or not a whole number: {missing:?})",
            answer.status,
            short(&answer.text)
        ));
    }
    Ok(answer.json)
}

/// requests_served, upstream_requests, upstream_in_flight, cache_hits.
fn expect_counts(status: &Value, expected: [u64; 4], when: &str) -> Result<(), String> {
    let got: Vec<u64> = STATUS_FIELDS[..4]
        .iter()
        .map(|field| status[field].as_u64().unwrap_or(u64::MAX))
        .collect();
    if got != expected {
        return Err(format!(
            "{when}, /status should count requests_served, upstream_requests, \
             upstream_in_flight, cache_hits = {expected:?}; it says {got:?}. Atomics for \
             counters bumped from many tasks (AtomicU64::fetch_add; lesson 12, error 1); \
             requests_served counts /pages requests"
        ));
    }
    Ok(())
}

/// `uptime_seconds` counts real seconds: read twice, a second and a bit apart, it grew
/// by one (or two, if a second ticked over just then), no more.
fn uptime_follows_the_clock(service: &Service) -> Result<(), String> {
    let started = Instant::now();
    let before = status(service)?["uptime_seconds"]
        .as_u64()
        .unwrap_or(u64::MAX);
    // The thing under test is time passing: a little over a second of it.
    thread::sleep(Duration::from_millis(1100));
    let now = status(service)?["uptime_seconds"].as_u64().unwrap_or(0);
    let passed = started.elapsed().as_secs() + 1;
    if now < before + 1 || now > before + passed + 1 {
        return Err(format!(
            "\"uptime_seconds\" went from {before} to {now} over {:.1} s: it should count \
             the seconds since the service started (Instant::now() at the start, then \
             elapsed().as_secs())",
            started.elapsed().as_secs_f64()
        ));
    }
    Ok(())
}

fn cached_once_fetched(context: &Context, service: &Service) -> Result<(), String> {
    let before = context.upstream.requests_received();
    let (_, first) = ask(service, &context.upstream, &["/bytes/300"])?;
    let (_, second) = ask(service, &context.upstream, &["/bytes/300"])?;
    let asked = context.upstream.requests_received() - before;
    let same_page = first[0]["chars"] == second[0]["chars"]
        && first[0]["http_status"] == second[0]["http_status"];
    if first[0]["cached"] != false || second[0]["cached"] != true || asked != 1 || !same_page {
        return Err(format!(
            "the same page asked twice: the first answer `\"cached\": false`, the second \
             `\"cached\": true` from the cache with the same chars and http_status, with 1 \
             upstream request in all; got {} then {} with {asked} upstream requests",
            first[0], second[0]
        ));
    }
    let before = context.upstream.requests_received();
    ask(service, &context.upstream, &["/status/404"])?;
    let (_, again) = ask(service, &context.upstream, &["/status/404"])?;
    let asked = context.upstream.requests_received() - before;
    if again[0]["status"] != "failed" || asked != 2 {
        return Err(format!(
            "a failure is not cached: a 404 asked twice makes 2 upstream requests; it made \
             {asked}, and the second answer was {}",
            again[0]
        ));
    }
    Ok(())
}

/// A transient failure that ran out of attempts is not cached either.
fn a_failure_after_retries_is_not_cached(context: &Context) -> Result<(), String> {
    let service = Service::start(&context.binary, &["--retries", "2"], &[])?;
    let before = context.upstream.requests_received();
    ask(&service, &context.upstream, &["/status/503"])?;
    let (_, again) = ask(&service, &context.upstream, &["/status/503"])?;
    let asked = context.upstream.requests_received() - before;
    if again[0]["status"] != "failed" || asked != 4 {
        return Err(format!(
            "a failure is not cached: a 503 asked twice with --retries 2 makes 4 upstream \
             requests (2 attempts each); it made {asked}, and the second answer was {}",
            again[0]
        ));
    }
    Ok(())
}

fn in_flight_now(context: &Context, service: &Service) -> Result<(), String> {
    let url = service.url(&pages_path(&context.upstream, &["/delay/700"]));
    let before = context.upstream.requests_received();
    let request = thread::spawn(move || get(&url));
    context.wait_until_asked(before)?;
    let during = status(service)?;
    let _ = request.join();
    if during["upstream_in_flight"] != 1 {
        return Err(format!(
            "while one page is being fetched, /status should say \"upstream_in_flight\": 1; \
             it says {}",
            during["upstream_in_flight"]
        ));
    }
    Ok(())
}

/// In flight and made are counted per upstream request (each attempt), not per /pages
/// request nor per page waiting for a place.
fn counted_per_upstream_request(context: &Context) -> Result<(), String> {
    let service = Service::start(&context.binary, &["--limit", "2"], &[])?;
    let url = service.url(&pages_path(
        &context.upstream,
        &["/delay/900", "/delay/901", "/delay/902"],
    ));
    let before = context.upstream.requests_received();
    let request = thread::spawn(move || get(&url));
    context.wait_until_asked(before + 1)?;
    let during = status(&service)?;
    let _ = request.join();
    if during["upstream_in_flight"] != 2 {
        return Err(format!(
            "with --limit 2 and three slow pages asked at once, /status should say \
             \"upstream_in_flight\": 2 (the third waits for a place: not in flight yet); it \
             says {}",
            during["upstream_in_flight"]
        ));
    }
    let made = status(&service)?["upstream_requests"].as_u64().unwrap_or(0);
    ask(
        &service,
        &context.upstream,
        &[format!("/flaky/2/{}", context.fresh_key("fanout-status")).as_str()],
    )?;
    let now = status(&service)?["upstream_requests"].as_u64().unwrap_or(0);
    if now != made + 3 {
        return Err(format!(
            "a page that succeeds on its third attempt is 3 upstream requests; \
             \"upstream_requests\" went from {made} to {now}"
        ));
    }
    Ok(())
}

fn a_page_goes_stale(context: &Context) -> Result<(), String> {
    let service = Service::start(&context.binary, &["--cache-ttl-ms", "300"], &[])?;
    ask(&service, &context.upstream, &["/bytes/301"])?;
    // The thing under test is time passing: wait out the TTL.
    thread::sleep(Duration::from_millis(600));
    let before = context.upstream.requests_received();
    let (_, later) = ask(&service, &context.upstream, &["/bytes/301"])?;
    if later[0]["cached"] != false || context.upstream.requests_received() - before != 1 {
        return Err(format!(
            "with --cache-ttl-ms 300 a page asked again 0.6 s later is stale: fetched again, \
             `\"cached\": false`; got {}",
            later[0]
        ));
    }
    Ok(())
}

fn no_lock_across_await(context: &Context) -> Result<(), String> {
    let service = Service::start(&context.binary, &["--limit", "4"], &[])?;
    let started = Instant::now();
    let clients: Vec<_> = ["/delay/700", "/delay/701"]
        .into_iter()
        .map(|path| {
            let url = service.url(&pages_path(&context.upstream, &[path]));
            thread::spawn(move || get(&url))
        })
        .collect();
    for client in clients {
        client
            .join()
            .map_err(|_| "a client thread panicked".to_owned())??;
    }
    let took = started.elapsed();
    if took > Duration::from_millis(1150) {
        return Err(format!(
            "two clients asking for two different pages of 0.7 s took {:.2} s together: one \
             waited for the other. Is a lock (the cache's?) held across the upstream \
             request's .await? Look up, drop the guard, fetch, then lock again to store \
             (lesson 10, \"Which mutex?\")",
            took.as_secs_f64()
        ));
    }
    Ok(())
}

fn the_deadline_leaves_nothing_in_flight(context: &Context) -> Result<(), String> {
    let service = Service::start(&context.binary, &["--deadline-ms", "300"], &[])?;
    let (_, results) = ask(&service, &context.upstream, &["/delay/4000"])?;
    let started = Instant::now();
    loop {
        let now = status(&service)?;
        if now["upstream_in_flight"] == 0 {
            break;
        }
        if started.elapsed() > Duration::from_secs(1) {
            return Err(format!(
                "after a request's deadline dropped its unfinished upstream request ({}), \
                 /status still says \"upstream_in_flight\": {}. Count in flight with a guard \
                 whose Drop takes one off: a dropped future runs no more code, but its \
                 locals are dropped (lesson 8, Part 3)",
                results[0], now["upstream_in_flight"]
            ));
        }
        thread::sleep(Duration::from_millis(20));
    }
    Ok(())
}
