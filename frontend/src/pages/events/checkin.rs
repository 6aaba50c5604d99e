//! `/orgs/:org_id/events/:event_id/checkin`: the event's check-in lists with who is inside (each
//! with "Open scanner", its scan log, Edit and Delete, confirmed), the list form, the scan log of
//! one list with its offline conflicts, and the organization's scanning devices. People without
//! `ManageEvents` read only.

use common::Permission;
use common::checkin::{CheckinDevice, CheckinList};
use common::events::{Event, TicketType};
use leptos::prelude::*;
use leptos::task::spawn_local;
use uuid::Uuid;

use super::bookings::{WithEvent, route_ids};
use super::checkin_bars::Meter;
use super::checkin_devices::Devices;
use super::checkin_form::CheckinListForm;
use super::checkin_log::ScanLog;
use super::checkin_types::types_text;
use super::nav::EventTabs;
use crate::api;
use crate::components::button::{LINK, SMALL_DANGER, SMALL_SECONDARY};
use crate::components::field::HINT;
use crate::components::{ConfirmDialog, ErrSignal, ErrorAlert, Flash, FlashMessage, PageTitle};
use crate::i18n::{checkin as ci, events as ev, members, t, use_lang};
use crate::pages::admin::orgs::{TD, TH};
use crate::pages::orgs::layout::use_org;
use crate::time::format_short;

/// The table's region and the empty state, shared by the check-in and swag pages.
pub const REGION: &str = "overflow-x-auto rounded-lg border border-gray-200 bg-white shadow-sm focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-emerald-600";
pub const EMPTY: &str =
    "rounded-lg border border-dashed border-gray-300 bg-white p-6 text-center text-gray-700";
pub const PILL: &str = "inline-flex rounded-full px-2 py-0.5 text-xs font-semibold";
/// A small toggle button: `aria-pressed="true"` shows as selected.
pub const TOGGLE: &str = "inline-flex items-center rounded-md border border-gray-300 bg-white px-3 py-1.5 text-sm font-medium text-gray-900 hover:bg-gray-50 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-emerald-600 focus-visible:ring-offset-1 aria-pressed:border-emerald-700 aria-pressed:bg-emerald-50 aria-pressed:text-emerald-900";

#[component]
pub fn CheckinPage() -> impl IntoView {
    let (org_id, event_id) = route_ids();
    let Some(org_id) = org_id else {
        return ().into_any();
    };
    view! {
        <PageTitle tr=ci::CHECKIN />
        <WithEvent org_id event_id page=|org_id, event, types| view! { <Checkin org_id event types /> }.into_any() />
    }
    .into_any()
}

#[component]
fn Checkin(org_id: Uuid, event: Event, types: Vec<TicketType>) -> impl IntoView {
    let ctx = use_org();
    let lang = use_lang();
    let can_manage = ctx.can(Permission::ManageEvents);
    let event_id = event.id;
    let tz = StoredValue::new(event.timezone.clone());
    let title = event.title.clone();
    let types = StoredValue::new(types);
    let lists = RwSignal::new(Vec::<CheckinList>::new());
    let devices = RwSignal::new(Vec::<CheckinDevice>::new());
    let loaded = RwSignal::new(false);
    let error: ErrSignal = RwSignal::new(None);
    let flash = RwSignal::new(None::<Flash>);
    let editing = RwSignal::new(None::<CheckinList>);
    let to_delete = RwSignal::new(None::<CheckinList>);
    let dialog_open = RwSignal::new(false);
    // The list whose scan log shows: the first one until another is picked.
    let selected = RwSignal::new(None::<Uuid>);

    let load = move || {
        error.set(None);
        spawn_local(async move {
            match api::checkin::list_checkin_lists(org_id, event_id).await {
                Ok(all) => {
                    if selected
                        .get_untracked()
                        .is_none_or(|id| !all.iter().any(|l| l.id == id))
                    {
                        selected.set(all.first().map(|l| l.id));
                    }
                    lists.set(all);
                }
                Err(e) => error.set(Some(e)),
            }
            loaded.set(true);
        });
    };
    load();

    let on_saved = Callback::new(move |(saved, was_new): (CheckinList, bool)| {
        let name = saved.name.clone();
        let id = saved.id;
        lists.update(|all| match all.iter_mut().find(|l| l.id == saved.id) {
            Some(slot) => *slot = saved,
            None => all.push(saved),
        });
        if selected.get_untracked().is_none() {
            selected.set(Some(id));
        }
        let tr = if was_new {
            ci::LIST_ADDED
        } else {
            ci::LIST_SAVED
        };
        flash.set(Some(Flash::fill(tr, "name", name)));
    });
    let on_delete = Callback::new(move |()| {
        let Some(l) = to_delete.get_untracked() else {
            return;
        };
        error.set(None);
        flash.set(None);
        spawn_local(async move {
            match api::checkin::delete_checkin_list(org_id, event_id, l.id).await {
                Ok(()) => {
                    lists.update(|all| all.retain(|x| x.id != l.id));
                    if editing.with_untracked(|e| e.as_ref().is_some_and(|e| e.id == l.id)) {
                        editing.set(None);
                    }
                    if selected.get_untracked() == Some(l.id) {
                        selected.set(lists.with_untracked(|all| all.first().map(|x| x.id)));
                    }
                    flash.set(Some(Flash::fill(ci::LIST_DELETED, "name", l.name)));
                }
                Err(e) => error.set(Some(e)),
            }
        });
    });

    let row = move |l: CheckinList, lang_now| {
        let admits = types.with_value(|ts| types_text(&l.ticket_type_ids, ts, lang_now));
        let z = tz.get_value();
        let window = match (l.starts_at, l.ends_at) {
            (None, None) => ci::ANY_TIME.get(lang_now).to_owned(),
            (Some(a), None) => {
                ci::FROM_TIME.fill(lang_now, &[("at", &format_short(&a, &z, lang_now))])
            }
            (None, Some(b)) => {
                ci::UNTIL_TIME.fill(lang_now, &[("at", &format_short(&b, &z, lang_now))])
            }
            (Some(a), Some(b)) => format!(
                "{} → {}",
                format_short(&a, &z, lang_now),
                format_short(&b, &z, lang_now)
            ),
        };
        let reentry = if l.allow_reentry {
            crate::i18n::ui::YES
        } else {
            crate::i18n::ui::NO
        };
        let inside = ci::INSIDE_OF.fill(
            lang_now,
            &[
                ("n", &l.counts.checked_in.to_string()),
                ("total", &l.counts.expected.to_string()),
            ],
        );
        let scanner = format!("/orgs/{org_id}/scan?event={event_id}&list={}", l.id);
        let scanner_label = ci::OPEN_SCANNER_NAMED.fill(lang_now, &[("name", &l.name)]);
        let log_label = ci::SHOW_LOG_NAMED.fill(lang_now, &[("name", &l.name)]);
        let edit_label = ci::EDIT_LIST_NAMED.fill(lang_now, &[("name", &l.name)]);
        let delete_label = ci::DELETE_LIST_NAMED.fill(lang_now, &[("name", &l.name)]);
        let id = l.id;
        let (for_edit, for_delete) = (l.clone(), l.clone());
        view! {
            <tr>
                <th scope="row" class=format!("{TD} text-left font-semibold")>{l.name.clone()}</th>
                <td class="px-4 py-3 text-sm text-gray-900">{admits}</td>
                <td class=TD>{window}</td>
                <td class=TD>{reentry.get(lang_now)}</td>
                <td class=TD>
                    <span class="block">{inside}</span>
                    <Meter value=l.counts.checked_in max=l.counts.expected />
                </td>
                <td class=TD>
                    <div class="flex flex-wrap gap-2">
                        <a href=scanner class=SMALL_SECONDARY aria-label=scanner_label>{ci::OPEN_SCANNER.get(lang_now)}</a>
                        <button
                            type="button"
                            class=TOGGLE
                            aria-label=log_label
                            aria-pressed=move || (selected.get() == Some(id)).to_string()
                            aria-controls="scan-log"
                            on:click=move |_| selected.set(Some(id))
                        >
                            {ci::SHOW_LOG.get(lang_now)}
                        </button>
                        <Show when=move || can_manage>
                            <button
                                type="button"
                                class=SMALL_SECONDARY
                                aria-label=edit_label.clone()
                                on:click={
                                    let l = for_edit.clone();
                                    move |_| editing.set(Some(l.clone()))
                                }
                            >
                                {ev::EDIT.get(lang_now)}
                            </button>
                            <button
                                type="button"
                                class=SMALL_DANGER
                                aria-label=delete_label.clone()
                                on:click={
                                    let l = for_delete.clone();
                                    move |_| {
                                        to_delete.set(Some(l.clone()));
                                        dialog_open.set(true);
                                    }
                                }
                            >
                                {ev::DELETE.get(lang_now)}
                            </button>
                        </Show>
                    </div>
                </td>
            </tr>
        }
    };
    let delete_title = Signal::derive(move || {
        let name = to_delete.with(|l| l.as_ref().map(|l| l.name.clone()).unwrap_or_default());
        ci::DELETE_LIST_TITLE.fill(lang.get(), &[("name", &name)])
    });
    let delete_text = Signal::derive(move || ci::DELETE_LIST_TEXT.get(lang.get()).to_owned());

    view! {
        <section class="space-y-6">
            <a href=format!("/orgs/{org_id}/events") class=LINK>"← " {t(ev::BACK_TO_EVENTS)}</a>
            <h1 class="text-2xl font-bold text-gray-900">
                {move || ci::CHECKIN_OF.fill(lang.get(), &[("event", title.get(lang.get()))])}
            </h1>
            <EventTabs org_id event_id />
            <ErrorAlert error />
            <FlashMessage flash />
            <section class="space-y-3">
                <div class="flex flex-wrap items-center justify-between gap-3">
                    <h2 id="checkin-lists-title" class="text-lg font-semibold text-gray-900">{t(ci::LISTS)}</h2>
                    <button type="button" class=SMALL_SECONDARY on:click=move |_| load()>{t(ci::REFRESH)}</button>
                </div>
                <p class=HINT>{t(ci::LISTS_HINT)}</p>
                <Show
                    when=move || !lists.with(Vec::is_empty)
                    fallback=move || view! {
                        <Show when=move || loaded.get()>
                            <p class=EMPTY>{t(ci::NO_LISTS)}</p>
                        </Show>
                    }
                >
                    <div role="region" aria-label=t(ci::LISTS) tabindex="0" class=REGION>
                        <table class="min-w-full divide-y divide-gray-200">
                            <thead class="bg-gray-50">
                                <tr>
                                    <th scope="col" class=TH>{t(ci::NAME)}</th>
                                    <th scope="col" class=TH>{t(ci::ADMITS)}</th>
                                    <th scope="col" class=TH>{t(ci::WINDOW)}</th>
                                    <th scope="col" class=TH>{t(ci::REENTRY)}</th>
                                    <th scope="col" class=TH>{t(ci::INSIDE)}</th>
                                    <th scope="col" class=TH>{t(members::ACTIONS)}</th>
                                </tr>
                            </thead>
                            <tbody class="divide-y divide-gray-200">
                                {move || {
                                    let l = lang.get();
                                    lists.get().into_iter().map(|x| row(x, l)).collect_view()
                                }}
                            </tbody>
                        </table>
                    </div>
                </Show>
                <Show when=move || can_manage>
                    <CheckinListForm
                        org_id
                        event_id
                        timezone=tz.get_value()
                        ticket_types=types
                        editing
                        on_saved
                        flash
                    />
                </Show>
            </section>
            <ScanLog org_id lists selected devices timezone=tz.get_value() />
            <Devices org_id devices can_manage />
            <ConfirmDialog
                id="delete-checkin-list-dialog"
                open=dialog_open
                title=delete_title
                message=delete_text
                confirm_label=ev::DELETE
                danger=true
                on_confirm=on_delete
            />
        </section>
    }
}
