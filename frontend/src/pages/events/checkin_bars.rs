//! Bars drawn in inline SVG: a meter (part of a whole) and the arrivals chart. SVG attributes,
//! not `style`, carry the sizes, because the CSP allows no inline styles. Every bar repeats a
//! figure written next to it in text, so the drawings are hidden from screen readers.

use chrono::{DateTime, Utc};
use common::checkin_stats::ArrivalBucket;
use leptos::prelude::*;

use crate::i18n::{checkin as ci, t, use_lang};
use crate::time::utc_to_input;

/// `value` out of `max` as a whole percentage (0 when `max` is 0).
pub fn percent(value: u32, max: u32) -> u32 {
    let (v, m) = (u64::from(value), u64::from(max));
    (v * 100 + m / 2).checked_div(m).unwrap_or(0).min(100) as u32
}

/// A thin horizontal bar filled to `value / max`.
#[component]
pub fn Meter(
    #[prop(into)] value: Signal<u32>,
    #[prop(into)] max: Signal<u32>,
    /// Taller, for the headline figure.
    #[prop(optional)]
    large: bool,
) -> impl IntoView {
    // Per mille of a 1000-wide box, so small shares still show.
    let width = move || {
        let (v, m) = (u64::from(value.get()), u64::from(max.get()));
        (v * 1000).checked_div(m).unwrap_or(0).min(1000)
    };
    let class = if large {
        "mt-2 block h-4 w-full overflow-hidden rounded-full"
    } else {
        "mt-1 block h-2 w-full min-w-24 overflow-hidden rounded-full"
    };
    view! {
        <svg viewBox="0 0 1000 10" preserveAspectRatio="none" class=class aria-hidden="true" focusable="false">
            <rect width="1000" height="10" class="fill-gray-200" />
            <rect width=move || width().to_string() height="10" class="fill-emerald-600" />
        </svg>
    }
}

/// The bars of the arrivals chart: 24 five-minute slots (two hours), empty ones included.
const SLOTS: i64 = 24;
const SLOT_SECS: i64 = 300;

/// The slots to draw, oldest first: `(start, entries)`. They end at the slot of `now`, or at the
/// last arrival when that is older than the chart, so a quiet door still shows its last rush.
pub fn slots(buckets: &[ArrivalBucket], now: DateTime<Utc>) -> Vec<(DateTime<Utc>, u32)> {
    let floor = |t: i64| t - t.rem_euclid(SLOT_SECS);
    let now_slot = floor(now.timestamp());
    let last = buckets.iter().map(|b| floor(b.starts_at.timestamp())).max();
    let end = match last {
        Some(l) if l < now_slot - (SLOTS - 1) * SLOT_SECS => l,
        Some(l) => l.max(now_slot),
        None => now_slot,
    };
    (0..SLOTS)
        .rev()
        .filter_map(|i| {
            let start = end - i * SLOT_SECS;
            let entries = buckets
                .iter()
                .filter(|b| floor(b.starts_at.timestamp()) == start)
                .map(|b| b.entries)
                .sum();
            DateTime::from_timestamp(start, 0).map(|at| (at, entries))
        })
        .collect()
}

/// Arrivals per five minutes as vertical bars, with the time every half hour under them and the
/// figures in a table for screen readers.
#[component]
pub fn ArrivalsChart(
    #[prop(into)] buckets: Signal<Vec<ArrivalBucket>>,
    #[prop(into)] now: Signal<DateTime<Utc>>,
    /// The event's time zone, for the labels.
    timezone: String,
) -> impl IntoView {
    let lang = use_lang();
    let tz = StoredValue::new(timezone);
    let data = Memo::new(move |_| buckets.with(|b| slots(b, now.get())));
    // `HH:MM` in the event's zone, out of a `datetime-local` value.
    let hhmm = move |at: &DateTime<Utc>| {
        let v = utc_to_input(at, &tz.get_value());
        v.split_once('T').map(|(_, t)| t.to_owned()).unwrap_or(v)
    };
    let peak = move || data.with(|d| d.iter().map(|(_, n)| *n).max().unwrap_or(0));
    let bars = move || {
        let top = peak().max(1);
        let l = lang.get();
        data.get()
            .into_iter()
            .enumerate()
            .map(|(i, (at, n))| {
                let h = (u64::from(n) * 100 / u64::from(top)) as u32;
                // A sliver for empty slots, so the time axis stays readable.
                let h = if n == 0 { 1 } else { h.max(3) };
                let label = ci::ARRIVALS_AT.fill(l, &[("at", &hhmm(&at)), ("n", &n.to_string())]);
                let class = if n == 0 {
                    "fill-gray-200"
                } else {
                    "fill-emerald-600"
                };
                view! {
                    <rect
                        x=(i as u32 * 10 + 1).to_string()
                        y=(100 - h).to_string()
                        width="8"
                        height=h.to_string()
                        class=class
                    >
                        <title>{label}</title>
                    </rect>
                }
            })
            .collect_view()
    };
    let labels = move || {
        data.get()
            .into_iter()
            .step_by(6)
            .map(|(at, _)| view! { <span class="col-span-6 text-xs text-gray-700">{hhmm(&at)}</span> })
            .collect_view()
    };
    let rows = move || {
        data.get()
            .into_iter()
            .filter(|(_, n)| *n > 0)
            .map(|(at, n)| view! { <tr><th scope="row">{hhmm(&at)}</th><td>{n}</td></tr> })
            .collect_view()
    };
    view! {
        <div class="space-y-1">
            <p class="text-xs text-gray-700" aria-hidden="true">{move || ci::PEAK.fill(lang.get(), &[("n", &peak().to_string())])}</p>
            <svg
                viewBox=format!("0 0 {} 100", SLOTS * 10)
                preserveAspectRatio="none"
                class="block h-40 w-full border-b border-gray-300"
                aria-hidden="true"
                focusable="false"
            >
                {bars}
            </svg>
            <div class="grid grid-cols-[repeat(24,minmax(0,1fr))]" aria-hidden="true">{labels}</div>
            <table class="sr-only">
                <caption>{t(ci::ARRIVALS)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t(ci::TIME)}</th>
                        <th scope="col">{t(ci::COUNT)}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    #[test]
    fn percentages_are_rounded_and_capped() {
        assert_eq!(percent(0, 0), 0);
        assert_eq!(percent(1, 3), 33);
        assert_eq!(percent(2, 3), 67);
        assert_eq!(percent(5, 4), 100);
    }

    #[test]
    fn slots_fill_the_gaps_and_end_now() {
        let buckets = vec![
            ArrivalBucket {
                starts_at: at("2026-12-05T18:30:00Z"),
                entries: 4,
            },
            ArrivalBucket {
                starts_at: at("2026-12-05T18:45:00Z"),
                entries: 2,
            },
        ];
        let s = slots(&buckets, at("2026-12-05T18:52:10Z"));
        assert_eq!(s.len(), 24);
        assert_eq!(s.last().unwrap(), &(at("2026-12-05T18:50:00Z"), 0));
        assert_eq!(s[s.len() - 2], (at("2026-12-05T18:45:00Z"), 2));
        assert_eq!(s[s.len() - 5], (at("2026-12-05T18:30:00Z"), 4));
        assert_eq!(s.iter().map(|(_, n)| n).sum::<u32>(), 6);
    }

    #[test]
    fn an_old_rush_is_still_shown() {
        let buckets = vec![ArrivalBucket {
            starts_at: at("2026-12-05T10:00:00Z"),
            entries: 7,
        }];
        let s = slots(&buckets, at("2026-12-05T18:52:10Z"));
        assert_eq!(s.last().unwrap(), &(at("2026-12-05T10:00:00Z"), 7));
    }
}
