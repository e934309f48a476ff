//! The check for exercise 12c, on tokio's paused clock. Do not edit: the runner notices.

use std::collections::HashSet;
use std::process::ExitCode;
use std::time::Duration;

use ex_12c_spawn_owns_its_data::visit_all;
use exercise_kit::visits::Site;
use exercise_kit::{Verdict, measure, paused_runtime, run, secs};

fn ms(page: &str) -> u64 {
    page.rsplit_once(':')
        .and_then(|(_, ms)| ms.parse().ok())
        .unwrap_or(0)
}

/// One case: the pages (`name:ms`), and why.
async fn case(pages: &[&str], what: &str) -> Result<(), Verdict> {
    let site = Site::new();
    let owned: Vec<String> = pages.iter().map(|page| (*page).to_owned()).collect();
    let measured = measure(visit_all(site.clone(), &owned)).await;
    measured.honest("visit_all")?;
    let visits = site.visits();
    let mut visited: Vec<&str> = visits.iter().map(|visit| visit.page.as_str()).collect();
    visited.sort_unstable();
    let mut wanted: Vec<&str> = pages.to_vec();
    wanted.sort_unstable();
    if visited != wanted {
        return Err(Verdict::fail(format!(
            "{what}: expected one visit to each of {pages:?}, the site saw {visited:?}"
        )));
    }
    let tasks: HashSet<_> = visits.iter().filter_map(|visit| visit.task).collect();
    if visits.iter().any(|visit| visit.task.is_none()) || tasks.len() != visits.len() {
        return Err(Verdict::fail(format!(
            "{what}: it compiles, but not every visit ran in a spawned task of its own: \
             dropping tokio::spawn makes the error go away and the point with it. Keep the \
             spawn, and give each task its own copy of its page (lesson 12, error 3)"
        )));
    }
    let longest = Duration::from_millis(pages.iter().map(|page| ms(page)).max().unwrap_or(0));
    if measured.took != longest {
        return Err(Verdict::fail(format!(
            "{what}: the visits took {} in all; at once they take {} (the longest): they \
             took turns. Spawn them all before awaiting any (lesson 4; lesson 12, error 3)",
            secs(measured.took),
            secs(longest)
        )));
    }
    let expected: Vec<u64> = pages.iter().map(|page| ms(page)).collect();
    if measured.output != expected {
        return Err(Verdict::fail(format!(
            "{what}: expected the results {expected:?}, in the order of the pages; got {:?}. \
             Await the handles in the order you spawned them",
            measured.output
        )));
    }
    Ok(())
}

fn main() -> ExitCode {
    run(|| {
        paused_runtime().block_on(async {
            let cases: [(&[&str], &str); 3] = [
                (&["home:300", "about:100", "blog:200"], "three pages"),
                (&["shop:50", "cart:700"], "two pages"),
                (&["a:60", "b:10", "c:250", "d:40"], "four pages"),
            ];
            for (pages, what) in cases {
                if let Err(verdict) = case(pages, what).await {
                    return verdict;
                }
            }
            Verdict::pass(
                "every visit in a spawned task that owns its page, all at once, the results \
                 in the order asked",
            )
        })
    })
}
