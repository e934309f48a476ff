//! The check for exercise 12d, on tokio's paused clock. Do not edit: the runner notices.

use std::process::ExitCode;
use std::time::Duration;

use ex_12d_one_site_many_futures::visit_together;
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
    let measured = measure(visit_together(site.clone(), owned)).await;
    measured.honest("visit_together")?;
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
    let longest = Duration::from_millis(pages.iter().map(|page| ms(page)).max().unwrap_or(0));
    if measured.took != longest {
        return Err(Verdict::fail(format!(
            "{what}: the visits took {} in all; at once they take {} (the longest): they \
             took turns. Make every future first (.map), then await them together (join_all) \
             (lesson 12, error 4)",
            secs(measured.took),
            secs(longest)
        )));
    }
    let expected: Vec<u64> = pages.iter().map(|page| ms(page)).collect();
    if measured.output != expected {
        return Err(Verdict::fail(format!(
            "{what}: expected the results {expected:?}, in the order of the pages; got {:?}. \
             join_all gives them in the order given",
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
                (&["a:60", "b:10", "c:250", "d:40", "e:5"], "five pages"),
            ];
            for (pages, what) in cases {
                if let Err(verdict) = case(pages, what).await {
                    return verdict;
                }
            }
            Verdict::pass(
                "every future shares the one site, all at once, the results in the order asked",
            )
        })
    })
}
