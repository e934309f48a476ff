//! Wrong: tokio::spawn: a task, but on the runtime's own thread.
//! Expect: a task spawned with tokio::spawn runs there too

pub use exercise_kit::settings::{BLOCKS_FOR, read_settings_blocking};

/// Loads the settings from async code without stalling the other tasks.
pub async fn load_settings() -> String {
    tokio::spawn(async { read_settings_blocking() })
        .await
        .unwrap_or_default()
}
