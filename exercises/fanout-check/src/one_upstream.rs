//! Step 2: one upstream at a time. `/pages` fetches each URL with the shared client and
//! answers JSON in the order asked; a client's mistakes are 400s; a stalled upstream
//! cannot hang a request; SIGTERM lets a request in flight finish.

use std::thread;
use std::time::{Duration, Instant};

use crate::Context;
use crate::answers::{ask, get_from, number, short, statuses};
use crate::service::{Service, describe_exit, free_port, get};

pub fn check(context: &Context) -> Result<String, String> {
    let service = Service::start(&context.binary, &[], &[])?;
    results_are_read_right(context, &service)?;
    one_client_for_all(context, &service)?;
    mistakes_are_400(context, &service)?;
    drop(service);
    a_stall_cannot_hang(context)?;
    sigterm_lets_the_request_finish(context)?;
    a_second_signal_stops_at_once(context)?;
    Ok(
        "/pages answers each URL in order (ok, 404, refused, not text), a client's \
        mistakes are 400s, a stalled upstream times out, and SIGTERM drains the request in \
        flight (a second signal: exit 130)"
            .to_owned(),
    )
}

fn results_are_read_right(context: &Context, service: &Service) -> Result<(), String> {
    let page = get(&context.upstream.url("/"))?;
    let (_, results) = ask(
        service,
        &context.upstream,
        &["/", "/status/404", "/not-utf8"],
    )?;
    let expected = ["ok", "failed", "failed"];
    if statuses(&results) != expected {
        return Err(format!(
            "for [a page, a 404, a body that is not UTF-8] the statuses must be {expected:?}; \
             got {:?}: {}",
            statuses(&results),
            short(&serde_json::to_string(&results).unwrap_or_default())
        ));
    }
    let ok = &results[0];
    let chars = page.text.chars().count() as u64;
    if number(ok, "http_status")? != 200 || number(ok, "chars")? != chars {
        return Err(format!(
            "an `ok` result needs \"http_status\": 200 and \"chars\": the body's length in \
             characters ({chars} for this page: chars().count(), not bytes); got {ok}"
        ));
    }
    if number(ok, "attempts")? != 1 || ok["cached"] != false {
        return Err(format!(
            "a page fetched once has \"attempts\": 1 and \"cached\": false; got {ok}"
        ));
    }
    for (failed, what) in [(&results[1], "404"), (&results[2], "not UTF-8")] {
        let error = failed["error"].as_str().unwrap_or_default();
        if error.is_empty() || error.contains('\n') || number(failed, "attempts")? != 1 {
            return Err(format!(
                "a `failed` result needs \"error\": one line saying why, and \"attempts\" \
                 (1: a {what} is never retried); got {failed}"
            ));
        }
    }
    if !results[1]["error"]
        .as_str()
        .is_some_and(|error| error.contains("404"))
    {
        return Err(format!(
            "a 404 upstream is `failed` with an error that names the status (\"HTTP 404\"); \
             got {}",
            results[1]
        ));
    }
    // Any 2xx is a page: a 201 or a 204 (no body at all) is `ok` with its own status.
    let (_, other) = ask(service, &context.upstream, &["/status/201", "/status/204"])?;
    for (result, code, chars) in [
        (&other[0], 201, "status 201\n".len() as u64),
        (&other[1], 204, 0),
    ] {
        if result["status"] != "ok" || result["http_status"] != code || result["chars"] != chars {
            return Err(format!(
                "a {code} is a success like a 200 (any 2xx: `status.is_success()`): `ok` with \
                 \"http_status\": {code} and \"chars\": {chars}; got {result}"
            ));
        }
    }
    // A refused connection: nothing listens on that port.
    let port = free_port()?;
    let url = format!("http://127.0.0.1:{port}/");
    let answer = get_from(service, &format!("/pages?url={url}"))?;
    let result = &answer.json["results"][0];
    if result["status"] != "failed" || result["error"].as_str().is_none_or(str::is_empty) {
        return Err(format!(
            "a URL whose server refuses the connection is `failed` with a one-line error \
             (a reqwest::Error mapped into your error type), never a 500; got {} {}",
            answer.status,
            short(&answer.text)
        ));
    }
    Ok(())
}

/// Two pages one after the other reuse the client's pooled connection: one client in
/// the state, not one per URL.
fn one_client_for_all(context: &Context, service: &Service) -> Result<(), String> {
    ask(service, &context.upstream, &["/bytes/100"])?;
    let before = context.upstream.connections_accepted();
    ask(service, &context.upstream, &["/bytes/101"])?;
    ask(service, &context.upstream, &["/bytes/102"])?;
    let opened = context.upstream.connections_accepted() - before;
    if opened > 1 {
        return Err(format!(
            "three pages asked one after the other opened {} new connections to the \
             upstream: make one reqwest::Client when the service starts and keep it in the \
             state (aiohttp's one ClientSession), so its pool reuses the connection",
            opened + 1
        ));
    }
    Ok(())
}

fn mistakes_are_400(context: &Context, service: &Service) -> Result<(), String> {
    let too_many = vec![format!("url={}", context.upstream.url("/")); 101].join("&");
    for (query, what) in [
        (String::new(), "no url at all"),
        ("url=".to_owned(), "an empty url"),
        ("url=ftp://example.com/".to_owned(), "an ftp: url"),
        ("url=not-a-url".to_owned(), "a url that does not parse"),
        (too_many, "101 urls"),
    ] {
        let answer = get_from(service, &format!("/pages?{query}"))?;
        let error = answer.json["error"].as_str().unwrap_or_default();
        if answer.status != 400 || error.is_empty() || error.contains('\n') {
            return Err(format!(
                "/pages with {what} is the client's mistake: 400 with {{\"error\": \"<one \
                 line>\"}} (never a 500, never a panic); it answered {} {}",
                answer.status,
                short(&answer.text)
            ));
        }
    }
    Ok(())
}

fn a_stall_cannot_hang(context: &Context) -> Result<(), String> {
    let service = Service::start(&context.binary, &["--deadline-ms", "600"], &[])?;
    let started = Instant::now();
    let (_, results) = ask(&service, &context.upstream, &["/stall"])?;
    let took = started.elapsed();
    let status = &statuses(&results)[0];
    if took > Duration::from_millis(1600) || !matches!(status.as_str(), "failed" | "unfinished") {
        return Err(format!(
            "an upstream that never finishes its body must not hang the request: with \
             --deadline-ms 600 the answer should come after about 0.6 s, `failed` (timed out) \
             or `unfinished`; it came after {:.1} s with {status:?}. Give each upstream \
             request a timeout (RequestBuilder::timeout; lesson 6, Part 4)",
            took.as_secs_f64()
        ));
    }
    Ok(())
}

fn sigterm_lets_the_request_finish(context: &Context) -> Result<(), String> {
    let mut service = Service::start(&context.binary, &[], &[])?;
    let url = service.url(&crate::answers::pages_path(
        &context.upstream,
        &["/delay/800"],
    ));
    let before = context.upstream.requests_received();
    let request = thread::spawn(move || get(&url));
    context.wait_until_asked(before)?;
    service.signal("TERM");
    let answer = request
        .join()
        .map_err(|_| "the request thread panicked".to_owned())?;
    let drained = answer
        .as_ref()
        .is_ok_and(|answer| answer.status == 200 && answer.json["results"][0]["status"] == "ok");
    if !drained {
        return Err(format!(
            "SIGTERM while a request waits for its page: the request must still get its \
             answer (stop accepting, finish what is in flight: with_graceful_shutdown; lesson \
             10, Part 5); it got {}",
            match answer {
                Ok(answer) => format!("{} {}", answer.status, short(&answer.text)),
                Err(error) => error,
            }
        ));
    }
    match service.wait_exit(Duration::from_secs(3)) {
        Some(status) if status.success() => Ok(()),
        Some(status) => Err(format!(
            "after draining on SIGTERM the service must exit 0; {}",
            describe_exit(status)
        )),
        None => Err(
            "after draining on SIGTERM the service must exit; it was still running 3 s later"
                .to_owned(),
        ),
    }
}

fn a_second_signal_stops_at_once(context: &Context) -> Result<(), String> {
    let mut service = Service::start(&context.binary, &["--deadline-ms", "8000"], &[])?;
    let url = service.url(&crate::answers::pages_path(
        &context.upstream,
        &["/delay/6000"],
    ));
    // The answer does not matter here; the thread ends when the service does.
    let before = context.upstream.requests_received();
    let request = thread::spawn(move || get(&url));
    context.wait_until_asked(before)?;
    // Either signal, in either order, twice: which pair is picked anew each run.
    let (first, second) = [("TERM", "INT"), ("INT", "TERM"), ("TERM", "TERM")]
        [usize::try_from(exercise_kit::vary(0..=2)).unwrap_or(0)];
    let name = |signal: &str| if signal == "INT" { "Ctrl-C" } else { "SIGTERM" };
    service.signal(first);
    // The first signal is taken once the service stops accepting connections.
    if !service.wait_until_refusing(Duration::from_secs(2)) {
        return Err(format!(
            "after {} the service must stop accepting new connections at once (it still \
                 accepted them 2 s later)",
            name(first)
        ));
    }
    let asked = Instant::now();
    service.signal(second);
    let pair = format!("{}, then {}", name(first), name(second));
    let status = service.wait_exit(Duration::from_secs(2));
    let _ = request.join();
    match status {
        Some(status) if status.code() == Some(130) => Ok(()),
        Some(status) => Err(format!(
            "a second signal ({pair}) while draining must stop the service at once with exit \
             status 130; {} after {:.1} s",
            describe_exit(status),
            asked.elapsed().as_secs_f64()
        )),
        None => Err(format!(
            "a second signal ({pair}) while draining must stop the service at once with exit \
             status 130; it was still draining 2 s later (select! between the server and a \
             second signal of either kind; lesson 8, Part 2)"
        )),
    }
}
