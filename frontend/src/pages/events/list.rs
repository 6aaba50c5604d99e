//! `/orgs/:org_id/events`: tabs All / Draft / Published / Ended / Cancelled, a table of events
//! (title, date in the event's time zone, status) and "Create event" for those who may.

use common::events::{Event, EventStatus};
use common::{Lang, Permission};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api;
use crate::components::badge::StatusBadge;
use crate::components::button::{LINK, PRIMARY, SECONDARY};
use crate::components::{ErrSignal, ErrorAlert, Loading, PageTitle};
use crate::i18n::{Tr, events as ev, t, ui, use_lang};
use crate::pages::admin::orgs::{TD, TH};
use crate::pages::orgs::layout::use_org;
use crate::time::{format_short, zone_label};

const TABS: [(Option<EventStatus>, &str, Tr); 5] = [
    (None, "all", ev::ALL),
    (Some(EventStatus::Draft), "draft", ev::DRAFT),
    (Some(EventStatus::Published), "published", ev::PUBLISHED),
    (Some(EventStatus::Ended), "ended", ev::ENDED),
    (Some(EventStatus::Cancelled), "cancelled", ev::CANCELLED),
];

#[component]
pub fn EventsPage() -> impl IntoView {
    let ctx = use_org();
    let lang = use_lang();
    let Some(org_id) = ctx.id() else {
        return ().into_any();
    };
    let can_manage = ctx.can(Permission::ManageEvents);
    let filter = RwSignal::new(None::<EventStatus>);
    let items = RwSignal::new(Vec::<Event>::new());
    let next = RwSignal::new(None::<String>);
    let loading = RwSignal::new(true);
    let error: ErrSignal = RwSignal::new(None);
    // Answers to an older tab are dropped.
    let generation = StoredValue::new(0u32);

    let load = move |append: bool| {
        let status = filter.get_untracked();
        let cursor = if append { next.get_untracked() } else { None };
        generation.update_value(|g| *g += 1);
        let mine = generation.get_value();
        if !append {
            // Another tab: its rows only, once they arrive.
            items.set(Vec::new());
            next.set(None);
        }
        loading.set(true);
        error.set(None);
        spawn_local(async move {
            let result = api::events::list_events(org_id, status, cursor.as_deref()).await;
            if generation.get_value() != mine {
                return;
            }
            match result {
                Ok(page) => {
                    items.update(|l| {
                        if append {
                            l.extend(page.items)
                        } else {
                            *l = page.items
                        }
                    });
                    next.set(page.next_cursor);
                }
                Err(e) => error.set(Some(e)),
            }
            loading.set(false);
        });
    };
    Effect::new(move |_| {
        filter.track();
        load(false);
    });

    let on_key = move |e: leptos::ev::KeyboardEvent| {
        let i = TABS
            .iter()
            .position(|(k, _, _)| *k == filter.get_untracked())
            .unwrap_or(0);
        let n = match e.key().as_str() {
            "ArrowRight" => (i + 1) % TABS.len(),
            "ArrowLeft" => (i + TABS.len() - 1) % TABS.len(),
            _ => return,
        };
        e.prevent_default();
        filter.set(TABS[n].0);
        if let Some(el) = document().get_element_by_id(&format!("events-tab-{}", TABS[n].1))
            && let Ok(el) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(el)
        {
            let _ = el.focus();
        }
    };

    let row = move |e: Event, l: Lang| {
        let href = format!("/orgs/{org_id}/events/{}", e.id);
        let title = match e.title.get(l) {
            "" => "—".to_owned(),
            s => s.to_owned(),
        };
        let status = e.status;
        view! {
            <tr>
                <td class=TD>
                    <a href=href class=LINK>{title}</a>
                </td>
                <td class=TD>
                    {format_short(&e.starts_at, &e.timezone, l)}
                    <span class="block text-xs text-gray-600">{zone_label(&e.timezone)}</span>
                </td>
                <td class=TD><StatusBadge status=status /></td>
            </tr>
        }
    };

    view! {
        <PageTitle tr=ev::EVENTS />
        <section class="space-y-6">
            <div class="flex flex-wrap items-center justify-between gap-3">
                <h1 class="text-2xl font-bold text-gray-900">{t(ev::EVENTS)}</h1>
                <Show when=move || can_manage>
                    <a href=format!("/orgs/{org_id}/events/new") class=PRIMARY>{t(ev::CREATE_EVENT)}</a>
                </Show>
            </div>
            <div role="tablist" aria-label=t(ev::STATUS_FILTER) class="flex flex-wrap gap-1 border-b border-gray-200" on:keydown=on_key>
                {TABS
                    .into_iter()
                    .map(|(k, id, label)| {
                        view! {
                            <button
                                type="button"
                                role="tab"
                                id=format!("events-tab-{id}")
                                aria-controls="events-panel"
                                aria-selected=move || (filter.get() == k).to_string()
                                tabindex=move || if filter.get() == k { "0" } else { "-1" }
                                class="-mb-px border-b-2 border-transparent px-4 py-2 text-sm font-medium text-gray-700 hover:text-gray-900 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-emerald-600 aria-selected:border-emerald-700 aria-selected:text-emerald-900"
                                on:click=move |_| filter.set(k)
                            >
                                {t(label)}
                            </button>
                        }
                    })
                    .collect_view()}
            </div>
            <div
                role="tabpanel"
                id="events-panel"
                aria-labelledby=move || {
                    let key = TABS.iter().find(|(k, _, _)| *k == filter.get()).map(|(_, id, _)| *id).unwrap_or("all");
                    format!("events-tab-{key}")
                }
                class="space-y-4"
            >
                <ErrorAlert error />
                <Show when=move || !items.with(Vec::is_empty)>
                    <div
                        role="region"
                        aria-label=t(ev::EVENTS)
                        tabindex="0"
                        class="overflow-x-auto rounded-lg border border-gray-200 bg-white shadow-sm focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-emerald-600"
                    >
                        <table class="min-w-full divide-y divide-gray-200">
                            <thead class="bg-gray-50">
                                <tr>
                                    <th scope="col" class=TH>{t(ev::COL_EVENT)}</th>
                                    <th scope="col" class=TH>{t(ev::COL_DATE)}</th>
                                    <th scope="col" class=TH>{t(ev::COL_STATUS)}</th>
                                </tr>
                            </thead>
                            <tbody class="divide-y divide-gray-200">
                                {move || {
                                    let l = lang.get();
                                    items.get().into_iter().map(|e| row(e, l)).collect_view()
                                }}
                            </tbody>
                        </table>
                    </div>
                </Show>
                <Show when=move || loading.get()>
                    <Loading />
                </Show>
                <Show when=move || !loading.get() && items.with(Vec::is_empty) && error.with(Option::is_none)>
                    <p class="rounded-lg border border-dashed border-gray-300 bg-white p-6 text-center text-gray-700">{t(ev::NO_EVENTS)}</p>
                </Show>
                <Show when=move || next.with(Option::is_some) && !loading.get()>
                    <button type="button" class=SECONDARY on:click=move |_| load(true)>{t(ui::LOAD_MORE)}</button>
                </Show>
            </div>
        </section>
    }
    .into_any()
}
