//! When each unit of work ran, and a chart of it.
//!
//! A lesson wraps each unit of work (a greeting, a request, a task) in
//! [`Timeline::record`]; the timeline notes when the work was first polled and when it
//! finished, on the lesson clock. After the run, [`Timeline::print`] draws one row per
//! unit on a shared time axis, 80 columns wide:
//!
//! ```text
//! Alice   |##################                                    | 0.00-2.00s
//! Bob     |                  ##################                  | 2.00-4.00s
//! Charlie |                                    ##################| 4.00-6.00s
//!         +--------+--------+--------+--------+--------+--------+
//!         0s       1s       2s       3s       4s       5s       6s
//! ```
//!
//! Sequential work draws a staircase; concurrent work draws bars stacked on top of each
//! other. On a terminal the bars are coloured blocks; anywhere else (a pipe, a file, a
//! test) the chart is plain ASCII.

use std::future::Future;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use crate::clock::LessonClock;
use crate::transcript::Transcript;

/// The width every chart fits in.
pub const CHART_WIDTH: usize = 80;

/// The most rows a chart draws; beyond that it says how many it left out.
pub const MAX_ROWS: usize = 20;

/// One unit of work: when it started and when it ended, on the lesson clock.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Span {
    /// What the row is called.
    pub label: String,
    /// When it was first polled.
    pub start: Duration,
    /// When it finished; `None` if it never did (it was cancelled, or is still running).
    pub end: Option<Duration>,
}

/// How to draw the bars.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    /// ASCII only: `#` for work, `*` for an instant. For pipes, files and tests.
    Plain,
    /// Coloured block characters, for a terminal.
    Terminal,
}

/// A record of when each unit of work ran. Cheap to clone; clones share the record.
#[derive(Clone, Debug)]
pub struct Timeline {
    clock: LessonClock,
    spans: Arc<Mutex<Vec<Span>>>,
}

impl Default for Timeline {
    fn default() -> Self {
        Self::new()
    }
}

impl Timeline {
    /// An empty timeline whose time axis starts now.
    pub fn new() -> Self {
        Self {
            clock: LessonClock::start(),
            spans: Arc::default(),
        }
    }

    /// Wraps `work` so that it is recorded as a row named `label`: the row starts when
    /// the returned future is first polled (futures are lazy: not when this is called)
    /// and ends when `work` finishes. A row whose future is dropped before it finishes
    /// (a cancelled task) stays unfinished.
    ///
    /// The returned future owns a clone of the timeline and borrows nothing from it, so
    /// it can be handed to `tokio::spawn` whenever `work` can.
    pub fn record<F, L>(&self, label: L, work: F) -> impl Future<Output = F::Output> + use<F, L>
    where
        F: Future,
        L: Into<String>,
    {
        let timeline = self.clone();
        async move {
            let row = timeline.begin(label);
            let output = work.await;
            timeline.end(row);
            output
        }
    }

    /// Starts a row now and returns its index, for work that is not a single future.
    pub fn begin(&self, label: impl Into<String>) -> usize {
        let mut spans = self.lock();
        spans.push(Span {
            label: label.into(),
            start: self.clock.elapsed(),
            end: None,
        });
        spans.len() - 1
    }

    /// Ends the row `row` (from [`begin`](Self::begin)) now.
    pub fn end(&self, row: usize) {
        let now = self.clock.elapsed();
        if let Some(span) = self.lock().get_mut(row) {
            span.end = Some(now);
        }
    }

    /// Every row so far, in the order the work started.
    pub fn spans(&self) -> Vec<Span> {
        self.lock().clone()
    }

    /// Writes the chart to `out`, coloured if `out` is a terminal.
    pub fn print(&self, out: &Transcript) {
        let style = if out.is_terminal() {
            Style::Terminal
        } else {
            Style::Plain
        };
        let spans = self.spans();
        out.note(render(&spans, style));
        // The same rows as a picture, for the book; a transcript printing to stdout
        // does not keep pictures, so nothing is drawn for a learner's run.
        out.figure(|| render_svg(&spans));
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<Span>> {
        self.spans.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// Draws `spans` as a chart of at most [`CHART_WIDTH`] columns (one row per span, at most
/// [`MAX_ROWS`] rows, then the time axis).
pub fn render(spans: &[Span], style: Style) -> String {
    if spans.is_empty() {
        return "(nothing was recorded)\n".to_owned();
    }
    let shown = if spans.len() > MAX_ROWS {
        &spans[..MAX_ROWS - 1]
    } else {
        spans
    };
    let label_width = shown
        .iter()
        .map(|span| span.label.chars().count())
        .max()
        .unwrap_or(0)
        .clamp(1, 16);
    let annotations: Vec<String> = shown.iter().map(annotation).collect();
    let annotation_width = annotations.iter().map(String::len).max().unwrap_or(0);
    // label, space, '|', bars, '|', space, annotation
    let available = CHART_WIDTH - label_width - annotation_width - 4;
    let last_moment = spans
        .iter()
        .map(|span| span.end.unwrap_or(span.start).max(span.start))
        .max()
        .unwrap_or_default();
    let scale = Scale::new(last_moment, available);

    let mut chart = String::new();
    for (index, (span, note)) in shown.iter().zip(&annotations).enumerate() {
        let label: String = if span.label.chars().count() > label_width {
            let cut: String = span.label.chars().take(label_width - 1).collect();
            format!("{cut}~")
        } else {
            span.label.clone()
        };
        chart.push_str(&format!(
            "{label:<label_width$} |{}| {note}\n",
            bars(span, &scale, style, index)
        ));
    }
    if shown.len() < spans.len() {
        chart.push_str(&format!(
            "{:label_width$}  ... and {} more rows\n",
            "",
            spans.len() - shown.len()
        ));
    }
    chart.push_str(&scale.axis(label_width));
    chart
}

/// Pixels: the picture's width, one row's height, and the margins around the plot.
const SVG_WIDTH: usize = 760;
const SVG_ROW: usize = 26;
const SVG_TOP: usize = 12;
const SVG_AXIS: usize = 34;
/// One character of the 13 px monospace font, for sizing the label and time columns.
const SVG_CHAR: usize = 8;
/// Bar colours (one per row, in turn), readable on a light and a dark page.
const SVG_COLOURS: [&str; 6] = [
    "#2a9d8f", "#e9a03b", "#9b5de5", "#4c9f38", "#3a86ff", "#e05d5d",
];

/// Draws `spans` as an SVG picture: the rows of [`render`] as coloured bars on the same
/// time axis, each with its label on the left and its times on the right. Unfinished work
/// is a dashed bar to the end of the axis; work that took no time is a thin mark. The
/// text is the same for the same spans (a golden file can hold it).
pub fn render_svg(spans: &[Span]) -> String {
    let label_width = spans
        .iter()
        .map(|span| span.label.chars().count())
        .max()
        .unwrap_or(0)
        .clamp(1, 24)
        * SVG_CHAR
        + 12;
    let annotations: Vec<String> = spans.iter().map(annotation).collect();
    let annotation_width = annotations.iter().map(String::len).max().unwrap_or(0) * SVG_CHAR + 12;
    let plot_left = label_width;
    let plot_width = SVG_WIDTH - label_width - annotation_width;
    let last_moment = spans
        .iter()
        .map(|span| span.end.unwrap_or(span.start).max(span.start))
        .max()
        .unwrap_or_default();
    // Round ticks as the text chart has them, at most six (a tick per 6 of 36 columns).
    let scale = Scale::new(last_moment, 36);
    let axis_end = scale.step.as_secs_f64() * f64::from(scale.intervals);
    let x = |at: Duration| -> f64 {
        let fraction = (at.as_secs_f64() / axis_end).min(1.0);
        plot_left as f64 + fraction * plot_width as f64
    };
    let rows_bottom = SVG_TOP + SVG_ROW * spans.len().max(1);
    let height = rows_bottom + SVG_AXIS;

    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {SVG_WIDTH} {height}\" \
         width=\"{SVG_WIDTH}\" height=\"{height}\" style=\"max-width: 100%; height: auto\" \
         font-family=\"monospace\" font-size=\"13\">\n"
    );
    svg.push_str(&format!(
        "<title>When each piece of work ran, from 0 s to {}</title>\n",
        seconds_text(last_moment)
    ));
    svg.push_str(&format!(
        "<rect width=\"{SVG_WIDTH}\" height=\"{height}\" fill=\"#ffffff\"/>\n"
    ));
    // Grid lines and tick labels first, so the bars draw over them; each on one line of
    // the file, so the file has as many lines whatever the number of ticks.
    let ticks: Vec<(f64, String)> = (0..=scale.intervals)
        .map(|tick| (x(scale.step * tick), scale.label(tick)))
        .collect();
    let grid: String = ticks
        .iter()
        .map(|(left, _)| format!("M{left:.1} {SVG_TOP}V{}", rows_bottom + 4))
        .collect();
    svg.push_str(&format!("<path d=\"{grid}\" stroke=\"#d0d0d0\"/>\n"));
    let labels: String = ticks
        .iter()
        .map(|(left, label)| {
            format!(
                "<text x=\"{left:.1}\" y=\"{}\" text-anchor=\"middle\" fill=\"#444444\">{label}</text>",
                rows_bottom + 20
            )
        })
        .collect();
    svg.push_str(&labels);
    svg.push('\n');
    svg.push_str(&format!(
        "<line x1=\"{plot_left}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#444444\"/>\n",
        rows_bottom + 4,
        plot_left + plot_width,
        rows_bottom + 4
    ));
    for (row, (span, note)) in spans.iter().zip(&annotations).enumerate() {
        let top = SVG_TOP + row * SVG_ROW;
        let text_y = top + SVG_ROW / 2 + 5;
        let colour = SVG_COLOURS[row % SVG_COLOURS.len()];
        svg.push_str(&format!(
            "<text x=\"{}\" y=\"{text_y}\" text-anchor=\"end\" fill=\"#222222\">{}</text>\n",
            plot_left - 8,
            escape(&span.label)
        ));
        let start = x(span.start);
        let bar = match span.end {
            Some(end) if end <= span.start => format!(
                "<rect x=\"{:.1}\" y=\"{}\" width=\"3\" height=\"{}\" fill=\"{colour}\"/>",
                start - 1.5,
                top + 4,
                SVG_ROW - 8
            ),
            Some(end) => format!(
                "<rect x=\"{start:.1}\" y=\"{}\" width=\"{:.1}\" height=\"{}\" rx=\"3\" fill=\"{colour}\"/>",
                top + 4,
                (x(end) - start).max(2.0),
                SVG_ROW - 8
            ),
            None => format!(
                "<rect x=\"{start:.1}\" y=\"{}\" width=\"{:.1}\" height=\"{}\" rx=\"3\" fill=\"none\" \
                 stroke=\"{colour}\" stroke-width=\"2\" stroke-dasharray=\"6 4\"/>",
                top + 5,
                (x(last_moment.max(span.start)) - start).max(2.0),
                SVG_ROW - 10
            ),
        };
        svg.push_str(&bar);
        svg.push('\n');
        svg.push_str(&format!(
            "<text x=\"{}\" y=\"{text_y}\" fill=\"#444444\">{note}</text>\n",
            plot_left + plot_width + 10
        ));
    }
    svg.push_str("</svg>\n");
    svg
}

fn seconds_text(at: Duration) -> String {
    format!("{:.2} s", at.as_secs_f64())
}

/// Text as SVG (XML) holds it.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The time axis: a whole number of "round" tick steps (1, 2 or 5 times a power of ten),
/// each the same number of columns wide, so ticks land exactly on columns.
struct Scale {
    step: Duration,
    intervals: u32,
    columns_per_interval: usize,
}

impl Scale {
    /// The widest axis that covers `last_moment` in at most `available` columns, with
    /// ticks at least six columns apart.
    fn new(last_moment: Duration, available: usize) -> Self {
        let max_intervals = (available / 6).max(1) as f64;
        let seconds = last_moment.as_secs_f64();
        // Nothing took any time: any axis will do, so show one second.
        let mut magnitude = if seconds == 0.0 { 1.0 } else { 1e-3 };
        let step = 'search: loop {
            for factor in [1.0, 2.0, 5.0] {
                let step = magnitude * factor;
                if seconds / step <= max_intervals {
                    break 'search step;
                }
            }
            magnitude *= 10.0;
        };
        // Real timers overshoot by a few milliseconds: 6.004 s still draws on a 6 s
        // axis (its bar is clipped to the last column) rather than adding a whole step.
        let intervals = ((seconds / step - 0.05).ceil() as u32).max(1);
        Self {
            step: Duration::from_secs_f64(step),
            intervals,
            columns_per_interval: available / intervals as usize,
        }
    }

    fn columns(&self) -> usize {
        self.columns_per_interval * self.intervals as usize
    }

    fn position(&self, at: Duration) -> f64 {
        at.as_secs_f64() / self.step.as_secs_f64() * self.columns_per_interval as f64
    }

    /// The column a moment falls in.
    fn column(&self, at: Duration) -> usize {
        // A hair of tolerance so that 2.000 s lands on the 2 s tick despite floating point.
        ((self.position(at) + 1e-9).floor() as usize).min(self.columns() - 1)
    }

    /// The first column after a span that ends at `at`.
    fn column_after(&self, at: Duration) -> usize {
        ((self.position(at) - 1e-9).ceil() as usize).min(self.columns())
    }

    /// The axis line (`+` at each tick) under the bars, and the tick labels under it.
    fn axis(&self, label_width: usize) -> String {
        let columns = self.columns();
        let mut line = vec!['-'; columns + 1];
        let mut labels = vec![' '; columns + 12];
        let mut next_free = 0;
        for tick in 0..=self.intervals {
            // Column c is drawn at index c + 1 (after the left `|`), so index i * width
            // is the cell just left of tick i's moment: the '+' marks where it begins.
            let index = tick as usize * self.columns_per_interval;
            line[index] = '+';
            let text = self.label(tick);
            if index >= next_free && index + text.len() <= labels.len() {
                labels[index..index + text.len()]
                    .iter_mut()
                    .zip(text.chars())
                    .for_each(|(cell, ch)| *cell = ch);
                next_free = index + text.len() + 1;
            }
        }
        let line: String = line.into_iter().collect();
        let labels: String = labels.into_iter().collect();
        format!(
            "{:label_width$} {line}\n{:label_width$} {}\n",
            "",
            "",
            labels.trim_end()
        )
    }

    /// `2s`, `0.5s`, `0.25s`: as many decimals as the step needs.
    fn label(&self, tick: u32) -> String {
        let step = self.step.as_secs_f64();
        let decimals = (-step.log10().floor()).max(0.0) as usize;
        format!("{:.*}s", decimals, step * f64::from(tick))
    }
}

fn bars(span: &Span, scale: &Scale, style: Style, row: usize) -> String {
    let columns = scale.columns();
    let first = scale.column(span.start);
    let (body, last) = match span.end {
        Some(end) if end <= span.start => ("*", first + 1),
        Some(end) => ("#", scale.column_after(end).max(first + 1)),
        None => ("#", columns),
    };
    let mut cells = " ".repeat(first);
    let length = last - first;
    match style {
        Style::Plain => cells.push_str(&body.repeat(length)),
        Style::Terminal => {
            const COLOURS: [u8; 6] = [36, 33, 35, 32, 34, 31];
            let block = if body == "*" { "▏" } else { "█" };
            cells.push_str(&format!(
                "\x1b[{}m{}\x1b[0m",
                COLOURS[row % COLOURS.len()],
                block.repeat(length)
            ));
        }
    }
    cells.push_str(&" ".repeat(columns - last));
    cells
}

fn annotation(span: &Span) -> String {
    match span.end {
        Some(end) => format!("{:.2}-{:.2}s", span.start.as_secs_f64(), end.as_secs_f64()),
        None => format!("{:.2}s-unfinished", span.start.as_secs_f64()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(label: &str, start_ms: u64, end_ms: Option<u64>) -> Span {
        Span {
            label: label.to_owned(),
            start: Duration::from_millis(start_ms),
            end: end_ms.map(Duration::from_millis),
        }
    }

    #[track_caller]
    fn assert_chart(spans: &[Span], expected: &str) {
        let chart = render(spans, Style::Plain);
        assert_eq!(
            chart, expected,
            "\n--- actual ---\n{chart}--- expected ---\n{expected}"
        );
        for line in chart.lines() {
            assert!(line.chars().count() <= CHART_WIDTH, "too wide: {line:?}");
        }
    }

    #[test]
    fn sequential_work_is_a_staircase() {
        assert_chart(
            &[
                span("Alice", 0, Some(2000)),
                span("Bob", 2000, Some(4000)),
                span("Charlie", 4000, Some(6000)),
            ],
            "\
Alice   |##################                                    | 0.00-2.00s
Bob     |                  ##################                  | 2.00-4.00s
Charlie |                                    ##################| 4.00-6.00s
        +--------+--------+--------+--------+--------+--------+
        0s       1s       2s       3s       4s       5s       6s
",
        );
    }

    #[test]
    fn concurrent_work_is_stacked_bars() {
        assert_chart(
            &[
                span("Alice", 0, Some(2000)),
                span("Bob", 0, Some(1000)),
                span("Charlie", 500, Some(2000)),
            ],
            "\
Alice   |########################################################| 0.00-2.00s
Bob     |############################                            | 0.00-1.00s
Charlie |              ##########################################| 0.50-2.00s
        +-------------+-------------+-------------+-------------+
        0.0s          0.5s          1.0s          1.5s          2.0s
",
        );
    }

    #[test]
    fn zero_length_and_unfinished_work_are_marked() {
        assert_chart(
            &[
                span("instant", 0, Some(0)),
                span("work", 0, Some(1000)),
                span("cancelled", 500, None),
            ],
            "\
instant   |*                                                 | 0.00-0.00s
work      |##################################################| 0.00-1.00s
cancelled |                         #########################| 0.50s-unfinished
          +---------+---------+---------+---------+---------+
          0.0s      0.2s      0.4s      0.6s      0.8s      1.0s
",
        );
        // Everything at time zero still draws.
        assert_chart(
            &[span("a", 0, Some(0))],
            "\
a |*                                                                | 0.00-0.00s
  +----------------------------------------------------------------+
  0s                                                               1s
",
        );
    }

    #[test]
    fn many_rows_are_cut_with_a_count() {
        let spans: Vec<Span> = (0..25)
            .map(|i| span(&format!("task {i}"), i * 100, Some(i * 100 + 100)))
            .collect();
        let chart = render(&spans, Style::Plain);
        let lines: Vec<&str> = chart.lines().collect();
        assert_eq!(lines.len(), MAX_ROWS + 2, "{chart}");
        assert!(lines[0].starts_with("task 0  |#"), "{chart}");
        assert_eq!(lines[MAX_ROWS - 1].trim(), "... and 6 more rows", "{chart}");
        // The axis covers all 25 rows' time, including the rows not drawn.
        assert!(lines[MAX_ROWS + 1].trim_end().ends_with("2.5s"), "{chart}");
        assert!(chart.lines().all(|l| l.chars().count() <= CHART_WIDTH));
    }

    #[test]
    fn a_few_milliseconds_over_do_not_add_a_tick() {
        let chart = render(&[span("a", 0, Some(6004))], Style::Plain);
        let labels = chart.lines().last().unwrap_or_default();
        assert!(labels.ends_with(" 6s"), "{chart}");
        assert!(
            chart.lines().next().is_some_and(|row| row.contains("#|")),
            "{chart}"
        );
    }

    #[test]
    fn the_picture_has_a_bar_per_row_on_the_charts_axis() {
        let svg = render_svg(&[
            span("Alice", 0, Some(2000)),
            span("<Bob>", 2000, Some(4000)),
            span("cancelled", 1000, None),
        ]);
        assert!(
            svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""),
            "{svg}"
        );
        assert!(svg.ends_with("</svg>\n"), "{svg}");
        // Labels are escaped; the times are the text chart's.
        assert!(svg.contains(">&lt;Bob&gt;</text>"), "{svg}");
        assert!(svg.contains(">2.00-4.00s</text>"), "{svg}");
        assert!(svg.contains(">1.00s-unfinished</text>"), "{svg}");
        // The ticks are 0s to 4s, as the text chart's axis.
        for tick in ["0s", "1s", "2s", "3s", "4s"] {
            assert!(svg.contains(&format!(">{tick}</text>")), "{tick}: {svg}");
        }
        assert_eq!(svg.matches("stroke-dasharray").count(), 1, "{svg}");
        // Alice's bar ends where Bob's starts.
        let bar_x = |colour: &str| -> Vec<f64> {
            let rect = svg
                .lines()
                .find(|line| line.starts_with("<rect x=") && line.contains(colour))
                .unwrap_or_else(|| panic!("no bar in {colour}: {svg}"));
            ["x=\"", "width=\""]
                .iter()
                .map(|key| {
                    let rest = &rect[rect.find(key).expect("the attribute") + key.len()..];
                    rest[..rest.find('"').expect("its end")]
                        .parse()
                        .expect("a number")
                })
                .collect()
        };
        let (alice, bob) = (bar_x(SVG_COLOURS[0]), bar_x(SVG_COLOURS[1]));
        assert!(
            (alice[0] + alice[1] - bob[0]).abs() < 0.2,
            "{alice:?} {bob:?}"
        );
        assert!((alice[1] - bob[1]).abs() < 0.2, "{alice:?} {bob:?}");
    }

    #[test]
    fn terminal_style_colours_the_bars() {
        let chart = render(&[span("a", 0, Some(1000))], Style::Terminal);
        assert!(chart.contains("\x1b[36m"), "{chart}");
        assert!(chart.contains('█'), "{chart}");
    }

    #[tokio::test(start_paused = true)]
    async fn record_measures_from_first_poll_to_completion() {
        let timeline = Timeline::new();
        // (An `async` block, because `tokio::time::sleep(d)` fixes its deadline when it is
        // *created*; the block creates it when first polled.)
        let lazy = timeline.record("later", async {
            tokio::time::sleep(Duration::from_secs(1)).await;
        });
        // Not polled yet: nothing is recorded, and time passes before it starts.
        tokio::time::sleep(Duration::from_secs(1)).await;
        assert!(timeline.spans().is_empty());
        lazy.await;
        let value = timeline.record("instant", async { 42 }).await;
        assert_eq!(value, 42);
        assert_eq!(
            timeline.spans(),
            [
                span("later", 1000, Some(2000)),
                span("instant", 2000, Some(2000))
            ]
        );
    }
}
