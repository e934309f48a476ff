//! The check for exercise 13c, on tokio's paused clock: a subscriber of its own reads
//! every span and event `price_order` makes as values (their names, fields and
//! parents), whatever a log line would look like. One order is priced alone, then two
//! at once; the orders, the skus, their prices and waits are picked anew on every run.
//! Do not edit: the runner notices.

use std::collections::BTreeMap;
use std::fmt::Debug;
use std::process::ExitCode;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use ex_13c_span_fields::price_order;
use exercise_kit::{Verdict, paused_runtime, prices, run, vary};
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Level, Subscriber};
use tracing_subscriber::layer::{Context, Layer, SubscriberExt};
use tracing_subscriber::registry::LookupSpan;

/// A span as the check saw it: its name, its fields (recorded ones included) and its
/// parent.
#[derive(Debug)]
struct SeenSpan {
    name: String,
    fields: BTreeMap<String, String>,
    parent: Option<usize>,
}

/// An event: its level, its fields, and the spans it was inside (innermost first).
#[derive(Debug)]
struct SeenEvent {
    level: Level,
    fields: BTreeMap<String, String>,
    inside: Vec<usize>,
}

#[derive(Default)]
struct Seen {
    spans: Vec<SeenSpan>,
    events: Vec<SeenEvent>,
}

/// Field values as text: strings as they are, everything else as `{:?}`.
struct Fields<'a>(&'a mut BTreeMap<String, String>);

impl Visit for Fields<'_> {
    fn record_debug(&mut self, field: &Field, value: &dyn Debug) {
        self.0.insert(field.name().to_owned(), format!("{value:?}"));
    }

    fn record_str(&mut self, field: &Field, value: &str) {
        self.0.insert(field.name().to_owned(), value.to_owned());
    }
}

/// The span's place in [`Seen::spans`], kept in the registry's span data.
#[derive(Clone, Copy)]
struct Index(usize);

struct Capture(Arc<Mutex<Seen>>);

impl Capture {
    fn seen(&self) -> std::sync::MutexGuard<'_, Seen> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl<S: Subscriber + for<'a> LookupSpan<'a>> Layer<S> for Capture {
    fn on_new_span(&self, attributes: &Attributes<'_>, id: &Id, context: Context<'_, S>) {
        let mut fields = BTreeMap::new();
        attributes.record(&mut Fields(&mut fields));
        let span = context.span(id);
        let parent = span
            .as_ref()
            .and_then(|span| span.parent())
            .and_then(|parent| parent.extensions().get::<Index>().map(|index| index.0));
        let mut seen = self.seen();
        let index = seen.spans.len();
        seen.spans.push(SeenSpan {
            name: attributes.metadata().name().to_owned(),
            fields,
            parent,
        });
        if let Some(span) = span {
            span.extensions_mut().insert(Index(index));
        }
    }

    fn on_record(&self, id: &Id, values: &Record<'_>, context: Context<'_, S>) {
        let Some(span) = context.span(id) else { return };
        let Some(Index(index)) = span.extensions().get::<Index>().copied() else {
            return;
        };
        let mut seen = self.seen();
        values.record(&mut Fields(&mut seen.spans[index].fields));
    }

    fn on_event(&self, event: &Event<'_>, context: Context<'_, S>) {
        let mut fields = BTreeMap::new();
        event.record(&mut Fields(&mut fields));
        let inside = context
            .event_scope(event)
            .map(|scope| {
                scope
                    .filter_map(|span| span.extensions().get::<Index>().map(|index| index.0))
                    .collect()
            })
            .unwrap_or_default();
        self.seen().events.push(SeenEvent {
            level: *event.metadata().level(),
            fields,
            inside,
        });
    }
}

/// One order the check prices: its number, its skus and their prices.
struct Order {
    number: u64,
    skus: Vec<(String, u64)>,
}

impl Order {
    fn total(&self) -> u64 {
        self.skus.iter().map(|(_, cents)| cents).sum()
    }

    fn sku_names(&self) -> Vec<String> {
        self.skus.iter().map(|(sku, _)| sku.clone()).collect()
    }
}

fn main() -> ExitCode {
    run(|| {
        let seen = Arc::new(Mutex::new(Seen::default()));
        // This thread's subscriber while the check runs: the runtime below is
        // current-thread, so every poll of price_order happens here.
        let _subscriber = tracing::subscriber::set_default(
            tracing_subscriber::registry().with(Capture(Arc::clone(&seen))),
        );
        // Three orders of 2, 3 and 4 skus, in an order picked per run, so that no number
        // of items written out fits them all.
        let first = vary(100..=899);
        let rotation = vary(0..=2) as usize;
        // The two orders priced at once take turns: the first's prices arrive at
        // step/2, step/2 + step, ..., the second's at step, 2 step, ..., so each order's
        // events come while the other is in the middle of its own work.
        let step = vary(10..=30);
        let mut orders = Vec::new();
        let mut price_list = Vec::new();
        for k in 0..3 {
            let count = 2 + (k + rotation) % 3;
            let number = first + 7 * k as u64 + vary(1..=5);
            let skus: Vec<(String, u64)> = (0..count)
                .map(|i| (format!("sku-{number}-{i}"), vary(1..=999)))
                .collect();
            for (i, (sku, cents)) in skus.iter().enumerate() {
                let wait = match (k, i) {
                    (0, _) => vary(1..=30),
                    (1, 0) => step / 2,
                    _ => step,
                };
                price_list.push((sku.clone(), *cents, Duration::from_millis(wait)));
            }
            orders.push(Order { number, skus });
        }
        prices::script(&price_list);
        paused_runtime().block_on(async {
            // One order on its own first.
            let alone = price_order(orders[0].number, &orders[0].sku_names()).await;
            if alone != orders[0].total() {
                return Verdict::fail(format!(
                    "price_order({}, ..) returned {alone}; expected {}, the sum of its prices: keep \
                     what it returns as it was",
                    orders[0].number,
                    orders[0].total()
                ));
            }
            if let Err(problem) = inspect(&seen, &orders[..1], "priced alone") {
                return Verdict::fail(problem);
            }
            let (skus_1, skus_2) = (orders[1].sku_names(), orders[2].sku_names());
            // Both orders on this one thread, taking turns at every .await.
            let (second, third) = tokio::join!(
                price_order(orders[1].number, &skus_1),
                price_order(orders[2].number, &skus_2),
            );
            if (second, third) != (orders[1].total(), orders[2].total()) {
                return Verdict::fail(format!(
                    "two orders priced at once returned {second} and {third}; expected {} and {}",
                    orders[1].total(),
                    orders[2].total()
                ));
            }
            if let Err(problem) = inspect(&seen, &orders[1..], "priced at once with tokio::join!") {
                return Verdict::fail(problem);
            }
            Verdict::pass(format!(
                "three orders ({}, {} and {} skus; two of them at once) each in its own price_order \
                 span with its order, items and total, and every sku's info event, with sku and \
                 cents, inside its own order's span",
                orders[0].skus.len(),
                orders[1].skus.len(),
                orders[2].skus.len()
            ))
        })
    })
}

/// The nearest price_order span an event was inside.
fn innermost_order(seen: &Seen, event: &SeenEvent) -> Option<usize> {
    event
        .inside
        .iter()
        .copied()
        .find(|&i| seen.spans[i].name == "price_order")
}

/// `event` (`what`, for the message) happened inside the price_order span `span`.
fn placed_in(seen: &Seen, event: &SeenEvent, span: usize, what: &str) -> Result<(), String> {
    let teach = "(lesson 13, Part 4)";
    match innermost_order(seen, event) {
        Some(i) if i == span => Ok(()),
        Some(i) => Err(format!(
            "{what} happened inside order {}'s span: a span entered with span.enter() stays \
             entered on the thread across an .await, so what another order runs meanwhile \
             lands in it. Use #[tracing::instrument] or .instrument(span), which enter the \
             span only while the future is polled {teach}",
            seen.spans[i]
                .fields
                .get("order")
                .map_or("?", String::as_str)
        )),
        None => Err(format!(
            "{what} happened outside any price_order span. The whole call runs inside its \
             span, every .await included, not only the line that logs: #[tracing::instrument] \
             on the function, or .instrument(span) on its future {teach}"
        )),
    }
}

/// Checks the spans and events of `orders` against what they must be.
fn inspect(seen: &Mutex<Seen>, orders: &[Order], how: &str) -> Result<(), String> {
    let seen = seen.lock().unwrap_or_else(PoisonError::into_inner);
    let teach = "(lesson 13, Part 4)";
    for order in orders {
        let number = order.number.to_string();
        let named: Vec<usize> = (0..seen.spans.len())
            .filter(|&i| seen.spans[i].name == "price_order")
            .collect();
        if named.is_empty() {
            return Err(format!(
                "no span named \"price_order\" was opened while order {number} was {how}: \
                 #[tracing::instrument(name = \"price_order\", ...)] on the function opens one \
                 per call {teach}"
            ));
        }
        let mine: Vec<usize> = named
            .iter()
            .copied()
            .filter(|&i| seen.spans[i].fields.get("order") == Some(&number))
            .collect();
        let [span] = mine[..] else {
            let fields: Vec<_> = named.iter().map(|&i| &seen.spans[i].fields).collect();
            let why = if mine.is_empty() {
                "The order's number is the span's field `order`"
            } else {
                "One span per call of price_order, around all of its skus, not one per sku"
            };
            return Err(format!(
                "{} price_order span(s) had order = {number} while it was {how}; expected \
                 one. {why}. The price_order spans' fields: {fields:?} {teach}",
                mine.len()
            ));
        };
        let fields = &seen.spans[span].fields;
        let items = order.skus.len().to_string();
        if fields.get("items") != Some(&items) {
            return Err(format!(
                "order {number}'s span has the fields {fields:?}; expected items = {items}, \
                 its number of skus (skus.len(), not a number written out) {teach}"
            ));
        }
        let total = order.total().to_string();
        if fields.get("total") != Some(&total) {
            if let Some(other) = seen.spans.iter().find(|other| {
                other.name != "price_order" && other.fields.get("total") == Some(&total)
            }) {
                return Err(format!(
                    "order {number}'s total, {total}, was recorded on a span named {:?}, not on \
                     its price_order span (fields {fields:?}): record it on the price_order \
                     span itself {teach}",
                    other.name
                ));
            }
            return Err(format!(
                "order {number}'s span has the fields {fields:?}; expected total = {total} once \
                 priced. A span records only the fields it declared: declare total = \
                 tracing::field::Empty and record it with Span::current().record(\"total\", \
                 total) {teach}"
            ));
        }
        // No price_order span is made inside another one: a span entered with
        // span.enter() and kept across an .await stays the thread's current span while
        // other orders run, and every span they open hangs under it.
        let mut above = seen.spans[span].parent;
        while let Some(ancestor) = above {
            if seen.spans[ancestor].name == "price_order" {
                return Err(format!(
                    "order {number}'s price_order span was opened inside order {}'s ({how}): \
                     that span was still entered on the thread while order {number} started. A \
                     span entered with span.enter() stays entered across an .await, so what \
                     runs meanwhile lands in it. Use #[tracing::instrument] or \
                     .instrument(span), which enter the span only while the future is polled \
                     {teach}",
                    seen.spans[ancestor]
                        .fields
                        .get("order")
                        .map_or("?", String::as_str)
                ));
            }
            above = seen.spans[ancestor].parent;
        }
        for (sku, cents) in &order.skus {
            let same_sku = |value: Option<&String>| {
                value.is_some_and(|value| *value == *sku || *value == format!("{sku:?}"))
            };
            // The price list's own events: its wait must run inside the order's span.
            for asked in seen
                .events
                .iter()
                .filter(|event| same_sku(event.fields.get("asked_for")))
            {
                let what = format!("price_of({sku:?}) for order {number} ({how})");
                placed_in(&seen, asked, span, &what)?;
            }
            let with_sku: Vec<&SeenEvent> = seen
                .events
                .iter()
                .filter(|event| same_sku(event.fields.get("sku")))
                .collect();
            let info: Vec<&SeenEvent> = with_sku
                .iter()
                .copied()
                .filter(|event| event.level == Level::INFO)
                .collect();
            let [event] = info[..] else {
                if let Some(other) = with_sku.first().filter(|_| info.is_empty()) {
                    return Err(format!(
                        "the event for {sku} is at level {}; expected an info event {teach}",
                        other.level
                    ));
                }
                let shown: Vec<_> = seen
                    .events
                    .iter()
                    .filter(|event| !event.fields.contains_key("asked_for"))
                    .map(|event| &event.fields)
                    .collect();
                return Err(format!(
                    "{} info event(s) had the field sku = {sku} (order {number}, {how}); \
                     expected one info event per sku with the fields sku and cents, e.g. \
                     tracing::info!(sku = %sku, cents, \"priced\"). Events seen: {shown:?} {teach}",
                    info.len()
                ));
            };
            if event.fields.get("cents") != Some(&cents.to_string()) {
                return Err(format!(
                    "the event for {sku} has the fields {:?}; expected cents = {cents}, the price \
                     price_of gave {teach}",
                    event.fields
                ));
            }
            let what = format!("the event for {sku} of order {number} ({how})");
            placed_in(&seen, event, span, &what)?;
        }
    }
    Ok(())
}
