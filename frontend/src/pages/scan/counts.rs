//! Running counts (inside / expected, by ticket type, or a swag item's stock) and the log of
//! the last scans on this device.

use leptos::prelude::*;

use super::result::{Shown, Tone, clock};
use super::session::{Scanner, Target};
use crate::i18n::{scanner as sc, t, use_lang};

#[component]
pub fn Counts(scanner: Scanner) -> impl IntoView {
    let lang = use_lang();
    let swag = matches!(scanner.target, Target::Swag(_));
    let main = move || {
        let l = lang.get();
        if swag {
            return scanner.item.with(|i| {
                i.as_ref().map(|i| {
                    sc::STOCK.fill(
                        l,
                        &[
                            ("remaining", &i.remaining.to_string()),
                            ("stock", &i.stock.to_string()),
                        ],
                    )
                })
            });
        }
        let pending = scanner.pending_inside.get();
        scanner.list.with(|list| {
            list.as_ref().map(|list| {
                let inside = (i64::from(list.counts.checked_in) + pending).max(0);
                sc::CHECKED_IN_OF.fill(
                    l,
                    &[
                        ("n", &inside.to_string()),
                        ("total", &list.counts.expected.to_string()),
                    ],
                )
            })
        })
    };
    let by_type = move || {
        let l = lang.get();
        scanner.list.with(|list| {
            list.as_ref().map(|list| {
                list.counts
                    .by_ticket_type
                    .iter()
                    .map(|c| {
                        let name = c.name.get(l).to_owned();
                        let n = format!("{} / {}", c.checked_in, c.expected);
                        view! {
                            <li class="flex justify-between gap-3">
                                <span>{name}</span>
                                <span class="font-mono tabular-nums">{n}</span>
                            </li>
                        }
                    })
                    .collect_view()
            })
        })
    };
    let device = move || {
        let l = lang.get();
        let (ok, refused) = scanner.tally.get();
        if swag {
            sc::HANDED_OUT_HERE.fill(l, &[("ok", &ok.to_string())])
        } else {
            sc::THIS_DEVICE.fill(
                l,
                &[("ok", &ok.to_string()), ("refused", &refused.to_string())],
            )
        }
    };
    view! {
        <section aria-labelledby="counts-heading" class="space-y-2 rounded-xl border border-gray-200 bg-white p-4 shadow-sm">
            <h2 id="counts-heading" class="text-lg font-semibold text-gray-900">{t(sc::COUNTS)}</h2>
            <p class="text-2xl font-bold text-gray-900 tabular-nums" data-testid="scan-counts">{main}</p>
            <p class="text-sm text-gray-700">{device}</p>
            <Show when=move || !swag && scanner.list.with(|l| l.as_ref().is_some_and(|l| l.counts.by_ticket_type.len() > 1))>
                <details class="text-sm text-gray-800">
                    <summary class="cursor-pointer font-medium">{t(sc::BY_TYPE)}</summary>
                    <ul class="mt-2 space-y-1">{by_type}</ul>
                </details>
            </Show>
        </section>
    }
}

#[component]
pub fn ScanLog(scanner: Scanner) -> impl IntoView {
    let lang = use_lang();
    let line = move |s: Shown| {
        let l = lang.get();
        let dot = match s.tone {
            Tone::Ok => "bg-emerald-600",
            Tone::Warn => "bg-amber-400",
            Tone::Stop => "bg-red-600",
            Tone::Idle => "bg-gray-400",
        };
        let offline = s.details.contains(&super::result::Detail::Offline);
        view! {
            <li class="flex items-start gap-3 py-2">
                <span aria-hidden="true" class=format!("mt-1.5 h-3 w-3 shrink-0 rounded-full {dot}")></span>
                <div class="min-w-0 flex-1">
                    <p class="font-medium text-gray-900">{s.who(l)}</p>
                    <p class="text-sm text-gray-700">
                        {s.headline_text(l)}
                        {offline.then(|| format!(" · {}", sc::QUEUED_MARK.get(l)))}
                    </p>
                </div>
                <span class="shrink-0 font-mono text-sm tabular-nums text-gray-700">{clock(&s.at)}</span>
            </li>
        }
    };
    view! {
        <section aria-labelledby="log-heading" class="space-y-2 rounded-xl border border-gray-200 bg-white p-4 shadow-sm">
            <h2 id="log-heading" class="text-lg font-semibold text-gray-900">{t(sc::LOG)}</h2>
            <Show
                when=move || !scanner.log.with(Vec::is_empty)
                fallback=|| view! { <p class="text-gray-700">{t(sc::LOG_EMPTY)}</p> }
            >
                <ol class="divide-y divide-gray-200" data-testid="scan-log">
                    {move || scanner.log.get().into_iter().map(line).collect_view()}
                </ol>
            </Show>
        </section>
    }
}
