//! A field written in English and French: one label (the legend), a tab pair "English" /
//! "French" and one input per language. All bilingual fields of a form share the open tab, so
//! switching to French shows every French input at once; both inputs stay in the page.

use common::Lang;
use leptos::prelude::*;

use super::ErrSignal;
use super::field::{HINT, INPUT, LABEL, field_message};
use crate::i18n::{Tr, events as ev, t, use_lang};

const TAB: &str = "-mb-px rounded-t-md border border-transparent px-3 py-1.5 text-sm font-medium text-gray-700 hover:text-gray-900 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-emerald-600 aria-selected:border-gray-300 aria-selected:border-b-white aria-selected:bg-white aria-selected:text-emerald-900";

#[component]
pub fn BilingualField(
    /// Prefix of the element ids: `{id}-en`, `{id}-tab-en`, `{id}-panel-en`, ...
    id: &'static str,
    legend: Tr,
    label_en: Tr,
    label_fr: Tr,
    en: RwSignal<String>,
    fr: RwSignal<String>,
    /// The open language, shared by the form's bilingual fields.
    tab: RwSignal<Lang>,
    #[prop(optional, into)] field: String,
    #[prop(optional)] error: Option<ErrSignal>,
    #[prop(optional)] hint: Option<Tr>,
    /// Rows of a `<textarea>`; a one-line input when `None`.
    #[prop(optional)]
    rows: Option<u32>,
    #[prop(optional)] code_font: bool,
) -> impl IntoView {
    let lang = use_lang();
    let msg = field_message(error, field);
    let hint_id = format!("{id}-hint");
    let err_id = format!("{id}-error");
    let described = if hint.is_some() {
        format!("{hint_id} {err_id}")
    } else {
        err_id.clone()
    };
    let legend_text = t(legend);
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        let next = match ev.key().as_str() {
            "ArrowRight" | "ArrowLeft" | "Home" | "End" => match tab.get_untracked() {
                Lang::En => Lang::Fr,
                Lang::Fr => Lang::En,
            },
            _ => return,
        };
        ev.prevent_default();
        tab.set(next);
        if let Some(el) = document().get_element_by_id(&format!("{id}-tab-{}", next.as_str()))
            && let Ok(el) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(el)
        {
            let _ = el.focus();
        }
    };
    let tab_button = move |l: Lang, name: Tr, value: RwSignal<String>| {
        view! {
            <button
                type="button"
                role="tab"
                id=format!("{id}-tab-{}", l.as_str())
                aria-controls=format!("{id}-panel-{}", l.as_str())
                aria-selected=move || (tab.get() == l).to_string()
                tabindex=move || if tab.get() == l { "0" } else { "-1" }
                class=TAB
                on:click=move |_| tab.set(l)
            >
                {t(name)}
                <span class="ml-1 text-emerald-700" aria-hidden="true">
                    {move || if value.with(|v| v.trim().is_empty()) { "" } else { "✓" }}
                </span>
            </button>
        }
    };
    let msg_for_panels = msg.clone();
    let panel = move |l: Lang, label: Tr, value: RwSignal<String>| {
        let msg = msg_for_panels.clone();
        let input_id = format!("{id}-{}", l.as_str());
        let described = described.clone();
        let invalid = {
            let msg = msg.clone();
            move || msg().is_some().to_string()
        };
        let control = match rows {
            Some(rows) => view! {
                <textarea
                    id=input_id.clone()
                    name=input_id.clone()
                    rows=rows
                    lang=l.as_str()
                    class=if code_font { format!("{INPUT} font-mono text-sm") } else { INPUT.to_owned() }
                    aria-invalid=invalid
                    aria-describedby=described
                    bind:value=value
                ></textarea>
            }
            .into_any(),
            None => view! {
                <input
                    id=input_id.clone()
                    name=input_id.clone()
                    type="text"
                    lang=l.as_str()
                    class=INPUT
                    aria-invalid=invalid
                    aria-describedby=described
                    bind:value=value
                />
            }
            .into_any(),
        };
        view! {
            <div
                role="tabpanel"
                id=format!("{id}-panel-{}", l.as_str())
                aria-labelledby=format!("{id}-tab-{}", l.as_str())
                hidden=move || tab.get() != l
            >
                <label for=input_id class="sr-only">{t(label)}</label>
                {control}
            </div>
        }
    };
    view! {
        <fieldset class="space-y-1">
            <legend class=LABEL>{legend_text}</legend>
            <div
                role="tablist"
                aria-label=move || ev::LANGUAGES_OF.fill(lang.get(), &[("field", legend_text())])
                class="flex gap-1 border-b border-gray-300"
                on:keydown=on_key
            >
                {tab_button(Lang::En, ev::IN_ENGLISH, en)}
                {tab_button(Lang::Fr, ev::IN_FRENCH, fr)}
            </div>
            {panel(Lang::En, label_en, en)}
            {panel(Lang::Fr, label_fr, fr)}
            {hint.map(|h| view! { <p id=hint_id class=HINT>{t(h)}</p> })}
            <p id=err_id class="text-sm font-medium text-red-800">{msg}</p>
        </fieldset>
    }
}
