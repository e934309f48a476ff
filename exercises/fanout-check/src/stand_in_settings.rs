//! How step 7's stand-ins learn which defect to play: over a Unix socket the check
//! serves, and only to the stand-in itself. The kernel says which process connected
//! (`SO_PEERCRED`, through tokio's `UnixStream::peer_cred`), and its executable must be
//! one of the stand-in files the check wrote; anything else (your tests, say) gets
//! nothing. Each stand-in file carries only the socket's path: nothing in it, in the
//! environment or beside it tells a test which stand-in it runs.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

use tokio::io::AsyncWriteExt;

/// The socket, served on a thread of its own until dropped.
pub struct SettingsServer {
    path: PathBuf,
    settings: Arc<Mutex<HashMap<PathBuf, String>>>,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
}

impl SettingsServer {
    /// Serves on a socket at `path`.
    pub fn start(path: PathBuf) -> Result<Self, String> {
        let settings: Arc<Mutex<HashMap<PathBuf, String>>> = Arc::default();
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let (ready, listening) = std::sync::mpsc::channel::<Result<(), String>>();
        let (served, socket) = (Arc::clone(&settings), path.clone());
        std::thread::spawn(move || {
            let runtime = match tokio::runtime::Builder::new_current_thread()
                .enable_io()
                .build()
            {
                Ok(runtime) => runtime,
                Err(error) => {
                    let _ = ready.send(Err(format!("cannot start a runtime: {error}")));
                    return;
                }
            };
            runtime.block_on(async move {
                let listener = match tokio::net::UnixListener::bind(&socket) {
                    Ok(listener) => listener,
                    Err(error) => {
                        let _ = ready.send(Err(format!("cannot listen on {}: {error}", socket.display())));
                        return;
                    }
                };
                let _ = ready.send(Ok(()));
                let mut stopped = stopped;
                loop {
                    // Each connection answered in turn: a line of settings, or nothing.
                    tokio::select! {
                        _ = &mut stopped => return,
                        accepted = listener.accept() => {
                            let Ok((mut stream, _)) = accepted else { continue };
                            let line = stream
                                .peer_cred()
                                .ok()
                                .and_then(|cred| cred.pid())
                                .and_then(|pid| std::fs::read_link(format!("/proc/{pid}/exe")).ok())
                                .and_then(|exe| {
                                    served.lock().unwrap_or_else(PoisonError::into_inner).get(&exe).cloned()
                                });
                            if let Some(line) = line {
                                let _ = stream.write_all(line.as_bytes()).await;
                            }
                        }
                    }
                }
            });
        });
        listening
            .recv()
            .map_err(|_| "the settings' thread ended".to_owned())??;
        Ok(Self {
            path,
            settings,
            stop: Some(stop),
        })
    }

    /// The socket's path, which each stand-in file carries.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// What the stand-in file `stand_in` (its canonical path) is told: `DEFECT#SERVICE#MARKER`.
    pub fn serve(&self, stand_in: &Path, line: String) -> Result<(), String> {
        let exe = stand_in
            .canonicalize()
            .map_err(|error| format!("cannot resolve {}: {error}", stand_in.display()))?;
        self.settings
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(exe, line);
        Ok(())
    }
}

impl Drop for SettingsServer {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        let _ = std::fs::remove_file(&self.path);
    }
}
