//! The cover image of an event: preview, "Cover image" file input that uploads at once (PNG,
//! JPEG or WebP, at most 5 MiB, checked here first) and "Remove cover".

use common::events::Event;
use leptos::prelude::*;
use leptos::task::spawn_local;
use uuid::Uuid;

use super::form::FormCard;
use crate::api::{self, ApiError};
use crate::components::{ErrSignal, ErrorAlert, Flash, FlashMessage, ImageUpload};
use crate::i18n::{events as ev, t};

const MAX_BYTES: f64 = 5.0 * 1024.0 * 1024.0;

#[component]
pub fn CoverEditor(org_id: Uuid, event: RwSignal<Option<Event>>) -> impl IntoView {
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
    let on_file = Callback::new(move |(file, kind): (web_sys::File, String)| {
        let Some(id) = event_id() else { return };
        flash.set(None);
        busy.set(true);
        spawn_local(async move {
            let r = api::events::upload_event_cover(org_id, id, file.into(), &kind).await;
            finish(r, Flash::new(ev::COVER_UPDATED));
        });
    });
    let on_remove = Callback::new(move |()| {
        let Some(id) = event_id() else { return };
        error.set(None);
        flash.set(None);
        busy.set(true);
        spawn_local(async move {
            let r = api::events::delete_event_cover(org_id, id).await;
            finish(r, Flash::new(ev::COVER_REMOVED));
        });
    });

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
                <ImageUpload
                    id="event-cover-file"
                    label=ev::COVER
                    hint=ev::COVER_HINT
                    remove_label=ev::REMOVE_COVER
                    max_bytes=MAX_BYTES
                    has_image=Signal::derive(move || cover().is_some())
                    busy
                    error
                    on_file
                    on_remove
                />
            </div>
        </FormCard>
    }
}
