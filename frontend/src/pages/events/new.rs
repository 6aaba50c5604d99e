//! `/orgs/:org_id/events/new`: the event form without the parts that need a saved event
//! (cover, ticket types, custom CSS preview). "Save" creates a draft and opens its page.

use common::Permission;
use common::events::Category;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;

use super::draft::{EventDraft, merged_error};
use super::form::EventFormFields;
use super::theme::ThemeFields;
use crate::api;
use crate::components::button::LINK;
use crate::components::{ErrSignal, ErrorAlert, Forbidden, PageTitle, SubmitButton};
use crate::i18n::{events as ev, t};
use crate::pages::orgs::layout::use_org;

#[component]
pub fn NewEventPage() -> impl IntoView {
    let ctx = use_org();
    if !ctx.can(Permission::ManageEvents) {
        return view! {
            <Forbidden />
            <p class="text-center text-gray-700">{t(ev::READ_ONLY_NOTICE)}</p>
        }
        .into_any();
    }
    let Some(org) = ctx.org.get_untracked() else {
        return ().into_any();
    };
    let org_id = org.id;
    let navigate = use_navigate();
    let draft = EventDraft::new(&org.country);
    let server: ErrSignal = RwSignal::new(None);
    let touched = RwSignal::new(Vec::new());
    let submitted = RwSignal::new(false);
    let error = merged_error(draft, server, touched, submitted);
    let pending = RwSignal::new(false);
    let categories = RwSignal::new(Vec::<Category>::new());
    spawn_local(async move {
        if let Ok(list) = api::public::list_categories().await {
            categories.set(list);
        }
    });
    let org_name = org.name.clone();
    let card =
        Signal::derive(move || categories.with(|c| draft.preview_card(None, c, None, &org_name)));

    let on_submit = move |e: leptos::ev::SubmitEvent| {
        e.prevent_default();
        if pending.get_untracked() {
            return;
        }
        submitted.set(true);
        let Some(body) = untrack(|| {
            draft
                .problems()
                .is_empty()
                .then(|| draft.to_create())
                .flatten()
        }) else {
            return;
        };
        pending.set(true);
        server.set(None);
        let navigate = navigate.clone();
        spawn_local(async move {
            match api::events::create_event(org_id, &body).await {
                Ok(event) => navigate(
                    &format!("/orgs/{org_id}/events/{}", event.id),
                    Default::default(),
                ),
                Err(e) => {
                    server.set(Some(e));
                    pending.set(false);
                }
            }
        });
    };

    view! {
        <PageTitle tr=ev::NEW_EVENT_TITLE />
        <section class="mx-auto max-w-3xl space-y-6">
            <a href=format!("/orgs/{org_id}/events") class=LINK>"← " {t(ev::BACK_TO_EVENTS)}</a>
            <div class="space-y-2">
                <h1 class="text-2xl font-bold text-gray-900">{t(ev::NEW_EVENT_TITLE)}</h1>
                <p class="text-gray-700">{t(ev::NEW_EVENT_INTRO)}</p>
            </div>
            <form class="space-y-6" novalidate=true on:submit=on_submit>
                <ErrorAlert error />
                <EventFormFields draft error touched categories />
                <ThemeFields draft error server target=None card />
                <div class="flex justify-end">
                    <SubmitButton label=ev::CREATE_DRAFT pending />
                </div>
            </form>
        </section>
    }
    .into_any()
}
