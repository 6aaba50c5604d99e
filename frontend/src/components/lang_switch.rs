//! The language switch: a `<select>` labelled "Language"/"Langue". A choice changes every text at
//! once, is remembered on this device and, when signed in, saved to the profile.

use common::Lang;
use common::users::UpdateMe;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api;
use crate::i18n::{t, ui, use_lang};
use crate::state::{self, AuthStatus, use_session};

#[component]
pub fn LangSwitch() -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let on_change = move |ev| {
        let Some(chosen) = Lang::from_tag(&event_target_value(&ev)) else {
            return;
        };
        if chosen == lang.get_untracked() {
            return;
        }
        state::lang::apply(chosen);
        state::lang::remember(chosen);
        lang.set(chosen);
        if session.status.get_untracked() == AuthStatus::SignedIn {
            spawn_local(async move {
                let patch = UpdateMe {
                    language: Some(chosen),
                    ..Default::default()
                };
                if let Ok(me) = api::me::update_me(&patch).await {
                    session.me.set(Some(me));
                }
            });
        }
    };
    view! {
        <select
            id="lang-switch"
            aria-label=t(ui::LANGUAGE)
            class="rounded-md border border-gray-300 bg-white px-2 py-1.5 text-sm text-gray-900 focus:border-emerald-600 focus:outline-none focus:ring-2 focus:ring-emerald-600/40"
            on:change=on_change
        >
            <option value="en" lang="en" prop:selected=move || lang.get() == Lang::En>"English"</option>
            <option value="fr" lang="fr" prop:selected=move || lang.get() == Lang::Fr>"Français"</option>
        </select>
    }
}
