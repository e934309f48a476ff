//! Wrong: blocks the thread for the posts.
//! Expect: kept the thread busy

use std::time::Duration;

/// A user's profile.
#[derive(Debug, PartialEq, Eq)]
pub struct Profile {
    /// The user's name.
    pub name: String,
    /// Their posts' titles.
    pub posts: Vec<String>,
}

/// Fetches a user's name: one second.
pub async fn fetch_name(user: u32) -> String {
    tokio::time::sleep(Duration::from_secs(1)).await;
    format!("user{user}")
}

/// Fetches a user's posts: two seconds.
pub async fn fetch_posts(user: u32) -> Vec<String> {
    tokio::time::sleep(Duration::from_secs(2)).await;
    vec![
        format!("first post of user{user}"),
        format!("second post of user{user}"),
    ]
}

/// The name and the posts of `user`, fetched at once.
pub async fn load_profile(user: u32) -> Profile {
    let name = fetch_name(user).await;
    std::thread::sleep(Duration::from_secs(1));
    Profile {
        name,
        posts: vec![
            format!("first post of user{user}"),
            format!("second post of user{user}"),
        ],
    }
}
