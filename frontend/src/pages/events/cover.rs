//! The cover image of an event: preview, "Cover image" file input that uploads at once (PNG,
//! JPEG or WebP, at most 5 MiB, checked here first) and "Remove cover".

use common::ErrorCode;
use common::events::Event;
use leptos::prelude::*;
use leptos::task::spawn_local;
use uuid::Uuid;

use super::form::FormCard;
use crate::api::{self, ApiError};
use crate::components::button::SMALL_DANGER;
use crate::components::field::{HINT, LABEL};
use crate::components::{ErrSignal, ErrorAlert, Flash, FlashMessage};
use crate::i18n::{events as ev, orgs, t};

const MAX_BYTES: f64 = 5.0 * 1024.0 * 1024.0;
const TYPES: [&str; 3] = ["image/png", "image/jpeg", "image/webp"];

#[component]
pub fn CoverEditor(org_id: Uuid, event: RwSignal<Option<Event>>) -> impl IntoView {
    let input = NodeRef::<leptos::html::Input>::new();
    let error: ErrSignal = RwSignal::new(None);
    let flash = RwSignal::new(None);
    let busy = RwSignal::new(false);
    let cover = move || event.with(|e| e.as_ref().and_then(|e| e.cover_url.clone()));
    let event_id = move || event.with_untracked(|e| e.as_ref().map(|e| e.id));

    let finish = move |result: Result<Event, ApiError>, done: Flash| {
        match result {
            Ok(e) => {
                event.set(Some(e));
                flash.set(Some(done));
            }
            Err(e) => error.set(Some(e)),
        }
        busy.set(false);
    };
    let on_change = move |_| {
        let Some(el) = input.get() else { return };
        let Some(file) = el.files().and_then(|f| f.item(0)) else {
            return;
        };
        el.set_value("");
        flash.set(None);
        let kind = file.type_();
        if !TYPES.contains(&kind.as_str()) {
            error.set(Some(ApiError::from_code(ErrorCode::UnsupportedMediaType)));
            return;
        }
        if file.size() > MAX_BYTES {
            error.set(Some(ApiError::from_code(ErrorCode::PayloadTooLarge)));
            return;
        }
        let Some(id) = event_id() else { return };
        error.set(None);
        busy.set(true);
        spawn_local(async move {
            let r = api::events::upload_event_cover(org_id, id, file.into(), &kind).await;
            finish(r, Flash::new(ev::COVER_UPDATED));
        });
    };
    let on_remove = move |_| {
        let Some(id) = event_id() else { return };
        error.set(None);
        flash.set(None);
        busy.set(true);
        spawn_local(async move {
            let r = api::events::delete_event_cover(org_id, id).await;
            finish(r, Flash::new(ev::COVER_REMOVED));
        });
    };

    view! {
        <FormCard id="event-cover" title=ev::COVER>
            <ErrorAlert error />
            <FlashMessage flash />
            <div class="flex flex-wrap items-start gap-6">
                {move || match cover() {
                    Some(src) => view! { <img src=src alt="" class="aspect-[16/9] w-64 rounded-md border border-gray-200 object-cover" /> }.into_any(),
                    None => view! {
                        <div class="flex aspect-[16/9] w-64 items-center justify-center rounded-md border border-dashed border-gray-300 p-2 text-center text-sm text-gray-600">
                            {t(ev::NO_COVER)}
                        </div>
                    }
                    .into_any(),
                }}
                <div class="space-y-2">
                    <label for="event-cover-file" class=LABEL>{t(ev::COVER)}</label>
                    <input
                        id="event-cover-file"
                        type="file"
                        accept="image/png,image/jpeg,image/webp"
                        node_ref=input
                        disabled=move || busy.get()
                        aria-describedby="event-cover-hint"
                        class="block text-sm text-gray-900 file:mr-3 file:rounded-md file:border-0 file:bg-emerald-700 file:px-3 file:py-2 file:text-sm file:font-semibold file:text-white hover:file:bg-emerald-800 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-emerald-600"
                        on:change=on_change
                    />
                    <p id="event-cover-hint" class=HINT>{t(ev::COVER_HINT)}</p>
                    <Show when=move || busy.get()>
                        <p role="status" class="text-sm text-gray-700">{t(orgs::UPLOADING)}</p>
                    </Show>
                    <Show when=move || cover().is_some()>
                        <button type="button" class=SMALL_DANGER disabled=move || busy.get() on:click=on_remove>
                            {t(ev::REMOVE_COVER)}
                        </button>
                    </Show>
                </div>
            </div>
        </FormCard>
    }
}
