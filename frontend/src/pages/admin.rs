//! `/admin` (platform administrators only): tabs Organizations, Users, Tiers, Categories.

pub mod categories;
pub mod orgs;
pub mod tiers;
pub mod users;

use leptos::prelude::*;

use crate::components::PageTitle;
use crate::i18n::{Tr, admin, t};

#[derive(Clone, Copy, PartialEq, Eq)]
enum Tab {
    Orgs,
    Users,
    Tiers,
    Categories,
}

const TABS: [(Tab, &str, Tr); 4] = [
    (Tab::Orgs, "orgs", admin::TAB_ORGS),
    (Tab::Users, "users", admin::TAB_USERS),
    (Tab::Tiers, "tiers", admin::TAB_TIERS),
    (Tab::Categories, "categories", admin::TAB_CATEGORIES),
];

#[component]
pub fn AdminPage() -> impl IntoView {
    let tab = RwSignal::new(Tab::Orgs);
    // Arrow keys move between tabs, as the ARIA tabs pattern expects.
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        let i = TABS
            .iter()
            .position(|(k, _, _)| *k == tab.get_untracked())
            .unwrap_or(0);
        let next = match ev.key().as_str() {
            "ArrowRight" => (i + 1) % TABS.len(),
            "ArrowLeft" => (i + TABS.len() - 1) % TABS.len(),
            _ => return,
        };
        ev.prevent_default();
        tab.set(TABS[next].0);
        if let Some(el) =
            leptos::prelude::document().get_element_by_id(&format!("tab-{}", TABS[next].1))
            && let Ok(el) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(el)
        {
            let _ = el.focus();
        }
    };
    view! {
        <PageTitle tr=admin::TITLE />
        <section class="space-y-6">
            <h1 class="text-2xl font-bold text-gray-900">{t(admin::TITLE)}</h1>
            <div role="tablist" aria-label=t(admin::SECTIONS) class="flex gap-1 border-b border-gray-200" on:keydown=on_key>
                {TABS
                    .into_iter()
                    .map(|(k, id, label)| {
                        view! {
                            <button
                                type="button"
                                role="tab"
                                id=format!("tab-{id}")
                                aria-controls=format!("panel-{id}")
                                aria-selected=move || (tab.get() == k).to_string()
                                tabindex=move || if tab.get() == k { "0" } else { "-1" }
                                class="-mb-px border-b-2 border-transparent px-4 py-2 text-sm font-medium text-gray-700 hover:text-gray-900 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-emerald-600 aria-selected:border-emerald-700 aria-selected:text-emerald-900"
                                on:click=move |_| tab.set(k)
                            >
                                {t(label)}
                            </button>
                        }
                    })
                    .collect_view()}
            </div>
            {move || {
                let (k, id, _) = TABS.into_iter().find(|(k, _, _)| *k == tab.get()).unwrap_or(TABS[0]);
                let panel = match k {
                    Tab::Orgs => view! { <orgs::AdminOrgs /> }.into_any(),
                    Tab::Users => view! { <users::AdminUsers /> }.into_any(),
                    Tab::Tiers => view! { <tiers::AdminTiers /> }.into_any(),
                    Tab::Categories => view! { <categories::AdminCategories /> }.into_any(),
                };
                view! {
                    <div role="tabpanel" id=format!("panel-{id}") aria-labelledby=format!("tab-{id}") tabindex="0" class="focus:outline-none">
                        {panel}
                    </div>
                }
            }}
        </section>
    }
}
