//! The check for exercise 12a, on tokio's paused clock. Do not edit: the runner notices.

use std::collections::HashSet;
use std::process::ExitCode;
use std::time::Duration;

use ex_12a_share_across_tasks::total_time;
use exercise_kit::visits::Site;
use exercise_kit::{Verdict, measure, paused_runtime, run, secs};

/// One case: the pages (`name:ms`), and why.
async fn case(pages: &[&str], what: &str) -> Result<(), Verdict> {
    let site = Site::new();
    let owned: Vec<String> = pages.iter().map(|page| (*page).to_owned()).collect();
    let measured = measure(total_time(site.clone(), owned)).await;
    measured.honest("total_time")?;
    let ms = |page: &str| -> u64 {
        page.rsplit_once(':')
            .and_then(|(_, ms)| ms.parse().ok())
            .unwrap_or(0)
    };
    let sum: u64 = pages.iter().map(|page| ms(page)).sum();
    let longest = Duration::from_millis(pages.iter().map(|page| ms(page)).max().unwrap_or(0));
    let visits = site.visits();
    let mut visited: Vec<&str> = visits.iter().map(|visit| visit.page.as_str()).collect();
    visited.sort_unstable();
    let mut wanted: Vec<&str> = pages.to_vec();
    wanted.sort_unstable();
    if visited != wanted {
        return Err(Verdict::fail(format!(
            "{what}: expected one visit to each of {pages:?}, the site saw {visited:?}. \
             Visit every page once, with site.visit(&page) (lesson 12, error 1)"
        )));
    }
    let outside: Vec<&str> = visits
        .iter()
        .filter(|visit| visit.task.is_none())
        .map(|visit| visit.page.as_str())
        .collect();
    let tasks: HashSet<_> = visits.iter().filter_map(|visit| visit.task).collect();
    if !outside.is_empty() || tasks.len() != visits.len() {
        return Err(Verdict::fail(format!(
            "{what}: it compiles, but not every visit ran in a spawned task of its own \
             ({} outside any task, {} tasks for {} visits): dropping tokio::spawn makes \
             the error go away and the point with it. Keep the spawn, and share the total \
             with something a task on another thread may hold: an Arc (lesson 12, error 1)",
            outside.len(),
            tasks.len(),
            visits.len()
        )));
    }
    if measured.took != longest {
        return Err(Verdict::fail(format!(
            "{what}: the visits took {} in all; at once they take {} (the longest): they \
             took turns. Spawn them all before awaiting any, and hold no lock across \
             site.visit(..).await (lesson 12, errors 1 and 2)",
            secs(measured.took),
            secs(longest)
        )));
    }
    if measured.output != sum {
        return Err(Verdict::fail(format!(
            "{what}: total_time returned {}, but the visits returned {sum} ms in all: add \
             what each site.visit(..).await returns",
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
                (&["shop:700", "cart:50"], "two pages"),
                (
                    &["a:10", "b:20", "c:30", "d:40", "e:250", "f:60"],
                    "six pages",
                ),
            ];
            for (pages, what) in cases {
                if let Err(verdict) = case(pages, what).await {
                    return verdict;
                }
            }
            Verdict::pass("every visit in a task of its own, all at once, and the total right")
        })
    })
}
