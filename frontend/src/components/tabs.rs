//! Tabs as the ARIA tabs pattern wants them: a `tablist` of buttons (arrow keys move between
//! them, only the selected one is in the tab order) and one `tabpanel` for the selected tab.
//! Ids are `tab-{key}` and `panel-{key}`, so keys must be unique in the page.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::i18n::{Tr, t};

/// One tab: its value, the key of its ids, its label.
pub type TabDef<K> = (K, &'static str, Tr);

#[component]
pub fn Tabs<K, F, V>(
    /// Names the tab list for screen readers.
    label: Tr,
    tabs: &'static [TabDef<K>],
    current: RwSignal<K>,
    /// The selected tab's panel.
    panel: F,
) -> impl IntoView
where
    K: Copy + PartialEq + Send + Sync + 'static,
    F: Fn(K) -> V + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        let i = tabs
            .iter()
            .position(|(k, _, _)| *k == current.get_untracked())
            .unwrap_or(0);
        let next = match ev.key().as_str() {
            "ArrowRight" => (i + 1) % tabs.len(),
            "ArrowLeft" => (i + tabs.len() - 1) % tabs.len(),
            "Home" => 0,
            "End" => tabs.len() - 1,
            _ => return,
        };
        ev.prevent_default();
        current.set(tabs[next].0);
        if let Some(el) = document().get_element_by_id(&format!("tab-{}", tabs[next].1))
            && let Ok(el) = el.dyn_into::<web_sys::HtmlElement>()
        {
            let _ = el.focus();
        }
    };
    view! {
        <div role="tablist" aria-label=t(label) class="flex flex-wrap gap-1 border-b border-gray-200" on:keydown=on_key>
            {tabs
                .iter()
                .map(|&(k, id, name)| {
                    view! {
                        <button
                            type="button"
                            role="tab"
                            id=format!("tab-{id}")
                            aria-controls=format!("panel-{id}")
                            aria-selected=move || (current.get() == k).to_string()
                            tabindex=move || if current.get() == k { "0" } else { "-1" }
                            class="-mb-px border-b-2 border-transparent px-4 py-2 text-sm font-medium text-gray-700 hover:text-gray-900 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-emerald-600 aria-selected:border-emerald-700 aria-selected:text-emerald-900"
                            on:click=move |_| current.set(k)
                        >
                            {t(name)}
                        </button>
                    }
                })
                .collect_view()}
        </div>
        {move || {
            let k = current.get();
            let id = tabs.iter().find(|(key, _, _)| *key == k).map_or("", |(_, id, _)| *id);
            view! {
                <div role="tabpanel" id=format!("panel-{id}") aria-labelledby=format!("tab-{id}") tabindex="0" class="focus:outline-none">
                    {panel(k)}
                </div>
            }
        }}
    }
}
