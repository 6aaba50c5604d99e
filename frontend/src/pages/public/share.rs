//! Share an event: "Copy link" (clipboard), WhatsApp, X (Twitter) and Facebook links with the
//! page address and title URL-encoded.

use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen_futures::JsFuture;

use crate::components::button::SMALL_SECONDARY;
use crate::i18n::{Tr, public as pb, t};
use crate::util::encode;

/// `(label, href)` of the share links.
pub fn share_links(url: &str, title: &str) -> [(Tr, String); 3] {
    let text = if title.is_empty() {
        url.to_owned()
    } else {
        format!("{title} {url}")
    };
    [
        (
            pb::SHARE_WHATSAPP,
            format!("https://wa.me/?text={}", encode(&text)),
        ),
        (
            pb::SHARE_X,
            format!(
                "https://twitter.com/intent/tweet?text={}&url={}",
                encode(title),
                encode(url)
            ),
        ),
        (
            pb::SHARE_FACEBOOK,
            format!(
                "https://www.facebook.com/sharer/sharer.php?u={}",
                encode(url)
            ),
        ),
    ]
}

#[component]
pub fn ShareButtons(url: String, #[prop(into)] title: Signal<String>) -> impl IntoView {
    let copied = RwSignal::new(None::<bool>);
    let to_copy = url.clone();
    let copy = move |_| {
        let text = to_copy.clone();
        spawn_local(async move {
            let ok = match web_sys::window() {
                Some(w) => JsFuture::from(w.navigator().clipboard().write_text(&text))
                    .await
                    .is_ok(),
                None => false,
            };
            copied.set(Some(ok));
        });
    };
    let shown_url = url.clone();
    view! {
        <div class="space-y-3">
            <div class="flex flex-wrap gap-2">
                <button type="button" class=SMALL_SECONDARY on:click=copy>{t(pb::COPY_LINK)}</button>
                {move || {
                    let url = url.clone();
                    share_links(&url, &title.get())
                        .into_iter()
                        .map(|(label, href)| {
                            view! {
                                <a href=href target="_blank" rel="noopener noreferrer" class=SMALL_SECONDARY>
                                    {t(label)}
                                    <span class="sr-only">" " {t(pb::NEW_TAB)}</span>
                                </a>
                            }
                        })
                        .collect_view()
                }}
            </div>
            <p role="status" class="text-sm text-gray-700 empty:hidden">
                {move || match copied.get() {
                    Some(true) => Some(view! { <span>{t(pb::LINK_COPIED)}</span> }.into_any()),
                    Some(false) => Some(view! { <span class="break-all font-mono">{shown_url.clone()}</span> }.into_any()),
                    None => None,
                }}
            </p>
        </div>
    }
}
