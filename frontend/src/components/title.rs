//! The document title ("Members · Reckot"), kept in the reader's language while a page is shown.

use leptos::prelude::*;

use crate::i18n::{Tr, use_lang};

/// Sets `document.title` from a fixed text (`tr`) or a computed one (`text`).
#[component]
pub fn PageTitle(
    #[prop(optional)] tr: Option<Tr>,
    #[prop(optional, into)] text: Option<Signal<String>>,
) -> impl IntoView {
    let lang = use_lang();
    Effect::new(move |_| {
        let title = match (text, tr) {
            (Some(s), _) => s.get(),
            (None, Some(tr)) => tr.get(lang.get()).to_owned(),
            (None, None) => String::new(),
        };
        let full = if title.is_empty() {
            "Reckot".to_owned()
        } else {
            format!("{title} · Reckot")
        };
        if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
            doc.set_title(&full);
        }
    });
}
