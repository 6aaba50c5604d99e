//! The life-cycle buttons of an event, each behind a confirmation: "Publish" (drafts),
//! "Unpublish" (published), "Cancel event" (not yet cancelled), "Delete draft" (drafts). When
//! publishing is refused, what is missing is listed ("Before publishing: …"), each item linking
//! to its field.

use common::events::{Event, EventStatus};
use common::{ErrorCode, FieldError, Lang};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;
use uuid::Uuid;

use crate::api;
use crate::components::button::{DANGER, PRIMARY, SECONDARY};
use crate::components::{ConfirmDialog, ErrSignal, ErrorAlert, Flash, FlashMessage};
use crate::i18n::{Tr, events as ev, field_error_text, t, use_lang};

#[derive(Clone, Copy, PartialEq, Eq)]
enum Action {
    Publish,
    Unpublish,
    Cancel,
    Delete,
}

impl Action {
    fn texts(self) -> (Tr, Tr, Tr, bool) {
        match self {
            Action::Publish => (ev::PUBLISH_TITLE, ev::PUBLISH_TEXT, ev::PUBLISH, false),
            Action::Unpublish => (
                ev::UNPUBLISH_TITLE,
                ev::UNPUBLISH_TEXT,
                ev::UNPUBLISH,
                false,
            ),
            Action::Cancel => (ev::CANCEL_TITLE, ev::CANCEL_TEXT, ev::CANCEL_EVENT, true),
            Action::Delete => (ev::DELETE_TITLE, ev::DELETE_TEXT, ev::DELETE_DRAFT, true),
        }
    }
}

/// Where a publishing problem is fixed: its label and the element to jump to.
fn target_of(field: &str) -> (Option<Tr>, &'static str) {
    let root = field.split('.').next().unwrap_or(field);
    match root {
        "title" => (Some(ev::TITLE), "event-details"),
        "summary" => (Some(ev::SUMMARY), "event-details"),
        "description" => (Some(ev::DESCRIPTION), "event-details"),
        "category_id" => (Some(ev::CATEGORY), "event-category"),
        "starts_at" => (Some(ev::STARTS), "event-starts"),
        "ends_at" => (Some(ev::ENDS), "event-ends"),
        "timezone" => (Some(ev::TIME_ZONE), "event-timezone"),
        "location" => (Some(ev::SECTION_WHERE), "event-where"),
        "ticket_types" => (Some(ev::TICKETS), "tickets"),
        "theme" => (Some(ev::SECTION_THEME), "event-theme"),
        "cover" => (Some(ev::COVER), "event-cover"),
        _ => (None, "event-details"),
    }
}

/// What a publishing problem asks the organizer to do.
fn publish_message(fe: &FieldError, lang: Lang) -> String {
    let specific = match (fe.field.as_str(), fe.code.as_str()) {
        ("ticket_types", "required") => Some(Tr(
            "add at least one active ticket type",
            "ajoutez au moins un billet actif",
        )),
        ("location", "required") => Some(Tr(
            "add a venue and city, or an online link",
            "indiquez un lieu et une ville, ou un lien en ligne",
        )),
        ("summary", "required") => Some(Tr("add a short summary", "ajoutez un court résumé")),
        ("title", "required") => Some(Tr("add a title", "ajoutez un titre")),
        ("starts_at", "in_past") => Some(Tr(
            "the start must be in the future",
            "le début doit être dans le futur",
        )),
        _ => None,
    };
    specific
        .map(|s| s.get(lang).to_owned())
        .unwrap_or_else(|| field_error_text(fe, lang))
}

#[component]
pub fn EventActions(org_id: Uuid, event: RwSignal<Option<Event>>) -> impl IntoView {
    let lang = use_lang();
    let navigate = use_navigate();
    let status = Memo::new(move |_| event.with(|e| e.as_ref().map(|e| e.status)));
    let error: ErrSignal = RwSignal::new(None);
    let missing = RwSignal::new(Vec::<FieldError>::new());
    let flash = RwSignal::new(None::<Flash>);
    let busy = RwSignal::new(false);
    let asked = RwSignal::new(Action::Publish);
    let open = RwSignal::new(false);
    let ask = move |a: Action| {
        asked.set(a);
        open.set(true);
    };

    let run = move |a: Action| {
        let Some(id) = event.with_untracked(|e| e.as_ref().map(|e| e.id)) else {
            return;
        };
        error.set(None);
        missing.set(Vec::new());
        flash.set(None);
        busy.set(true);
        let navigate = navigate.clone();
        spawn_local(async move {
            let (result, done) = match a {
                Action::Publish => (
                    api::events::publish_event(org_id, id).await,
                    ev::PUBLISHED_FLASH,
                ),
                Action::Unpublish => (
                    api::events::unpublish_event(org_id, id).await,
                    ev::UNPUBLISHED_FLASH,
                ),
                Action::Cancel => (
                    api::events::cancel_event(org_id, id).await,
                    ev::CANCELLED_FLASH,
                ),
                Action::Delete => {
                    match api::events::delete_event(org_id, id).await {
                        Ok(()) => navigate(&format!("/orgs/{org_id}/events"), Default::default()),
                        Err(e) => error.set(Some(e)),
                    }
                    busy.set(false);
                    return;
                }
            };
            match result {
                Ok(e) => {
                    event.set(Some(e));
                    flash.set(Some(Flash::new(done)));
                }
                Err(e)
                    if a == Action::Publish
                        && e.is(ErrorCode::ValidationFailed)
                        && !e.field_errors().is_empty() =>
                {
                    missing.set(e.field_errors().to_vec());
                }
                Err(e) => error.set(Some(e)),
            }
            busy.set(false);
        });
    };

    let title = Signal::derive(move || asked.get().texts().0.get(lang.get()).to_owned());
    let message = Signal::derive(move || asked.get().texts().1.get(lang.get()).to_owned());
    let confirm_label = Signal::derive(move || asked.get().texts().2);
    let danger = Signal::derive(move || asked.get().texts().3);
    let is = move |s: EventStatus| status.get() == Some(s);

    view! {
        <div class="space-y-3">
            <div class="flex flex-wrap gap-3">
                <Show when=move || is(EventStatus::Draft)>
                    <button type="button" class=PRIMARY disabled=move || busy.get() on:click=move |_| ask(Action::Publish)>
                        {t(ev::PUBLISH)}
                    </button>
                </Show>
                <Show when=move || is(EventStatus::Published)>
                    <button type="button" class=SECONDARY disabled=move || busy.get() on:click=move |_| ask(Action::Unpublish)>
                        {t(ev::UNPUBLISH)}
                    </button>
                </Show>
                <Show when=move || is(EventStatus::Draft) || is(EventStatus::Published)>
                    <button type="button" class=SECONDARY disabled=move || busy.get() on:click=move |_| ask(Action::Cancel)>
                        {t(ev::CANCEL_EVENT)}
                    </button>
                </Show>
                <Show when=move || is(EventStatus::Draft)>
                    <button type="button" class=DANGER disabled=move || busy.get() on:click=move |_| ask(Action::Delete)>
                        {t(ev::DELETE_DRAFT)}
                    </button>
                </Show>
            </div>
            <ErrorAlert error />
            <FlashMessage flash />
            <div role="alert" class="empty:hidden">
                <Show when=move || !missing.with(Vec::is_empty)>
                    <div class="rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-950">
                        <p class="font-semibold">{t(ev::BEFORE_PUBLISHING)}</p>
                        <ul class="mt-1 list-disc space-y-1 pl-5">
                            {move || {
                                let l = lang.get();
                                missing
                                    .get()
                                    .into_iter()
                                    .map(|fe| {
                                        let (label, anchor) = target_of(&fe.field);
                                        let label = label.map(|tr| tr.get(l).to_owned()).unwrap_or_else(|| fe.field.clone());
                                        let text = publish_message(&fe, l);
                                        view! {
                                            <li>
                                                <a href=format!("#{anchor}") class="font-medium underline underline-offset-2">{label}</a>
                                                ": "
                                                {text}
                                            </li>
                                        }
                                    })
                                    .collect_view()
                            }}
                        </ul>
                    </div>
                </Show>
            </div>
            <ConfirmDialog
                id="event-action-dialog"
                open
                title
                message
                confirm_label
                danger
                on_confirm=Callback::new(move |()| run(asked.get_untracked()))
            />
        </div>
    }
}
