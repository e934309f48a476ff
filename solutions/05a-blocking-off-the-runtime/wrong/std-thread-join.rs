//! Wrong: a std thread, joined: the call is off the runtime, but the join blocks it.
//! Expect: waited for that thread by blocking

pub use exercise_kit::settings::{BLOCKS_FOR, read_settings_blocking};

/// Loads the settings from async code without stalling the other tasks.
pub async fn load_settings() -> String {
    std::thread::spawn(read_settings_blocking)
        .join()
        .unwrap_or_default()
}
