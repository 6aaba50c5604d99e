//! The file input shared by image uploads (organization logo, event cover): it checks type and
//! size before sending, shows "uploading…", and offers "remove" when there is an image. Each page
//! keeps its own preview, because a logo and a cover are shaped differently.

use common::ErrorCode;
use leptos::prelude::*;

use crate::api::ApiError;
use crate::components::ErrSignal;
use crate::components::button::SMALL_DANGER;
use crate::components::field::{HINT, LABEL};
use crate::i18n::{Tr, orgs, t};

/// The server sniffs the bytes anyway; checking here saves a pointless upload.
const TYPES: [&str; 3] = ["image/png", "image/jpeg", "image/webp"];

#[component]
pub fn ImageUpload(
    /// The input's id; the hint is `{id}-hint`.
    id: &'static str,
    label: Tr,
    hint: Tr,
    remove_label: Tr,
    max_bytes: f64,
    has_image: Signal<bool>,
    busy: RwSignal<bool>,
    error: ErrSignal,
    /// A file that passed the checks, with its content type.
    on_file: Callback<(web_sys::File, String)>,
    on_remove: Callback<()>,
) -> impl IntoView {
    let input = NodeRef::<leptos::html::Input>::new();
    let hint_id = format!("{id}-hint");
    let on_change = move |_| {
        let Some(el) = input.get() else { return };
        let Some(file) = el.files().and_then(|f| f.item(0)) else {
            return;
        };
        el.set_value("");
        let kind = file.type_();
        if !TYPES.contains(&kind.as_str()) {
            error.set(Some(ApiError::from_code(ErrorCode::UnsupportedMediaType)));
        } else if file.size() > max_bytes {
            error.set(Some(ApiError::from_code(ErrorCode::PayloadTooLarge)));
        } else {
            error.set(None);
            on_file.run((file, kind));
        }
    };
    view! {
        <div class="space-y-2">
            <label for=id class=LABEL>{t(label)}</label>
            <input
                id=id
                type="file"
                accept="image/png,image/jpeg,image/webp"
                node_ref=input
                disabled=move || busy.get()
                aria-describedby=hint_id.clone()
                class="block text-sm text-gray-900 file:mr-3 file:rounded-md file:border-0 file:bg-emerald-700 file:px-3 file:py-2 file:text-sm file:font-semibold file:text-white hover:file:bg-emerald-800 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-emerald-600"
                on:change=on_change
            />
            <p id=hint_id class=HINT>{t(hint)}</p>
            <Show when=move || busy.get()>
                <p role="status" class="text-sm text-gray-700">{t(orgs::UPLOADING)}</p>
            </Show>
            <Show when=move || has_image.get()>
                <button type="button" class=SMALL_DANGER disabled=move || busy.get() on:click=move |_| on_remove.run(())>
                    {t(remove_label)}
                </button>
            </Show>
        </div>
    }
}
