//! Wrong: the settings written out, the slow call never made.
//! Expect: called read_settings_blocking 0 times

pub use exercise_kit::settings::{BLOCKS_FOR, read_settings_blocking};

/// Loads the settings from async code without stalling the other tasks.
pub async fn load_settings() -> String {
    tokio::time::sleep(BLOCKS_FOR).await;
    "debug = true".to_owned()
}
