//! `/orgs/:org_id/events/:event_id/live`: the live check-in dashboard. It loads one snapshot of
//! `checkin-stats`, then follows `checkin-stats/stream` (every `stats` frame is a whole new
//! snapshot) until the page is left: checked in against expected, by ticket type, by gate,
//! arrivals per five minutes, swag handed out against stock, and a "live" indicator that says
//! when the stream is down and being reopened.

use chrono::{DateTime, Timelike, Utc};
use common::checkin_stats::CheckinStats;
use common::events::{Event, TicketType};
use leptos::prelude::*;
use leptos::task::spawn_local;
use uuid::Uuid;

use super::bookings::{WithEvent, route_ids};
use super::checkin_bars::{ArrivalsChart, Meter, percent};
use super::nav::EventTabs;
use crate::api;
use crate::api::stream::{self, EventStream, StreamStatus};
use crate::components::button::LINK;
use crate::components::{ErrSignal, ErrorAlert, Loading, PageTitle};
use crate::i18n::{checkin as ci, events as ev, t, use_lang};
use crate::time::utc_to_input;

const CARD: &str = "space-y-3 rounded-lg border border-gray-200 bg-white p-4 shadow-sm";
const CARD_TITLE: &str = "text-base font-semibold text-gray-900";

#[component]
pub fn LivePage() -> impl IntoView {
    let (org_id, event_id) = route_ids();
    let Some(org_id) = org_id else {
        return ().into_any();
    };
    view! {
        <PageTitle tr=ci::LIVE />
        <WithEvent org_id event_id page=|org_id, event, types| view! { <Live org_id event types /> }.into_any() />
    }
    .into_any()
}

/// `HH:MM:SS` in the event's zone, like the chart's times; the seconds show it moving. Zones
/// are whole minutes apart from UTC, so the seconds are UTC's.
fn clock(at: &DateTime<Utc>, tz: &str) -> String {
    let local = utc_to_input(at, tz);
    let hhmm = local.split_once('T').map_or(local.as_str(), |(_, t)| t);
    format!("{hhmm}:{:02}", at.second())
}

#[component]
fn Live(org_id: Uuid, event: Event, #[allow(unused)] types: Vec<TicketType>) -> impl IntoView {
    let lang = use_lang();
    let event_id = event.id;
    let title = event.title.clone();
    let tz = event.timezone.clone();
    let zone = StoredValue::new(tz.clone());
    let stats = RwSignal::new(None::<CheckinStats>);
    let status = RwSignal::new(StreamStatus::Connecting);
    let error: ErrSignal = RwSignal::new(None);
    // Why the stream stopped for good (signed out, access removed).
    let stream_error: ErrSignal = RwSignal::new(None);

    // The snapshot and the stream race: keep whichever was generated last. `try_` because a
    // late answer may come after the page is gone.
    let accept = move |s: CheckinStats| {
        let _ = stats.try_update(|cur| {
            if cur
                .as_ref()
                .is_none_or(|c| c.generated_at <= s.generated_at)
            {
                *cur = Some(s);
            }
        });
    };
    spawn_local(async move {
        match api::checkin::get_checkin_stats(org_id, event_id).await {
            Ok(s) => accept(s),
            Err(e) => {
                let _ = error.try_set(Some(e));
            }
        }
    });
    let live = stream::open(
        format!("/orgs/{org_id}/events/{event_id}/checkin-stats/stream"),
        move |frame| {
            if frame.event == "stats"
                && let Ok(s) = serde_json::from_str::<CheckinStats>(&frame.data)
            {
                accept(s);
            }
        },
        move |st| {
            if let StreamStatus::Failed(e) = &st {
                let _ = stream_error.try_set(Some(e.clone()));
            }
            let _ = status.try_set(st);
        },
    );
    // Stored locally (a JS object) so `on_cleanup` may reach it; cleanups run before the
    // owner's values are dropped.
    let live = StoredValue::new_local(live);
    on_cleanup(move || {
        live.try_with_value(EventStream::close);
    });

    let indicator = move || {
        let l = lang.get();
        let (text, dot, box_) = match status.get() {
            StreamStatus::Live => (
                ci::STATUS_LIVE,
                "bg-emerald-600 motion-safe:animate-pulse",
                "border-emerald-300 bg-emerald-50 text-emerald-900",
            ),
            StreamStatus::Connecting => (
                ci::STATUS_CONNECTING,
                "bg-gray-500",
                "border-gray-300 bg-gray-50 text-gray-900",
            ),
            StreamStatus::Reconnecting => (
                ci::STATUS_RECONNECTING,
                "bg-amber-500",
                "border-amber-300 bg-amber-50 text-amber-900",
            ),
            StreamStatus::Failed(_) => (
                ci::STATUS_STOPPED,
                "bg-red-600",
                "border-red-300 bg-red-50 text-red-900",
            ),
        };
        view! {
            <span class=format!("inline-flex items-center gap-2 rounded-full border px-3 py-1 text-sm font-semibold {box_}")>
                <span class=format!("h-2.5 w-2.5 rounded-full {dot}") aria-hidden="true"></span>
                {text.get(l)}
            </span>
        }
    };
    let updated = move || {
        stats.with(|s| {
            s.as_ref().map(|s| {
                let l = lang.get();
                ci::UPDATED_AT.fill(l, &[("at", &clock(&s.generated_at, &zone.get_value()))])
            })
        })
    };

    view! {
        <section class="space-y-6">
            <a href=format!("/orgs/{org_id}/events") class=LINK>"← " {t(ev::BACK_TO_EVENTS)}</a>
            <div class="flex flex-wrap items-center justify-between gap-3">
                <h1 class="text-2xl font-bold text-gray-900">
                    {move || ci::LIVE_OF.fill(lang.get(), &[("event", title.get(lang.get()))])}
                </h1>
                <div class="flex flex-wrap items-center gap-3">
                    <p role="status" data-testid="live-status">{indicator}</p>
                    <p class="text-sm text-gray-700">{updated}</p>
                </div>
            </div>
            <EventTabs org_id event_id />
            <ErrorAlert error />
            <ErrorAlert error=stream_error />
            {move || match stats.get() {
                None if error.with(Option::is_none) => view! { <Loading /> }.into_any(),
                None => ().into_any(),
                Some(s) => view! { <Figures stats=s timezone=tz.clone() /> }.into_any(),
            }}
        </section>
    }
}

/// The dashboard's figures for one snapshot.
#[component]
fn Figures(stats: CheckinStats, timezone: String) -> impl IntoView {
    let lang = use_lang();
    let (n, total) = (stats.checked_in, stats.expected);
    let gate_total: u32 = stats.by_gate.iter().map(|g| g.entries).sum();
    let generated = stats.generated_at;
    let arrivals = stats.arrivals.clone();
    let types = stats.by_ticket_type.clone();
    let gates = stats.by_gate.clone();
    let swag = stats.swag.clone();
    let figure = |n: u32, total: u32| {
        move || {
            ci::INSIDE_OF.fill(
                lang.get(),
                &[("n", &n.to_string()), ("total", &total.to_string())],
            )
        }
    };
    view! {
        <section class="rounded-lg border border-gray-200 bg-white p-6 shadow-sm" aria-labelledby="live-checked-in-title">
            <h2 id="live-checked-in-title" class="text-sm font-medium text-gray-700">{t(ci::CHECKED_IN)}</h2>
            <p class="mt-1 flex flex-wrap items-baseline gap-x-3">
                <span class="text-5xl font-bold tabular-nums text-gray-900" data-testid="live-checked-in">{n}</span>
                <span class="text-lg text-gray-700">
                    {move || ci::OF_EXPECTED.fill(lang.get(), &[("total", &total.to_string())])}
                </span>
                <span class="ml-auto text-2xl font-semibold tabular-nums text-emerald-800">
                    {move || ci::PERCENT.fill(lang.get(), &[("n", &percent(n, total).to_string())])}
                </span>
            </p>
            <Meter value=n max=total large=true />
        </section>
        <div class="grid gap-6 lg:grid-cols-2">
            <section class=CARD aria-labelledby="live-types-title">
                <h2 id="live-types-title" class=CARD_TITLE>{t(ci::BY_TICKET_TYPE)}</h2>
                <ul class="space-y-3">
                    {types
                        .into_iter()
                        .map(|tt| {
                            let name = tt.name.clone();
                            view! {
                                <li>
                                    <div class="flex justify-between gap-3 text-sm">
                                        <span class="font-medium text-gray-900">{move || name.get(lang.get()).to_owned()}</span>
                                        <span class="tabular-nums text-gray-700">{figure(tt.checked_in, tt.expected)}</span>
                                    </div>
                                    <Meter value=tt.checked_in max=tt.expected />
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </section>
            <section class=CARD aria-labelledby="live-gates-title">
                <h2 id="live-gates-title" class=CARD_TITLE>{t(ci::BY_GATE)}</h2>
                <Show when={
                    let empty = gates.is_empty();
                    move || !empty
                } fallback=|| view! { <p class="text-sm text-gray-700">{t(ci::NO_GATES)}</p> }>
                    <ul class="space-y-3">
                        {gates
                            .iter()
                            .map(|g| {
                                let gate = g.gate.clone();
                                let entries = g.entries;
                                view! {
                                    <li>
                                        <div class="flex justify-between gap-3 text-sm">
                                            <span class="font-medium text-gray-900">
                                                {move || gate.clone().unwrap_or_else(|| ci::NO_GATE.get(lang.get()).to_owned())}
                                            </span>
                                            <span class="tabular-nums text-gray-700">
                                                {move || if entries == 1 {
                                                    ci::ONE_ENTRY.get(lang.get()).to_owned()
                                                } else {
                                                    ci::ENTRIES.fill(lang.get(), &[("n", &entries.to_string())])
                                                }}
                                            </span>
                                        </div>
                                        <Meter value=entries max=gate_total />
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                </Show>
            </section>
            <section class=CARD aria-labelledby="live-arrivals-title">
                <h2 id="live-arrivals-title" class=CARD_TITLE>{t(ci::ARRIVALS)}</h2>
                {if arrivals.is_empty() {
                    view! { <p class="text-sm text-gray-700">{t(ci::NO_ARRIVALS)}</p> }.into_any()
                } else {
                    view! { <ArrivalsChart buckets=arrivals now=generated timezone /> }.into_any()
                }}
            </section>
            <section class=CARD aria-labelledby="live-swag-title">
                <h2 id="live-swag-title" class=CARD_TITLE>{t(ci::SWAG_HANDED_OUT)}</h2>
                {if swag.is_empty() {
                    view! { <p class="text-sm text-gray-700">{t(ci::NO_SWAG)}</p> }.into_any()
                } else {
                    view! {
                        <ul class="space-y-3">
                            {swag
                                .into_iter()
                                .map(|item| view! {
                                    <li>
                                        <div class="flex justify-between gap-3 text-sm">
                                            <span class="font-medium text-gray-900">{item.name.clone()}</span>
                                            <span class="tabular-nums text-gray-700">{figure(item.handed_out, item.stock)}</span>
                                        </div>
                                        <Meter value=item.handed_out max=item.stock />
                                    </li>
                                })
                                .collect_view()}
                        </ul>
                    }
                    .into_any()
                }}
            </section>
        </div>
    }
}
