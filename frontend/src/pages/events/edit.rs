//! `/orgs/:org_id/events/:event_id`: the event page for organizers. Loads the event, then shows
//! its status and life-cycle buttons, the form (details, date and time, location, theme), the
//! cover image, the ticket types and the capacity overview. People without `ManageEvents` see
//! the capacity overview only.

use common::events::{CapacityGroup, Category, Event, EventStatus, TicketType};
use common::{ErrorCode, Money, Permission};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_params_map;
use uuid::Uuid;

use super::actions::EventActions;
use super::capacity::CapacitySection;
use super::cover::CoverEditor;
use super::draft::{EventDraft, merged_error};
use super::form::EventFormFields;
use super::nav::EventTabs;
use super::theme::ThemeFields;
use super::tickets::TicketTypesSection;
use crate::api::{self, ApiError};
use crate::components::badge::StatusBadge;
use crate::components::button::LINK;
use crate::components::status::LoadError;
use crate::components::{
    ErrSignal, ErrorAlert, Flash, FlashMessage, Loading, NotFound, PageTitle, SubmitButton,
};
use crate::i18n::{events as ev, t, ui, use_lang};
use crate::pages::orgs::layout::use_org;

#[component]
pub fn EditEventPage() -> impl IntoView {
    let ctx = use_org();
    let params = use_params_map();
    let event_id = Memo::new(move |_| {
        params
            .read()
            .get("event_id")
            .and_then(|s| Uuid::parse_str(&s).ok())
    });
    let Some(org_id) = ctx.id() else {
        return ().into_any();
    };
    let event = RwSignal::new(None::<Event>);
    let failed = RwSignal::new(None::<ApiError>);
    let reload = RwSignal::new(0u32);
    Effect::new(move |_| {
        reload.track();
        let Some(id) = event_id.get() else { return };
        failed.set(None);
        spawn_local(async move {
            let result = api::events::get_event(org_id, id).await;
            if event_id.get_untracked() != Some(id) {
                return;
            }
            match result {
                Ok(e) => event.set(Some(e)),
                Err(e) => failed.set(Some(e)),
            }
        });
    });
    let loaded = Memo::new(move |_| event.with(|e| e.as_ref().map(|e| e.id)));
    (move || match (event_id.get(), failed.get(), loaded.get()) {
        (None, _, _) => view! { <NotFound /> }.into_any(),
        (_, Some(e), _) if e.is(ErrorCode::NotFound) => view! { <NotFound /> }.into_any(),
        (_, Some(e), _) => view! {
            <LoadError error=e on_retry=Callback::new(move |()| reload.update(|n| *n += 1)) />
        }
        .into_any(),
        (Some(want), None, Some(have)) if want == have => {
            view! { <EventEditor org_id event /> }.into_any()
        }
        _ => view! { <Loading /> }.into_any(),
    })
    .into_any()
}

/// The cheapest active ticket anyone can see, for the card preview.
fn min_price(tickets: &[TicketType]) -> Option<Money> {
    tickets
        .iter()
        .filter(|t| t.active && t.access_code.is_none())
        .map(|t| t.price)
        .min_by(|a, b| a.amount.cmp(&b.amount))
}

#[component]
fn EventEditor(org_id: Uuid, event: RwSignal<Option<Event>>) -> impl IntoView {
    let ctx = use_org();
    let lang = use_lang();
    let Some(initial) = event.get_untracked() else {
        return ().into_any();
    };
    let event_id = initial.id;
    let can_manage = ctx.can(Permission::ManageEvents);
    let org_name = ctx
        .org
        .with_untracked(|o| o.as_ref().map(|o| o.name.clone()).unwrap_or_default());

    let tickets = RwSignal::new(Vec::<TicketType>::new());
    let groups = RwSignal::new(Vec::<CapacityGroup>::new());
    let lists_error: ErrSignal = RwSignal::new(None);
    let load_tickets = move || {
        spawn_local(async move {
            match api::events::list_ticket_types(org_id, event_id).await {
                Ok(list) => tickets.set(list),
                Err(e) => lists_error.set(Some(e)),
            }
        });
    };
    let load_groups = move || {
        spawn_local(async move {
            match api::events::list_capacity_groups(org_id, event_id).await {
                Ok(list) => groups.set(list),
                Err(e) => lists_error.set(Some(e)),
            }
        });
    };
    load_tickets();
    load_groups();
    let on_tickets_changed = Callback::new(move |()| load_groups());
    let on_groups_changed = Callback::new(move |()| load_tickets());

    let title = Signal::derive(move || {
        event
            .with(|e| e.as_ref().map(|e| e.title.get(lang.get()).to_owned()))
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| ev::EDIT_EVENT_TITLE.get(lang.get()).to_owned())
    });
    let status = Signal::derive(move || {
        event.with(|e| e.as_ref().map(|e| e.status).unwrap_or(EventStatus::Draft))
    });
    let public_href = move || {
        event.with(|e| {
            e.as_ref()
                .filter(|e| e.status != EventStatus::Draft)
                .map(|e| format!("/e/{}", e.slug))
        })
    };
    let slug_path = move || {
        event.with(|e| {
            e.as_ref()
                .map(|e| format!("/e/{}", e.slug))
                .unwrap_or_default()
        })
    };

    let header = view! {
        <a href=format!("/orgs/{org_id}/events") class=LINK>"← " {t(ev::BACK_TO_EVENTS)}</a>
        <header class="flex flex-wrap items-start justify-between gap-4">
            <div class="space-y-2">
                <div class="flex flex-wrap items-center gap-3">
                    <h1 class="text-2xl font-bold text-gray-900">{title}</h1>
                    <StatusBadge status />
                </div>
                <p class="text-sm text-gray-700">
                    {t(ev::PUBLIC_ADDRESS)} ": " <span class="font-mono">{slug_path}</span>
                    {move || {
                        public_href()
                            .map(|href| view! { " · " <a href=href class=LINK>{t(ev::VIEW_PUBLIC_PAGE)}</a> })
                    }}
                </p>
            </div>
        </header>
        <EventTabs org_id event_id />
        <nav aria-label=t(ev::SECTIONS) class="border-b border-gray-200 pb-2">
            <ul class="flex flex-wrap gap-4 text-sm">
                <li><a href="#event-details" class=LINK>{t(ev::SECTION_DETAILS)}</a></li>
                <li><a href="#tickets" class=LINK>{t(ev::TICKETS)}</a></li>
                <li><a href="#capacity" class=LINK>{t(ev::CAPACITY)}</a></li>
                <li><a href="#event-checkout" class=LINK>{t(ev::SECTION_CHECKOUT)}</a></li>
                <li><a href="#event-refunds" class=LINK>{t(ev::SECTION_REFUNDS)}</a></li>
            </ul>
        </nav>
    };

    if !can_manage {
        return view! {
            <PageTitle text=title />
            <section class="mx-auto max-w-4xl space-y-6">
                {header}
                <p role="status" class="rounded-md border border-gray-300 bg-white px-4 py-3 text-sm text-gray-800">
                    {t(ev::READ_ONLY_NOTICE)}
                </p>
                <ErrorAlert error=lists_error />
                <CapacitySection org_id event_id tickets groups can_edit=false on_changed=on_groups_changed />
            </section>
        }
        .into_any();
    }

    let draft = EventDraft::from_event(&initial);
    let server: ErrSignal = RwSignal::new(None);
    let touched = RwSignal::new(Vec::new());
    let submitted = RwSignal::new(false);
    let error = merged_error(draft, server, touched, submitted);
    let flash = RwSignal::new(None::<Flash>);
    let pending = RwSignal::new(false);
    let categories = RwSignal::new(Vec::<Category>::new());
    spawn_local(async move {
        if let Ok(list) = api::public::list_categories().await {
            categories.set(list);
        }
    });
    let card = Signal::derive(move || {
        let min = tickets.with(|t| min_price(t));
        event.with(|e| categories.with(|c| draft.preview_card(e.as_ref(), c, min, &org_name)))
    });
    let currency = Signal::derive(move || {
        event.with(|e| e.as_ref().map(|e| e.currency).unwrap_or(initial.currency))
    });
    let timezone = Signal::derive(move || {
        event.with(|e| e.as_ref().map(|e| e.timezone.clone()).unwrap_or_default())
    });

    let on_submit = move |e: leptos::ev::SubmitEvent| {
        e.prevent_default();
        if pending.get_untracked() {
            return;
        }
        submitted.set(true);
        flash.set(None);
        let Some(body) = untrack(|| {
            draft
                .problems()
                .is_empty()
                .then(|| draft.to_update())
                .flatten()
        }) else {
            return;
        };
        pending.set(true);
        server.set(None);
        spawn_local(async move {
            match api::events::update_event(org_id, event_id, &body).await {
                Ok(saved) => {
                    draft.load(&saved);
                    event.set(Some(saved));
                    submitted.set(false);
                    touched.set(Vec::new());
                    flash.set(Some(Flash::new(ui::SAVED)));
                }
                Err(e) => server.set(Some(e)),
            }
            pending.set(false);
        });
    };

    view! {
        <PageTitle text=title />
        <section class="mx-auto max-w-4xl space-y-6">
            {header}
            <Show when=move || status.get() == EventStatus::Cancelled>
                <p role="status" class="rounded-md border border-red-300 bg-red-50 px-4 py-3 text-sm font-medium text-red-900">
                    {t(ev::CANCELLED_NOTICE)}
                </p>
            </Show>
            <EventActions org_id event />
            <form class="space-y-6" novalidate=true on:submit=on_submit>
                <ErrorAlert error />
                <EventFormFields draft error touched categories saved=event />
                <ThemeFields draft error server target=Some((org_id, event_id)) card />
                <div class="flex flex-wrap items-center justify-end gap-3">
                    <FlashMessage flash />
                    <SubmitButton label=ui::SAVE pending />
                </div>
            </form>
            <CoverEditor org_id event />
            <ErrorAlert error=lists_error />
            <TicketTypesSection org_id event_id currency timezone tickets groups on_changed=on_tickets_changed />
            <CapacitySection org_id event_id tickets groups can_edit=true on_changed=on_groups_changed />
        </section>
    }
    .into_any()
}
