//! The fixes, each the broken program of the same number made to compile, and run by
//! the lesson so that its output shows the fix works. Each says what it prints.

use std::error::Error;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use axum::Router;
use axum::extract::State;
use axum::routing::post;
use futures::future::join_all;

// ANCHOR: fix_1
async fn save(name: &str) -> usize {
    name.len()
}

/// 1. `Arc` where the broken program had `Rc`: the task's future is `Send` again.
pub async fn arc_across_await() -> String {
    let task = tokio::spawn(async {
        let name = Arc::new(String::from("report.txt"));
        // `name` lives across this `.await`, and an `Arc` may cross threads.
        let saved = save(&name).await;
        format!("saved {name}: {saved} bytes")
    });
    task.await.unwrap_or_else(|problem| problem.to_string())
}

/// 1, the other fix: the `Rc` lives and dies before the `.await`.
pub async fn rc_gone_before_await() -> String {
    let task = tokio::spawn(async {
        let length = {
            let name = Rc::new(String::from("report.txt"));
            name.len()
        }; // the Rc is dropped here, before any `.await`
        let saved = save("report.txt").await;
        format!("{length} chars, saved {saved} bytes")
    });
    task.await.unwrap_or_else(|problem| problem.to_string())
}
// ANCHOR_END: fix_1

// ANCHOR: fix_2
async fn save_count(count: u64) -> u64 {
    count
}

/// 2. The guard ends in a block before the `.await`.
pub async fn guard_dropped_before_await() -> String {
    let visits = Arc::new(Mutex::new(0_u64));
    let counter = Arc::clone(&visits);
    let task = tokio::spawn(async move {
        let count = {
            let mut count = counter.lock().unwrap_or_else(PoisonError::into_inner);
            *count += 1;
            *count
        }; // the guard is dropped here: the lock is free during the save
        save_count(count).await
    });
    match task.await {
        Ok(count) => format!("saved visit {count}"),
        Err(problem) => problem.to_string(),
    }
}
// ANCHOR_END: fix_2

// ANCHOR: fix_3
async fn fetch(url: &str) -> usize {
    url.len()
}

/// 3. Each task owns its URL (`async move` over a clone).
pub async fn tasks_own_their_data() -> String {
    let urls = vec![
        String::from("https://a.example"),
        String::from("https://b.example"),
    ];
    let mut tasks = Vec::new();
    for url in &urls {
        let url = url.clone();
        // The task owns `url`: nothing it holds can end before it does.
        tasks.push(tokio::spawn(async move { fetch(&url).await }));
    }
    let mut lengths = Vec::new();
    for task in tasks {
        lengths.push(task.await.unwrap_or_default());
    }
    format!("lengths {lengths:?}")
}

/// 3, the other fix: no spawn; `join_all` runs the borrowing futures on this task.
pub async fn no_spawn_needed() -> String {
    let urls = [
        String::from("https://a.example"),
        String::from("https://b.example"),
    ];
    let lengths = join_all(urls.iter().map(|url| fetch(url))).await;
    format!("lengths {lengths:?}")
}
// ANCHOR_END: fix_3

// ANCHOR: fix_4
struct Client;

impl Client {
    async fn get(&self, url: &str) -> usize {
        url.len()
    }
}

/// 4. Borrow the client: `async move` then moves only the reference.
pub async fn borrow_the_client() -> String {
    let client = Client;
    let urls = ["https://a.example", "https://b.example"];
    let client = &client;
    let pages = join_all(urls.iter().map(|url| async move { client.get(url).await })).await;
    format!("pages {pages:?}")
}
// ANCHOR_END: fix_4

// ANCHOR: fix_5
async fn read_port(text: &str) -> Result<u16, std::num::ParseIntError> {
    text.parse()
}

/// 5. The block's error type, named on its last value.
pub async fn name_the_error_type() -> String {
    let task = tokio::spawn(async {
        let port = read_port("8080").await?;
        Ok::<_, std::num::ParseIntError>(port)
    });
    format!("{:?}", task.await.map_err(|problem| problem.to_string()))
}
// ANCHOR_END: fix_5

// ANCHOR: fix_6
async fn count_down(n: u32) -> u32 {
    if n == 0 {
        return 0;
    }
    // The recursive future lives on the heap; this one holds a pointer to it.
    1 + Box::pin(count_down(n - 1)).await
}

/// 6. The recursive call boxed.
pub async fn boxed_recursion() -> String {
    format!("counted {}", count_down(3).await)
}
// ANCHOR_END: fix_6

// ANCHOR: fix_7
/// 7. tokio's `Instant` for the deadline.
pub async fn tokio_instant() -> String {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(1);
    let slept = tokio::time::timeout_at(deadline, tokio::time::sleep(Duration::from_secs(2))).await;
    format!("{slept:?} after 1 s")
}
// ANCHOR_END: fix_7

// ANCHOR: fix_8
/// 8. Two different `async` blocks boxed into one type.
pub async fn boxed_blocks() -> String {
    type Job = Pin<Box<dyn Future<Output = i32> + Send>>;
    let jobs: Vec<Job> = vec![Box::pin(async { 1 }), Box::pin(async { 2 })];
    format!("results {:?}", join_all(jobs).await)
}
// ANCHOR_END: fix_8

// ANCHOR: fix_9
async fn load(text: &str) -> Result<u16, Box<dyn Error + Send + Sync>> {
    Ok(text.parse()?)
}

/// 9. An error type that may cross threads.
pub async fn send_sync_error() -> String {
    let task = tokio::spawn(async { load("8080").await });
    match task.await {
        Ok(loaded) => format!("{:?}", loaded.map_err(|problem| problem.to_string())),
        Err(problem) => problem.to_string(),
    }
}
// ANCHOR_END: fix_9

// ANCHOR: fix_10
trait Source {
    async fn fetch(&self) -> String;
}

struct Disk;

impl Source for Disk {
    async fn fetch(&self) -> String {
        "from disk".to_owned()
    }
}

/// A generic function: the compiler knows each caller's type.
async fn fetch_from(source: &impl Source) -> String {
    source.fetch().await
}

/// 10. Generics instead of `dyn`.
pub async fn generic_source() -> String {
    fetch_from(&Disk).await
}

/// A method that returns a boxed future: one type for every implementation, so a
/// `dyn BoxedSource` can call it. This is what the `async-trait` crate writes for you.
trait BoxedSource {
    fn fetch(&self) -> Pin<Box<dyn Future<Output = String> + Send + '_>>;
}

struct Memory(String);

impl BoxedSource for Memory {
    fn fetch(&self) -> Pin<Box<dyn Future<Output = String> + Send + '_>> {
        // The async block borrows `self` (the `'_`); Box::pin gives it a fixed place.
        Box::pin(async move { self.0.clone() })
    }
}

impl BoxedSource for Disk {
    fn fetch(&self) -> Pin<Box<dyn Future<Output = String> + Send + '_>> {
        Box::pin(async { "from disk".to_owned() })
    }
}

/// 10, without a crate: the trait's method returns `Pin<Box<dyn Future + Send + '_>>`,
/// so the mixed list of `dyn` sources works, and a task may own it (it is `Send`).
pub async fn boxed_future_method() -> String {
    let sources: Vec<Box<dyn BoxedSource + Send + Sync>> =
        vec![Box::new(Disk), Box::new(Memory("from memory".to_owned()))];
    let task = tokio::spawn(async move {
        let mut fetched = Vec::new();
        for source in &sources {
            // Each call allocates one box for its future.
            fetched.push(source.fetch().await);
        }
        fetched.join(", ")
    });
    task.await.unwrap_or_else(|problem| problem.to_string())
}
// ANCHOR_END: fix_10

// ANCHOR: fix_11
/// 11. The deadline pinned once, then polled by `&mut` each turn.
pub async fn pinned_deadline() -> String {
    let mut deadline = std::pin::pin!(tokio::time::sleep(Duration::from_secs(1)));
    let mut ticks = tokio::time::interval(Duration::from_millis(300));
    let mut seen = 0;
    loop {
        tokio::select! {
            () = &mut deadline => break,
            _ = ticks.tick() => seen += 1,
        }
    }
    format!("{seen} ticks before the deadline")
}
// ANCHOR_END: fix_11

// ANCHOR: fix_12
/// The state error 12's handler shares: a visit counter.
type Visits = Arc<Mutex<u64>>;

/// Fix 12: the guard ends in a block before the `.await`. The handler's future is then
/// `Send`, so it is a `Handler` and `post(visit)` compiles.
async fn visit(State(visits): State<Visits>) -> String {
    let count = {
        let mut count = visits.lock().unwrap_or_else(PoisonError::into_inner);
        *count += 1;
        *count
    }; // the guard is dropped here, before the save
    let saved = save_count(count).await;
    format!("visit {saved}")
}

/// 12, run: the app is built with the handler (the line that did not compile), and
/// the handler is called twice as axum would call it.
pub async fn handler_is_send() -> String {
    let visits = Visits::default();
    let _app: Router = Router::new()
        .route("/visit", post(visit))
        .with_state(Arc::clone(&visits));
    let first = visit(State(Arc::clone(&visits))).await;
    let second = visit(State(visits)).await;
    format!("the route is built; {first}, then {second}")
}
// ANCHOR_END: fix_12
