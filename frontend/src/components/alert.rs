//! Messages in live regions: errors of a form or a call (`role="alert"`) and confirmations
//! (`role="status"`). The regions are always in the page so screen readers announce changes.

use std::sync::Arc;

use common::Lang;
use leptos::prelude::*;

use super::ErrSignal;
use crate::i18n::{Tr, error_text, use_lang};

/// A confirmation that stays in the reader's language when they switch it.
#[derive(Clone)]
pub struct Flash(Arc<dyn Fn(Lang) -> String + Send + Sync>);

impl Flash {
    pub fn new(tr: Tr) -> Flash {
        Flash(Arc::new(move |l| tr.get(l).to_owned()))
    }

    /// A text with one `{key}` placeholder.
    pub fn fill(tr: Tr, key: &'static str, value: String) -> Flash {
        Flash(Arc::new(move |l| tr.fill(l, &[(key, &value)])))
    }

    pub fn with(f: impl Fn(Lang) -> String + Send + Sync + 'static) -> Flash {
        Flash(Arc::new(f))
    }

    pub fn text(&self, lang: Lang) -> String {
        (self.0)(lang)
    }
}

/// The error of a call, with the field errors listed when the fields are not on screen.
#[component]
pub fn ErrorAlert(error: ErrSignal) -> impl IntoView {
    let lang = use_lang();
    let text = move || error.with(|e| e.as_ref().map(|e| error_text(e, lang.get())));
    view! {
        <div role="alert" aria-live="assertive" class="empty:hidden">
            {move || {
                text()
                    .map(|msg| {
                        view! {
                            <p class="rounded-md border border-red-300 bg-red-50 px-4 py-3 text-sm font-medium text-red-900">
                                {msg}
                            </p>
                        }
                    })
            }}
        </div>
    }
}

/// A success message.
#[component]
pub fn FlashMessage(flash: RwSignal<Option<Flash>>) -> impl IntoView {
    let lang = use_lang();
    view! {
        <div role="status" aria-live="polite" class="empty:hidden">
            {move || {
                flash
                    .get()
                    .map(|f| {
                        view! {
                            <p class="rounded-md border border-emerald-300 bg-emerald-50 px-4 py-3 text-sm font-medium text-emerald-900">
                                {f.text(lang.get())}
                            </p>
                        }
                    })
            }}
        </div>
    }
}
