//! The logo part of the settings: preview of the current logo, a "Logo" file input that uploads
//! at once (PNG, JPEG or WebP, at most 1 MiB, checked here first), and "Remove logo".

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::layout::use_org;
use crate::api::{self, ApiError};
use crate::components::{ErrSignal, ErrorAlert, Flash, FlashMessage, ImageUpload};
use crate::i18n::{orgs, t, use_lang};
use crate::state::use_session;

const MAX_BYTES: f64 = 1024.0 * 1024.0;

#[component]
pub fn LogoEditor() -> impl IntoView {
    let ctx = use_org();
    let session = use_session();
    let lang = use_lang();
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

    let on_file = Callback::new(move |(file, kind): (web_sys::File, String)| {
        let Some(id) = ctx.id() else { return };
        flash.set(None);
        busy.set(true);
        spawn_local(async move {
            let r = api::orgs::upload_org_logo(id, file.into(), &kind).await;
            finish(r, Flash::new(orgs::LOGO_UPDATED));
        });
    });
    let on_remove = Callback::new(move |()| {
        let Some(id) = ctx.id() else { return };
        error.set(None);
        flash.set(None);
        busy.set(true);
        spawn_local(async move {
            let r = api::orgs::delete_org_logo(id).await;
            finish(r, Flash::new(orgs::LOGO_REMOVED));
        });
    });

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
                <ImageUpload
                    id="org-logo"
                    label=orgs::LOGO
                    hint=orgs::LOGO_HINT
                    remove_label=orgs::REMOVE_LOGO
                    max_bytes=MAX_BYTES
                    has_image=Signal::derive(move || logo().is_some())
                    busy
                    error
                    on_file
                    on_remove
                />
            </div>
        </div>
    }
}
