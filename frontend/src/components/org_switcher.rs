//! The organization switcher: a `<select>` labelled "Organization"/"Organisation" listing my
//! organizations and "New organization".

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use uuid::Uuid;

use crate::i18n::{t, ui};
use crate::state::use_session;

const NEW: &str = "new";

#[component]
pub fn OrgSwitcher() -> impl IntoView {
    let session = use_session();
    let navigate = use_navigate();
    let on_change = move |ev| {
        let value = event_target_value(&ev);
        if value == NEW {
            navigate("/orgs/new", Default::default());
        } else if let Ok(id) = Uuid::parse_str(&value) {
            session.set_current_org(Some(id));
            navigate(&format!("/orgs/{id}"), Default::default());
        }
    };
    view! {
        <div class="flex items-center gap-2">
            <label for="org-switcher" class="sr-only">{t(ui::ORGANIZATION)}</label>
            <select
                id="org-switcher"
                class="max-w-[14rem] rounded-md border border-gray-300 bg-white px-2 py-1.5 text-sm text-gray-900 focus:border-emerald-600 focus:outline-none focus:ring-2 focus:ring-emerald-600/40"
                on:change=on_change
            >
                {move || {
                    session
                        .orgs
                        .get()
                        .into_iter()
                        .map(|o| {
                            let id = o.id;
                            view! {
                                <option value=id.to_string() prop:selected=move || session.current_org.get() == Some(id)>
                                    {o.name}
                                </option>
                            }
                        })
                        .collect_view()
                }}
                <option value=NEW prop:selected=move || session.current_org.get().is_none()>
                    {t(ui::NEW_ORGANIZATION)}
                </option>
            </select>
        </div>
    }
}
