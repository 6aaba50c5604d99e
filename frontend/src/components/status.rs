//! Whole-page states: loading, not found (404), forbidden (403), and a failed load.

use leptos::prelude::*;

use super::button::{LINK, SECONDARY};
use super::title::PageTitle;
use crate::api::ApiError;
use crate::i18n::{error_text, t, ui, use_lang};

#[component]
pub fn Loading() -> impl IntoView {
    view! {
        <div role="status" class="flex items-center gap-3 py-8 text-gray-700">
            <span class="h-5 w-5 animate-spin rounded-full border-2 border-emerald-700 border-t-transparent" aria-hidden="true"></span>
            <span>{t(ui::LOADING)}</span>
        </div>
    }
}

#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <PageTitle tr=ui::NOT_FOUND_TITLE />
        <section class="mx-auto max-w-xl py-12 text-center space-y-4">
            <p class="text-5xl font-bold text-emerald-800">"404"</p>
            <h1 class="text-2xl font-bold text-gray-900">{t(ui::NOT_FOUND_TITLE)}</h1>
            <p class="text-gray-700">{t(ui::NOT_FOUND_TEXT)}</p>
            <a href="/" class=LINK>{t(ui::BACK_HOME)}</a>
        </section>
    }
}

#[component]
pub fn Forbidden() -> impl IntoView {
    view! {
        <PageTitle tr=ui::FORBIDDEN_TITLE />
        <section class="mx-auto max-w-xl py-12 text-center space-y-4">
            <p class="text-5xl font-bold text-emerald-800">"403"</p>
            <h1 class="text-2xl font-bold text-gray-900">{t(ui::FORBIDDEN_TITLE)}</h1>
            <p class="text-gray-700">{t(ui::FORBIDDEN_TEXT)}</p>
            <a href="/" class=LINK>{t(ui::BACK_HOME)}</a>
        </section>
    }
}

/// A load that failed, with a retry button.
#[component]
pub fn LoadError(error: ApiError, on_retry: Callback<()>) -> impl IntoView {
    let lang = use_lang();
    view! {
        <div role="alert" class="space-y-3 rounded-md border border-red-300 bg-red-50 p-4">
            <p class="font-medium text-red-900">{move || error_text(&error, lang.get())}</p>
            <button type="button" class=SECONDARY on:click=move |_| on_retry.run(())>
                {t(ui::RETRY)}
            </button>
        </div>
    }
}
