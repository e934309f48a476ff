//! The check for exercise 09c, on tokio's paused clock. Do not edit: the runner notices.

use std::cell::RefCell;
use std::process::ExitCode;
use std::rc::Rc;
use std::time::Duration;

use ex_09c_keep_what_finished::{Outcome, fetch_all};
use exercise_kit::{Verdict, measure, paused_runtime, run, secs};
use tokio::time::Instant;

/// A pretend site: `ok-300` answers its page after 300 ms, `fail-100` fails after 100 ms.
/// It notes when each request started.
struct Site {
    start: Instant,
    started: RefCell<Vec<(String, Duration)>>,
}

impl Site {
    fn new() -> Rc<Self> {
        Rc::new(Self {
            start: Instant::now(),
            started: RefCell::default(),
        })
    }

    async fn get(&self, url: String) -> Result<String, String> {
        self.started
            .borrow_mut()
            .push((url.clone(), self.start.elapsed()));
        let (kind, ms) = url.split_once('-').unwrap_or(("ok", "0"));
        let ms = ms.parse().unwrap_or(0);
        tokio::time::sleep(Duration::from_millis(ms)).await;
        if kind == "fail" {
            Err(format!("HTTP 500 from {url}"))
        } else {
            Ok(format!("the page at {url}"))
        }
    }
}

/// What a correct `fetch_all` gives for `url` with this deadline.
fn expected_for(url: &str, deadline: Duration) -> Outcome {
    let (kind, ms) = url.split_once('-').unwrap_or(("ok", "0"));
    let ms: u64 = ms.parse().unwrap_or(0);
    if Duration::from_millis(ms) > deadline {
        Outcome::Unfinished
    } else if kind == "fail" {
        Outcome::Failed(format!("HTTP 500 from {url}"))
    } else {
        Outcome::Done(format!("the page at {url}"))
    }
}

/// One batch: `urls` with `deadline` from now.
async fn case(urls: &[&str], deadline: Duration, what: &str) -> Result<(), Verdict> {
    let site = Site::new();
    let asked = Rc::clone(&site);
    let fetch = move |url: String| {
        let site = Rc::clone(&asked);
        async move { site.get(url).await }
    };
    let urls_owned: Vec<String> = urls.iter().map(|url| (*url).to_owned()).collect();
    let measured = measure(fetch_all(urls_owned, fetch, site.start + deadline)).await;
    measured.honest("fetch_all")?;
    let got = measured.output;
    let returned = site.start.elapsed();
    let expected: Vec<Outcome> = urls.iter().map(|url| expected_for(url, deadline)).collect();

    let late_starts: Vec<String> = site
        .started
        .borrow()
        .iter()
        .filter(|(_, at)| !at.is_zero())
        .map(|(url, at)| format!("{url} at {}", secs(*at)))
        .collect();
    if !late_starts.is_empty() {
        return Err(Verdict::fail(format!(
            "{what}: the requests were not all asked at once: {} started after others had \
             finished. Start them all together (a FuturesUnordered, or join_all), and put \
             the deadline on the waiting (lesson 9, Part 7)",
            late_starts.join(", ")
        )));
    }
    if got != expected {
        let finished_before_deadline = expected.iter().any(|o| *o != Outcome::Unfinished);
        let all_unfinished = got.iter().all(|o| *o == Outcome::Unfinished);
        let mut got_sorted = got.clone();
        let mut expected_sorted = expected.clone();
        let key = |o: &Outcome| format!("{o:?}");
        got_sorted.sort_by_key(key);
        expected_sorted.sort_by_key(key);
        let why = if all_unfinished && finished_before_deadline && !got.is_empty() {
            "The results that finished before the deadline were lost: a timeout around the \
             whole batch drops them with it. Put the deadline on each result you wait for \
             (timeout_at on each next() of a FuturesUnordered), and keep each result as it \
             comes"
        } else if got_sorted == expected_sorted {
            "The right outcomes, in the wrong places: they came in the order the requests \
             finished. Keep each result in the place of its URL (carry the index along)"
        } else if got.len() != urls.len() {
            "There must be one outcome per URL, in the order of `urls`"
        } else {
            "A request that finished by the deadline is Done (its body) or Failed (its \
             error); one still running then is Unfinished"
        };
        return Err(Verdict::fail(format!(
            "{what} ({urls:?}, a deadline of {}): expected {expected:?}, got {got:?}. {why} \
             (lesson 9, Part 7)",
            secs(deadline)
        )));
    }
    let last_in = urls
        .iter()
        .filter_map(|url| url.split_once('-'))
        .filter_map(|(_, ms)| ms.parse::<u64>().ok())
        .map(Duration::from_millis)
        .filter(|at| *at <= deadline)
        .max()
        .unwrap_or_default();
    let should_return = if expected.contains(&Outcome::Unfinished) {
        deadline
    } else {
        last_in
    };
    if returned != should_return {
        return Err(Verdict::fail(format!(
            "{what}: the outcomes were right, but fetch_all returned at {}, not at {}. {} \
             (lesson 9, Part 7)",
            secs(returned),
            secs(should_return),
            if returned > should_return {
                "When every request is in, return then: do not wait for the deadline"
            } else {
                "Wait for the requests until the deadline"
            }
        )));
    }
    Ok(())
}

fn main() -> ExitCode {
    run(|| {
        paused_runtime().block_on(async {
            let second = Duration::from_secs(1);
            let cases: [(&[&str], Duration, &str); 5] = [
                (
                    &["ok-300", "fail-100", "ok-200"],
                    second,
                    "every request in before the deadline",
                ),
                (
                    &["ok-300", "fail-100", "ok-200", "ok-1500", "ok-2500"],
                    second,
                    "two still running at the deadline",
                ),
                (
                    &["ok-900", "ok-50", "fail-1200", "fail-700"],
                    second,
                    "the slowest asked first",
                ),
                (
                    &["ok-400", "ok-600"],
                    Duration::from_millis(500),
                    "a deadline of half a second",
                ),
                (&[], second, "nothing to fetch"),
            ];
            for (urls, deadline, what) in cases {
                if let Err(verdict) = case(urls, deadline, what).await {
                    return verdict;
                }
            }
            Verdict::pass(
                "every finished result kept in its place, the unfinished dropped at the \
                 deadline, and no waiting once all were in",
            )
        })
    })
}
