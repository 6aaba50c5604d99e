//! The logo part of the settings: preview of the current logo, a "Logo" file input that uploads
//! at once (PNG, JPEG or WebP, at most 1 MiB, checked here first), and "Remove logo".

use common::ErrorCode;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::layout::use_org;
use crate::api::{self, ApiError};
use crate::components::button::SMALL_DANGER;
use crate::components::field::{HINT, LABEL};
use crate::components::{ErrSignal, ErrorAlert, Flash, FlashMessage};
use crate::i18n::{orgs, t, use_lang};
use crate::state::use_session;

const MAX_BYTES: f64 = 1024.0 * 1024.0;
const TYPES: [&str; 3] = ["image/png", "image/jpeg", "image/webp"];

#[component]
pub fn LogoEditor() -> impl IntoView {
    let ctx = use_org();
    let session = use_session();
    let lang = use_lang();
    let input = NodeRef::<leptos::html::Input>::new();
    let error: ErrSignal = RwSignal::new(None);
    let flash = RwSignal::new(None);
    let busy = RwSignal::new(false);
    let logo = move || {
        ctx.org
            .with(|o| o.as_ref().and_then(|o| o.logo_url.clone()))
    };
    let org_name = move || {
        ctx.org
            .with(|o| o.as_ref().map(|o| o.name.clone()).unwrap_or_default())
    };

    let finish = move |result: Result<common::orgs::Organization, ApiError>, done: Flash| {
        match result {
            Ok(org) => {
                session.upsert_org(org.clone());
                ctx.org.set(Some(org));
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
        let Some(id) = ctx.id() else { return };
        error.set(None);
        busy.set(true);
        spawn_local(async move {
            let r = api::orgs::upload_org_logo(id, file.into(), &kind).await;
            finish(r, Flash::new(orgs::LOGO_UPDATED));
        });
    };
    let on_remove = move |_| {
        let Some(id) = ctx.id() else { return };
        error.set(None);
        flash.set(None);
        busy.set(true);
        spawn_local(async move {
            let r = api::orgs::delete_org_logo(id).await;
            finish(r, Flash::new(orgs::LOGO_REMOVED));
        });
    };

    view! {
        <div class="space-y-4 rounded-lg border border-gray-200 bg-white p-6 shadow-sm">
            <ErrorAlert error />
            <FlashMessage flash />
            <div class="flex flex-wrap items-center gap-6">
                {move || match logo() {
                    Some(src) => view! {
                        <img
                            src=src
                            alt=move || orgs::LOGO_ALT.fill(lang.get(), &[("org", &org_name())])
                            class="h-24 w-24 rounded-md border border-gray-200 object-contain"
                        />
                    }
                    .into_any(),
                    None => view! {
                        <div class="flex h-24 w-24 items-center justify-center rounded-md border border-dashed border-gray-300 p-2 text-center text-xs text-gray-600">
                            {t(orgs::NO_LOGO)}
                        </div>
                    }
                    .into_any(),
                }}
                <div class="space-y-2">
                    <label for="org-logo" class=LABEL>{t(orgs::LOGO)}</label>
                    <input
                        id="org-logo"
                        type="file"
                        accept="image/png,image/jpeg,image/webp"
                        node_ref=input
                        disabled=move || busy.get()
                        aria-describedby="org-logo-hint"
                        class="block text-sm text-gray-900 file:mr-3 file:rounded-md file:border-0 file:bg-emerald-700 file:px-3 file:py-2 file:text-sm file:font-semibold file:text-white hover:file:bg-emerald-800 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-emerald-600"
                        on:change=on_change
                    />
                    <p id="org-logo-hint" class=HINT>{t(orgs::LOGO_HINT)}</p>
                    <Show when=move || busy.get()>
                        <p role="status" class="text-sm text-gray-700">{t(orgs::UPLOADING)}</p>
                    </Show>
                    <Show when=move || logo().is_some()>
                        <button type="button" class=SMALL_DANGER disabled=move || busy.get() on:click=on_remove>
                            {t(orgs::REMOVE_LOGO)}
                        </button>
                    </Show>
                </div>
            </div>
        </div>
    }
}
