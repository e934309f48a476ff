//! The check for exercise 03b, on tokio's paused clock. Do not edit: the runner notices.

use std::process::ExitCode;
use std::time::Duration;

use ex_03b_join_two::{Profile, load_profile};
use exercise_kit::{Verdict, paused_runtime, run, secs};

fn main() -> ExitCode {
    run(|| {
        paused_runtime().block_on(async {
            let start = tokio::time::Instant::now();
            let profile = load_profile(7).await;
            let took = start.elapsed();
            let expected = Profile {
                name: "user7".to_owned(),
                posts: vec![
                    "first post of user7".to_owned(),
                    "second post of user7".to_owned(),
                ],
            };
            if profile != expected {
                return Verdict::fail(format!(
                    "load_profile(7) returned {profile:?}; expected {expected:?}"
                ));
            }
            if took != Duration::from_secs(2) {
                return Verdict::fail(format!(
                    "load_profile took {} of virtual time; fetching the name (1 s) and the posts \
                     (2 s) at once takes 2.00 s (see lesson 3 Part 2: tokio::join!)",
                    secs(took)
                ));
            }
            Verdict::pass(
                "name and posts fetched at once: 2.00 s of virtual time instead of 3.00 s",
            )
        })
    })
}
