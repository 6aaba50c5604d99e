//! `/orgs/:org_id/events/:event_id/swag`: the event's swag items (eligible ticket types, allowance
//! per attendee, stock, handed out, remaining), each with "Stock and hand-outs" (adjustments and
//! the hand-out report), Edit and Delete (confirmed); the item form; and the CSV report, fetched
//! with the session's token. People without `ManageEvents` read only.

use common::events::{Event, TicketType};
use common::swag::SwagItem;
use common::{Lang, Permission};
use leptos::prelude::*;
use leptos::task::spawn_local;
use uuid::Uuid;

use super::bookings::{WithEvent, route_ids};
use super::checkin::{EMPTY, REGION, TOGGLE};
use super::checkin_bars::Meter;
use super::checkin_types::types_text;
use super::nav::EventTabs;
use super::swag_form::SwagItemForm;
use super::swag_stock::{ItemDetails, SwagErrorAlert};
use crate::api;
use crate::components::button::{LINK, SECONDARY, SMALL_DANGER, SMALL_SECONDARY};
use crate::components::field::HINT;
use crate::components::{ConfirmDialog, ErrSignal, Flash, FlashMessage, PageTitle};
use crate::i18n::{checkin as ci, events as ev, members, t, use_lang};
use crate::pages::admin::orgs::{TD, TH};
use crate::pages::orgs::layout::use_org;
use crate::util::save_file;

#[component]
pub fn SwagPage() -> impl IntoView {
    let (org_id, event_id) = route_ids();
    let Some(org_id) = org_id else {
        return ().into_any();
    };
    view! {
        <PageTitle tr=ci::SWAG />
        <WithEvent org_id event_id page=|org_id, event, types| view! { <Swag org_id event types /> }.into_any() />
    }
    .into_any()
}

#[component]
fn Swag(org_id: Uuid, event: Event, types: Vec<TicketType>) -> impl IntoView {
    let ctx = use_org();
    let lang = use_lang();
    let can_manage = ctx.can(Permission::ManageEvents);
    let event_id = event.id;
    let tz = StoredValue::new(event.timezone.clone());
    let slug = StoredValue::new(event.slug.clone());
    let title = event.title.clone();
    let types = StoredValue::new(types);
    let items = RwSignal::new(Vec::<SwagItem>::new());
    let loaded = RwSignal::new(false);
    let error: ErrSignal = RwSignal::new(None);
    let flash = RwSignal::new(None::<Flash>);
    let editing = RwSignal::new(None::<SwagItem>);
    let to_delete = RwSignal::new(None::<SwagItem>);
    let dialog_open = RwSignal::new(false);
    // The item whose stock and hand-outs are open.
    let selected = RwSignal::new(None::<Uuid>);
    let exporting = RwSignal::new(false);

    let load = move || {
        spawn_local(async move {
            match api::swag::list_swag_items(org_id, event_id).await {
                Ok(all) => {
                    let _ = items.try_set(all);
                }
                Err(e) => {
                    let _ = error.try_set(Some(e));
                }
            }
            let _ = loaded.try_set(true);
        });
    };
    load();

    let on_saved = Callback::new(move |(saved, was_new): (SwagItem, bool)| {
        let name = saved.name.clone();
        items.update(|all| match all.iter_mut().find(|i| i.id == saved.id) {
            Some(slot) => *slot = saved,
            None => all.push(saved),
        });
        let tr = if was_new {
            ci::ITEM_ADDED
        } else {
            ci::ITEM_SAVED
        };
        flash.set(Some(Flash::fill(tr, "name", name)));
    });
    let on_adjusted = Callback::new(move |()| load());
    let on_delete = Callback::new(move |()| {
        let Some(item) = to_delete.get_untracked() else {
            return;
        };
        error.set(None);
        flash.set(None);
        spawn_local(async move {
            match api::swag::delete_swag_item(org_id, event_id, item.id).await {
                Ok(()) => {
                    items.update(|all| all.retain(|x| x.id != item.id));
                    if editing.with_untracked(|e| e.as_ref().is_some_and(|e| e.id == item.id)) {
                        editing.set(None);
                    }
                    if selected.get_untracked() == Some(item.id) {
                        selected.set(None);
                    }
                    flash.set(Some(Flash::fill(ci::ITEM_DELETED, "name", item.name)));
                }
                Err(e) => error.set(Some(e)),
            }
        });
    });
    let on_export = move |_| {
        if exporting.get_untracked() {
            return;
        }
        exporting.set(true);
        error.set(None);
        let name = format!("swag-{}.csv", slug.get_value());
        spawn_local(async move {
            match api::swag::export_swag_report_csv(org_id, event_id).await {
                Ok(bytes) => {
                    save_file(&bytes, &name, "text/csv");
                }
                Err(e) => error.set(Some(e)),
            }
            exporting.set(false);
        });
    };

    let row = move |item: SwagItem, l: Lang| {
        let eligible = types.with_value(|ts| types_text(&item.ticket_type_ids, ts, l));
        let details_label = ci::DETAILS_NAMED.fill(l, &[("name", &item.name)]);
        let edit_label = ci::EDIT_ITEM_NAMED.fill(l, &[("name", &item.name)]);
        let delete_label = ci::DELETE_ITEM_NAMED.fill(l, &[("name", &item.name)]);
        let id = item.id;
        let (for_edit, for_delete) = (item.clone(), item.clone());
        view! {
            <tr>
                <th scope="row" class=format!("{TD} text-left font-semibold")>{item.name.clone()}</th>
                <td class="px-4 py-3 text-sm text-gray-900">{eligible}</td>
                <td class=format!("{TD} tabular-nums")>{item.allowance_per_attendee}</td>
                <td class=format!("{TD} tabular-nums")>{item.stock}</td>
                <td class=format!("{TD} tabular-nums")>{item.handed_out}</td>
                <td class=format!("{TD} tabular-nums")>
                    {item.remaining}
                    <Meter value=item.remaining max=item.stock />
                </td>
                <td class=TD>
                    <div class="flex flex-wrap gap-2">
                        <button
                            type="button"
                            class=TOGGLE
                            aria-label=details_label
                            aria-pressed=move || (selected.get() == Some(id)).to_string()
                            on:click=move |_| selected.set(Some(id))
                        >
                            {ci::DETAILS.get(l)}
                        </button>
                        <Show when=move || can_manage>
                            <button
                                type="button"
                                class=SMALL_SECONDARY
                                aria-label=edit_label.clone()
                                on:click={
                                    let i = for_edit.clone();
                                    move |_| editing.set(Some(i.clone()))
                                }
                            >
                                {ev::EDIT.get(l)}
                            </button>
                            <button
                                type="button"
                                class=SMALL_DANGER
                                aria-label=delete_label.clone()
                                on:click={
                                    let i = for_delete.clone();
                                    move |_| {
                                        to_delete.set(Some(i.clone()));
                                        dialog_open.set(true);
                                    }
                                }
                            >
                                {ev::DELETE.get(l)}
                            </button>
                        </Show>
                    </div>
                </td>
            </tr>
        }
    };
    let delete_title = Signal::derive(move || {
        let name = to_delete.with(|i| i.as_ref().map(|i| i.name.clone()).unwrap_or_default());
        ci::DELETE_ITEM_TITLE.fill(lang.get(), &[("name", &name)])
    });
    let delete_text = Signal::derive(move || ci::DELETE_ITEM_TEXT.get(lang.get()).to_owned());

    view! {
        <section class="space-y-6">
            <a href=format!("/orgs/{org_id}/events") class=LINK>"← " {t(ev::BACK_TO_EVENTS)}</a>
            <div class="flex flex-wrap items-center justify-between gap-3">
                <h1 class="text-2xl font-bold text-gray-900">
                    {move || ci::SWAG_OF.fill(lang.get(), &[("event", title.get(lang.get()))])}
                </h1>
                // The report names attendees: the API gives it to those who manage events only.
                <Show when=move || can_manage>
                    <button type="button" class=SECONDARY disabled=move || exporting.get() on:click=on_export>
                        {move || if exporting.get() { t(ci::DOWNLOADING)() } else { t(ci::DOWNLOAD_REPORT)() }}
                    </button>
                </Show>
            </div>
            <EventTabs org_id event_id />
            <p class=HINT>{t(ci::SWAG_HINT)}</p>
            <SwagErrorAlert error conflict=ci::CANNOT_DELETE_HANDED_OUT />
            <FlashMessage flash />
            <Show
                when=move || !items.with(Vec::is_empty)
                fallback=move || view! {
                    <Show when=move || loaded.get()>
                        <p class=EMPTY>{t(ci::NO_ITEMS)}</p>
                    </Show>
                }
            >
                <div role="region" aria-label=t(ci::SWAG) tabindex="0" class=REGION>
                    <table class="min-w-full divide-y divide-gray-200">
                        <thead class="bg-gray-50">
                            <tr>
                                <th scope="col" class=TH>{t(ci::ITEM)}</th>
                                <th scope="col" class=TH>{t(ci::ELIGIBLE)}</th>
                                <th scope="col" class=TH>{t(ci::PER_ATTENDEE)}</th>
                                <th scope="col" class=TH>{t(ci::STOCK)}</th>
                                <th scope="col" class=TH>{t(ci::HANDED_OUT)}</th>
                                <th scope="col" class=TH>{t(ci::REMAINING)}</th>
                                <th scope="col" class=TH>{t(members::ACTIONS)}</th>
                            </tr>
                        </thead>
                        <tbody class="divide-y divide-gray-200">
                            {move || {
                                let l = lang.get();
                                items.get().into_iter().map(|i| row(i, l)).collect_view()
                            }}
                        </tbody>
                    </table>
                </div>
            </Show>
            {move || selected.get().map(|item_id| view! {
                <ItemDetails
                    org_id
                    item_id
                    items
                    selected
                    timezone=tz.get_value()
                    can_manage
                    on_adjusted
                    flash
                />
            })}
            <Show when=move || can_manage>
                <SwagItemForm org_id event_id ticket_types=types editing on_saved flash />
            </Show>
            <ConfirmDialog
                id="delete-swag-item-dialog"
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
