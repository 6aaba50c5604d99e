//! The network side of the screen: the online/offline badge with the queued-scan count, the
//! offline banner, the state of the offline copy, "Sync now", the report of the last sync
//! (conflicts first) and the revoked-device screen.

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::result::clock;
use super::session::{CopyStatus, Scanner, SyncLine, Target};
use crate::components::ErrorAlert;
use crate::components::button::{LINK, SECONDARY, SMALL_SECONDARY};
use crate::i18n::{scanner as sc, t, use_lang};

/// `Online` / `Offline`, and how many scans wait for sync.
#[component]
pub fn NetworkBadge(scanner: Scanner) -> impl IntoView {
    let lang = use_lang();
    let class = move || {
        if scanner.online.get() {
            "inline-flex items-center gap-2 rounded-full bg-emerald-100 px-3 py-1 text-sm font-semibold text-emerald-900"
        } else {
            "inline-flex items-center gap-2 rounded-full bg-gray-800 px-3 py-1 text-sm font-semibold text-white"
        }
    };
    let dot = move || {
        if scanner.online.get() {
            "h-2.5 w-2.5 rounded-full bg-emerald-600"
        } else {
            "h-2.5 w-2.5 rounded-full bg-amber-400"
        }
    };
    view! {
        <p role="status" data-testid="network-status" class=class>
            <span aria-hidden="true" class=dot></span>
            {move || if scanner.online.get() { t(sc::ONLINE)() } else { t(sc::OFFLINE)() }}
            <Show when=move || { scanner.queued.get() > 0 }>
                <span class="font-normal">
                    " · " {move || sc::QUEUED.fill(lang.get(), &[("n", &scanner.queued.get().to_string())])}
                </span>
            </Show>
        </p>
    }
}

#[component]
pub fn OfflineBanner(scanner: Scanner) -> impl IntoView {
    let list_mode = matches!(scanner.target, Target::List(_));
    view! {
        <Show when=move || !scanner.online.get()>
            <p class="rounded-lg border border-gray-300 bg-gray-800 px-4 py-3 text-sm font-medium text-white">
                {t(if list_mode { sc::OFFLINE_BANNER } else { sc::SWAG_NEEDS_NETWORK })}
            </p>
        </Show>
    }
}

/// The offline copy, the queue and "Sync now"; the last sync's report.
#[component]
pub fn SyncPanel(scanner: Scanner) -> impl IntoView {
    if !matches!(scanner.target, Target::List(_)) {
        return view! { <ErrorAlert error=scanner.error /> }.into_any();
    }
    let lang = use_lang();
    let copy_text = move || {
        let l = lang.get();
        match scanner.copy_status.get() {
            CopyStatus::Loading => sc::COPY_LOADING.get(l).to_owned(),
            CopyStatus::Ready { tickets, at } => {
                sc::COPY_READY.fill(l, &[("n", &tickets.to_string()), ("time", &clock(&at))])
            }
            CopyStatus::Missing => sc::COPY_MISSING.get(l).to_owned(),
        }
    };
    let queue_text = move || {
        let l = lang.get();
        match scanner.queued.get() {
            0 => sc::ALL_SYNCED.get(l).to_owned(),
            n => sc::QUEUED.fill(l, &[("n", &n.to_string())]),
        }
    };
    let on_sync = move |_| spawn_local(scanner.sync());
    let on_refresh = move |_| spawn_local(scanner.download());
    view! {
        <section aria-labelledby="sync-heading" class="space-y-3 rounded-xl border border-gray-200 bg-white p-4 shadow-sm">
            <h2 id="sync-heading" class="sr-only">{t(sc::SYNC_REPORT)}</h2>
            <div class="flex flex-wrap items-center justify-between gap-2">
                <p class="font-medium text-gray-900" data-testid="sync-queue">{queue_text}</p>
                <button
                    type="button"
                    class=SECONDARY
                    disabled=move || scanner.syncing.get() || scanner.queued.get() == 0 || !scanner.online.get()
                    aria-busy=move || scanner.syncing.get().to_string()
                    on:click=on_sync
                >
                    {move || if scanner.syncing.get() { t(sc::SYNCING)() } else { t(sc::SYNC_NOW)() }}
                </button>
            </div>
            <div class="flex flex-wrap items-center justify-between gap-2">
                <p class="text-sm text-gray-700">{copy_text}</p>
                <button
                    type="button"
                    class=SMALL_SECONDARY
                    disabled=move || !scanner.online.get() || scanner.copy_status.get() == CopyStatus::Loading
                    on:click=on_refresh
                >
                    {t(sc::COPY_REFRESH)}
                </button>
            </div>
            <ErrorAlert error=scanner.error />
        </section>
    }
    .into_any()
}

/// What the last sync found, at the top of the screen: a conflict is something to act on (the
/// same ticket got in twice).
#[component]
pub fn SyncReport(scanner: Scanner) -> impl IntoView {
    let lang = use_lang();
    let line = move |l: SyncLine, conflict: bool| {
        let lang = lang.get();
        if conflict {
            let when = l
                .previous
                .as_ref()
                .map(|p| {
                    let mut s = clock(&p.at);
                    if let Some(g) = p.gate.as_deref().filter(|g| !g.is_empty()) {
                        s.push(' ');
                        s.push_str(&sc::PREVIOUS_GATE.fill(lang, &[("gate", g)]));
                    }
                    s
                })
                .unwrap_or_default();
            sc::CONFLICT_LINE.fill(lang, &[("who", &l.who), ("when", &when)])
        } else {
            sc::SYNC_LINE.fill(
                lang,
                &[
                    ("who", &l.who),
                    ("shown", sc::scan_outcome(l.shown, l.direction).get(lang)),
                    ("server", sc::scan_outcome(l.server, l.direction).get(lang)),
                ],
            )
        }
    };
    view! {
        <div role="status" aria-live="polite" data-testid="sync-report" class="empty:hidden">
            {move || scanner.report.get().map(|r| {
                let l = lang.get();
                let has_conflicts = !r.conflicts.is_empty();
                let box_class = if has_conflicts {
                    "space-y-2 rounded-lg border border-amber-400 bg-amber-50 p-3 text-sm text-gray-900"
                } else {
                    "space-y-2 rounded-lg border border-emerald-300 bg-emerald-50 p-3 text-sm text-emerald-950"
                };
                view! {
                    <div class=box_class>
                        <p class="font-semibold">{sc::SYNC_DONE.fill(l, &[("n", &r.synced.to_string())])}</p>
                        {has_conflicts.then(|| view! {
                            <p class="font-semibold">{sc::SYNC_CONFLICTS.fill(l, &[("n", &r.conflicts.len().to_string())])}</p>
                            <ul class="list-disc space-y-1 pl-5">
                                {r.conflicts.iter().cloned().map(|c| view! { <li>{line(c, true)}</li> }).collect_view()}
                            </ul>
                        })}
                        {(!r.different.is_empty()).then(|| view! {
                            <p class="font-semibold">{sc::SYNC_DIFFERENT.get(l)}</p>
                            <ul class="list-disc space-y-1 pl-5">
                                {r.different.iter().cloned().map(|c| view! { <li>{line(c, false)}</li> }).collect_view()}
                            </ul>
                        })}
                        <button type="button" class=LINK on:click=move |_| scanner.report.set(None)>{t(sc::DISMISS)}</button>
                    </div>
                }
            })}
        </div>
    }
}

/// Instead of the scanner, once the device is revoked.
#[component]
pub fn RevokedPanel(setup_href: String) -> impl IntoView {
    view! {
        <div role="alert" class="space-y-3 rounded-xl bg-red-700 p-6 text-white">
            <p class="text-2xl font-bold">{t(sc::REVOKED_TITLE)}</p>
            <p>{t(sc::REVOKED_TEXT)}</p>
            <a href=setup_href class="font-medium text-white underline underline-offset-2 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-white rounded-sm">
                {t(sc::CHANGE_SETUP)}
            </a>
        </div>
    }
}
