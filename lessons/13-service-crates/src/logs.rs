//! tracing's output caught in memory, so the lesson can print the lines a service
//! would write to stderr (Part 4).

use std::io::{self, Write};
use std::sync::{Arc, Mutex};

use tracing::subscriber::DefaultGuard;
use tracing_subscriber::EnvFilter;
use tracing_subscriber::fmt::MakeWriter;

/// How each line is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layout {
    /// One line of text per event: level, spans with their fields, message, fields.
    Text,
    /// One JSON object per line, for a log collector.
    Json,
}

/// The lines written so far, shared by the subscriber and the lesson.
#[derive(Clone, Debug, Default)]
pub struct Captured {
    bytes: Arc<Mutex<Vec<u8>>>,
}

impl Captured {
    /// Every line written so far, and forgets them.
    pub fn take_lines(&self) -> Vec<String> {
        let mut bytes = self
            .bytes
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let text = String::from_utf8_lossy(&bytes).into_owned();
        bytes.clear();
        text.lines().map(str::to_owned).collect()
    }
}

/// One writer per event; each appends to the shared buffer.
#[derive(Debug)]
pub struct CapturedWriter {
    bytes: Arc<Mutex<Vec<u8>>>,
}

impl Write for CapturedWriter {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let mut bytes = self
            .bytes
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        bytes.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl<'a> MakeWriter<'a> for Captured {
    type Writer = CapturedWriter;

    fn make_writer(&'a self) -> Self::Writer {
        CapturedWriter {
            bytes: Arc::clone(&self.bytes),
        }
    }
}

// ANCHOR: capture
/// Starts catching this thread's events: those `directives` lets through (RUST_LOG's
/// syntax, e.g. `info` or `warn,[order]=info`), in `layout`, without times (so the
/// transcript is the same every run) or colours (the buffer is not a terminal). Until the
/// guard is dropped.
///
/// A service sets this up once, for every thread, in `main`: see the plain version.
pub fn capture(
    directives: &str,
    layout: Layout,
) -> Result<(Captured, DefaultGuard), tracing_subscriber::filter::ParseError> {
    let captured = Captured::default();
    let filter = EnvFilter::try_new(directives)?;
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(captured.clone())
        .without_time()
        .with_target(false)
        .with_ansi(false);
    let guard = match layout {
        Layout::Text => tracing::subscriber::set_default(builder.finish()),
        Layout::Json => tracing::subscriber::set_default(
            builder
                .json()
                .with_current_span(true)
                .with_span_list(false)
                .finish(),
        ),
    };
    Ok((captured, guard))
}
// ANCHOR_END: capture
