//! The check for exercise 12b, on tokio's paused clock. Do not edit: the runner notices.

use std::collections::HashSet;
use std::process::ExitCode;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use ex_12b_lock_not_across_await::visit_and_log;
use exercise_kit::visits::Site;
use exercise_kit::{Verdict, measure, paused_runtime, run, secs};

/// One case: the pages (`name:ms`, no two alike), and why.
async fn case(pages: &[&str], what: &str) -> Result<(), Verdict> {
    let site = Site::new();
    let log = Arc::new(Mutex::new(Vec::new()));
    let owned: Vec<String> = pages.iter().map(|page| (*page).to_owned()).collect();
    let measured = measure(visit_and_log(site.clone(), owned, Arc::clone(&log))).await;
    measured.honest("visit_and_log")?;
    let ms = |page: &str| -> u64 {
        page.rsplit_once(':')
            .and_then(|(_, ms)| ms.parse().ok())
            .unwrap_or(0)
    };
    let longest = Duration::from_millis(pages.iter().map(|page| ms(page)).max().unwrap_or(0));
    let mut finish_order: Vec<&str> = pages.to_vec();
    finish_order.sort_by_key(|page| ms(page));
    let visits = site.visits();
    let tasks: HashSet<_> = visits.iter().filter_map(|visit| visit.task).collect();
    if visits.len() != pages.len() {
        return Err(Verdict::fail(format!(
            "{what}: expected one visit to each of {pages:?}, the site saw {} visits",
            visits.len()
        )));
    }
    if visits.iter().any(|visit| visit.task.is_none()) || tasks.len() != visits.len() {
        return Err(Verdict::fail(format!(
            "{what}: it compiles, but not every visit ran in a spawned task of its own: \
             dropping tokio::spawn makes the error go away and the point with it. Keep the \
             spawn, and let the guard go before the .await (lesson 12, error 2)"
        )));
    }
    if measured.took != longest {
        // Took turns: were the tasks all there, waiting for each other (a lock held
        // across the visit), or was each spawned only when the one before had ended?
        let alive: Vec<usize> = visits.iter().map(|visit| visit.tasks_alive).collect();
        let (most, fewest) = (
            alive.iter().max().copied().unwrap_or(0),
            alive.iter().min().copied().unwrap_or(0),
        );
        let cause = if most > fewest {
            "the tasks were all spawned, then each waited for the one before: something \
             held across site.visit(..).await made them take turns (a tokio Mutex held \
             there compiles, and does exactly this). Lock only for the push, after the visit \
             (lesson 12, error 2; lesson 10, Part 2)"
        } else {
            "each task was spawned only after the one before had ended (its JoinHandle \
             awaited before the next spawn). Spawn them all first, then await the handles \
             (lesson 4, Part 1)"
        };
        return Err(Verdict::fail(format!(
            "{what}: the visits took {} in all; at once they take {} (the longest): they \
             ran one after another. {cause}",
            secs(measured.took),
            secs(longest)
        )));
    }
    let logged = log.lock().unwrap_or_else(PoisonError::into_inner).clone();
    if logged != finish_order {
        return Err(Verdict::fail(format!(
            "{what}: the log says {logged:?}; the visits finished in the order \
             {finish_order:?}. Push each page when its visit is done, once"
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
                (
                    &["a:60", "b:10", "c:250", "d:40", "e:30", "f:20"],
                    "six pages",
                ),
            ];
            for (pages, what) in cases {
                if let Err(verdict) = case(pages, what).await {
                    return verdict;
                }
            }
            Verdict::pass(
                "every visit in a task of its own, all at once, and the log in the order the \
                 visits finished",
            )
        })
    })
}
