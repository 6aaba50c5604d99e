//! The scan log of one check-in list, newest first with "Load more": every scan with its outcome,
//! or, as a report, only the offline conflicts (tickets a scanner admitted offline although they
//! had already been admitted; the first admission stands).

use common::Lang;
use common::checkin::{CheckinDevice, CheckinList, ListScansQuery, Scan, ScanOutcome};
use leptos::prelude::*;
use leptos::task::spawn_local;
use uuid::Uuid;

use super::checkin::{EMPTY, PILL, REGION, TOGGLE};
use crate::api;
use crate::components::button::{SECONDARY, SMALL_SECONDARY};
use crate::components::field::{HINT, INPUT, LABEL};
use crate::components::{ErrSignal, ErrorAlert, Loading};
use crate::i18n::{Tr, checkin as ci, t, ui, use_lang};
use crate::pages::admin::orgs::{TD, TH};
use crate::time::format_short;

/// Colours of an outcome: admitted, a repeat, or refused.
fn outcome_colors(o: ScanOutcome) -> &'static str {
    match o {
        ScanOutcome::Ok => "bg-emerald-100 text-emerald-900",
        ScanOutcome::AlreadyCheckedIn | ScanOutcome::NotCheckedIn => "bg-amber-100 text-amber-900",
        _ => "bg-red-100 text-red-900",
    }
}

/// The device's name, or the start of its id when it is not (or no longer) listed.
fn device_name(id: Option<Uuid>, devices: &[CheckinDevice]) -> String {
    let Some(id) = id else {
        return String::new();
    };
    devices
        .iter()
        .find(|d| d.id == id)
        .map(|d| d.name.clone())
        .unwrap_or_else(|| id.to_string()[..8].to_owned())
}

#[component]
pub fn ScanLog(
    org_id: Uuid,
    lists: RwSignal<Vec<CheckinList>>,
    selected: RwSignal<Option<Uuid>>,
    devices: RwSignal<Vec<CheckinDevice>>,
    timezone: String,
) -> impl IntoView {
    let lang = use_lang();
    let tz = StoredValue::new(timezone);
    let conflicts = RwSignal::new(false);
    let items = RwSignal::new(Vec::<Scan>::new());
    let next = RwSignal::new(None::<String>);
    let loading = RwSignal::new(false);
    let error: ErrSignal = RwSignal::new(None);
    // Answers of a list or a view no longer shown are dropped.
    let generation = StoredValue::new(0u32);

    let load = move |append: bool| {
        generation.update_value(|g| *g += 1);
        let mine = generation.get_value();
        if !append {
            items.set(Vec::new());
            next.set(None);
        }
        let Some(list_id) = selected.get_untracked() else {
            loading.set(false);
            return;
        };
        let query = ListScansQuery {
            conflicts: conflicts.get_untracked(),
            cursor: if append { next.get_untracked() } else { None },
            limit: Some(50),
        };
        loading.set(true);
        error.set(None);
        spawn_local(async move {
            let result = api::checkin::list_scans(org_id, list_id, &query).await;
            if generation.get_value() != mine {
                return;
            }
            match result {
                Ok(page) => {
                    items.update(|l| l.extend(page.items));
                    next.set(page.next_cursor);
                }
                Err(e) => error.set(Some(e)),
            }
            loading.set(false);
        });
    };
    Effect::new(move |_| {
        selected.track();
        conflicts.track();
        load(false);
    });

    let ticket_cell = move |s: &Scan, l: Lang| match &s.ticket {
        Some(tk) => view! {
            <span class="block font-mono text-sm">{tk.code.clone()}</span>
            <span class="block text-xs text-gray-700">
                {format!("{} · {}", tk.attendee_name, tk.ticket_type_name.get(l))}
            </span>
        }
        .into_any(),
        None => view! { <span class="text-gray-700">{ci::UNKNOWN_TICKET.get(l)}</span> }.into_any(),
    };
    let gate_text = |s: &Scan, l: Lang| {
        s.gate
            .clone()
            .unwrap_or_else(|| ci::NO_GATE.get(l).to_owned())
    };

    let scan_row = move |s: Scan, l: Lang| {
        let z = tz.get_value();
        // Tracked: the names replace the ids once the devices have loaded.
        let device = devices.with(|d| device_name(s.device_id, d));
        let offline = s
            .offline_outcome
            .map(|o| ci::OFFLINE_SHOWED.fill(l, &[("outcome", ci::outcome_text(o).get(l))]));
        view! {
            <tr>
                <td class=TD>{format_short(&s.scanned_at, &z, l)}</td>
                <td class=TD>{ticket_cell(&s, l)}</td>
                <td class=TD>
                    <span class=format!("{PILL} {}", outcome_colors(s.outcome))>{ci::outcome_text(s.outcome).get(l)}</span>
                    {s.conflict.then(|| view! { <span class=format!("{PILL} ml-1 bg-red-700 text-white")>{ci::CONFLICT.get(l)}</span> })}
                    {offline.map(|o| view! { <span class="block text-xs text-gray-700">{o}</span> })}
                </td>
                <td class=TD>{ci::direction_text(s.direction).get(l)}</td>
                <td class=TD>{gate_text(&s, l)}</td>
                <td class=TD>{s.by_name.clone().unwrap_or_default()}</td>
                <td class=TD>{device}</td>
            </tr>
        }
    };
    let conflict_row = move |s: Scan, l: Lang| {
        let z = tz.get_value();
        let device = devices.with(|d| device_name(s.device_id, d));
        view! {
            <tr>
                <td class=TD>{ticket_cell(&s, l)}</td>
                <td class=TD>{format_short(&s.scanned_at, &z, l)}</td>
                <td class=TD>{format_short(&s.recorded_at, &z, l)}</td>
                <td class=TD>{gate_text(&s, l)}</td>
                <td class=TD>{s.by_name.clone().unwrap_or_default()}</td>
                <td class=TD>{device}</td>
            </tr>
        }
    };

    let view_button = move |label: Tr, want: bool| {
        view! {
            <button
                type="button"
                class=TOGGLE
                aria-pressed=move || (conflicts.get() == want).to_string()
                on:click=move |_| conflicts.set(want)
            >
                {t(label)}
            </button>
        }
    };
    let list_options = move || {
        let current = selected.get();
        lists
            .get()
            .into_iter()
            .map(|l| {
                let is = current == Some(l.id);
                view! { <option value=l.id.to_string() prop:selected=is>{l.name}</option> }
            })
            .collect_view()
    };
    let table_label = move || {
        if conflicts.get() {
            t(ci::CONFLICTS)()
        } else {
            t(ci::SCAN_LOG)()
        }
    };

    view! {
        <section id="scan-log" class="space-y-3">
            <h2 id="scan-log-title" class="text-lg font-semibold text-gray-900">{t(ci::SCAN_LOG)}</h2>
            <Show when=move || !lists.with(Vec::is_empty)>
                <div class="flex flex-wrap items-end gap-4">
                    <div class="space-y-1">
                        <label for="scan-log-list" class=LABEL>{t(ci::LOG_LIST)}</label>
                        <select
                            id="scan-log-list"
                            class=INPUT
                            on:change=move |ev| selected.set(uuid::Uuid::parse_str(&event_target_value(&ev)).ok())
                        >
                            {list_options}
                        </select>
                    </div>
                    <div role="group" aria-label=t(ci::LOG_VIEW) class="flex gap-2">
                        {view_button(ci::ALL_SCANS, false)}
                        {view_button(ci::CONFLICTS, true)}
                    </div>
                    <button type="button" class=SMALL_SECONDARY on:click=move |_| load(false)>{t(ci::REFRESH)}</button>
                </div>
            </Show>
            <Show when=move || conflicts.get()>
                <p class=HINT>{t(ci::CONFLICTS_HINT)}</p>
            </Show>
            <ErrorAlert error />
            <Show when=move || !items.with(Vec::is_empty)>
                <div role="region" aria-label=table_label tabindex="0" class=REGION>
                    <table class="min-w-full divide-y divide-gray-200">
                        <thead class="bg-gray-50">
                            {move || if conflicts.get() {
                                view! {
                                    <tr>
                                        <th scope="col" class=TH>{t(ci::TICKET)}</th>
                                        <th scope="col" class=TH>{t(ci::ADMITTED_OFFLINE_AT)}</th>
                                        <th scope="col" class=TH>{t(ci::RECORDED_AT)}</th>
                                        <th scope="col" class=TH>{t(ci::GATE)}</th>
                                        <th scope="col" class=TH>{t(ci::BY)}</th>
                                        <th scope="col" class=TH>{t(ci::DEVICE)}</th>
                                    </tr>
                                }.into_any()
                            } else {
                                view! {
                                    <tr>
                                        <th scope="col" class=TH>{t(ci::SCANNED_AT)}</th>
                                        <th scope="col" class=TH>{t(ci::TICKET)}</th>
                                        <th scope="col" class=TH>{t(ci::OUTCOME)}</th>
                                        <th scope="col" class=TH>{t(ci::DIRECTION)}</th>
                                        <th scope="col" class=TH>{t(ci::GATE)}</th>
                                        <th scope="col" class=TH>{t(ci::BY)}</th>
                                        <th scope="col" class=TH>{t(ci::DEVICE)}</th>
                                    </tr>
                                }.into_any()
                            }}
                        </thead>
                        <tbody class="divide-y divide-gray-200">
                            {move || {
                                let l = lang.get();
                                let report = conflicts.get();
                                items
                                    .get()
                                    .into_iter()
                                    .map(|s| if report { conflict_row(s, l).into_any() } else { scan_row(s, l).into_any() })
                                    .collect_view()
                            }}
                        </tbody>
                    </table>
                </div>
            </Show>
            <Show when=move || loading.get()>
                <Loading />
            </Show>
            <Show when=move || !loading.get() && items.with(Vec::is_empty) && error.with(Option::is_none) && selected.with(Option::is_some)>
                <p class=EMPTY>
                    {move || if conflicts.get() { t(ci::NO_CONFLICTS)() } else { t(ci::NO_SCANS)() }}
                </p>
            </Show>
            <Show when=move || next.with(Option::is_some) && !loading.get()>
                <button type="button" class=SECONDARY on:click=move |_| load(true)>{t(ui::LOAD_MORE)}</button>
            </Show>
        </section>
    }
}
