//! The check for exercise 12e, on tokio's paused clock. Do not edit: the runner notices.

use std::process::ExitCode;
use std::time::Duration;

use ex_12e_two_different_jobs::home_and_about;
use exercise_kit::visits::Site;
use exercise_kit::{Verdict, measure, paused_runtime, run, secs};

fn ms(page: &str) -> u64 {
    page.rsplit_once(':')
        .and_then(|(_, ms)| ms.parse().ok())
        .unwrap_or(0)
}

/// One case: home and about (`name:ms`), and why.
async fn case(home: &str, about: &str, what: &str) -> Result<(), Verdict> {
    let site = Site::new();
    let measured = measure(home_and_about(
        site.clone(),
        home.to_owned(),
        about.to_owned(),
    ))
    .await;
    measured.honest("home_and_about")?;
    let mut visited: Vec<String> = site.visits().into_iter().map(|visit| visit.page).collect();
    visited.sort_unstable();
    let mut wanted = vec![home.to_owned(), about.to_owned()];
    wanted.sort_unstable();
    if visited != wanted {
        return Err(Verdict::fail(format!(
            "{what}: expected one visit to {home:?} and one to {about:?}, the site saw \
             {visited:?}"
        )));
    }
    let longest = Duration::from_millis(ms(home).max(ms(about)));
    if measured.took != longest {
        return Err(Verdict::fail(format!(
            "{what}: the two jobs took {} in all; at once they take {} (the longer): they \
             took turns. Await them together: tokio::join!(job_a, job_b) (lesson 12, error 8)",
            secs(measured.took),
            secs(longest)
        )));
    }
    let expected = vec![ms(home), ms(about) * 2];
    if measured.output != expected {
        return Err(Verdict::fail(format!(
            "{what}: expected the results {expected:?} (home's time, then about's counted \
             twice); got {:?}",
            measured.output
        )));
    }
    Ok(())
}

fn main() -> ExitCode {
    run(|| {
        paused_runtime().block_on(async {
            for (home, about, what) in [
                ("home:300", "about:100", "home slower"),
                ("home:50", "about:400", "about slower"),
                ("index:120", "team:120", "a tie"),
            ] {
                if let Err(verdict) = case(home, about, what).await {
                    return verdict;
                }
            }
            Verdict::pass("two different jobs, awaited together, each result in its place")
        })
    })
}
