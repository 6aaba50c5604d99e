//! Labelled form fields. Each has a `<label for>`, an optional hint, and the API's error for its
//! field (matched by name) shown beneath it and tied with `aria-describedby`/`aria-invalid`.

use leptos::prelude::*;

use super::ErrSignal;
use crate::i18n::{Tr, field_error_text, t, use_lang};

pub const LABEL: &str = "block text-sm font-medium text-gray-900";
pub const INPUT: &str = "block w-full rounded-md border border-gray-300 bg-white px-3 py-2 text-gray-900 shadow-sm placeholder:text-gray-500 focus:border-emerald-600 focus:outline-none focus:ring-2 focus:ring-emerald-600/40 aria-[invalid=true]:border-red-600 disabled:bg-gray-100 disabled:text-gray-600 [&[readonly]]:bg-gray-100 [&[readonly]]:text-gray-700";
pub const HINT: &str = "text-sm text-gray-600";
const ERROR: &str = "text-sm font-medium text-red-800";

/// The translated errors for `field` in `error`, if any (several are joined).
pub fn field_message(
    error: Option<ErrSignal>,
    field: String,
) -> impl Fn() -> Option<String> + Clone + Send + Sync {
    let lang = use_lang();
    move || {
        let all = error?.with(|e| e.as_ref().map(|e| e.field_all(&field)))?;
        let l = lang.get();
        let mut texts: Vec<String> = Vec::new();
        for fe in &all {
            let text = field_error_text(fe, l);
            if !texts.contains(&text) {
                texts.push(text);
            }
        }
        (!texts.is_empty()).then(|| texts.join(" · "))
    }
}

#[component]
pub fn TextField(
    /// The input's `id` (and `name`).
    #[prop(into)]
    id: String,
    label: Tr,
    value: RwSignal<String>,
    /// The API field whose errors show here.
    #[prop(optional, into)]
    field: String,
    #[prop(optional)] error: Option<ErrSignal>,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional)] hint: Option<Tr>,
    /// A hint computed at run time (with a currency or a time zone in it), instead of `hint`.
    #[prop(optional, into)]
    hint_text: Option<Signal<String>>,
    #[prop(optional)] autocomplete: Option<&'static str>,
    #[prop(optional)] inputmode: Option<&'static str>,
    #[prop(optional)] required: bool,
    #[prop(optional, into)] disabled: MaybeProp<bool>,
    /// `min` of number and date inputs.
    #[prop(optional)]
    min: Option<&'static str>,
) -> impl IntoView {
    let msg = field_message(error, field);
    let hint_id = format!("{id}-hint");
    let err_id = format!("{id}-error");
    let (label_for, input_id) = (id.clone(), id.clone());
    let described = if hint.is_some() || hint_text.is_some() {
        format!("{hint_id} {err_id}")
    } else {
        err_id.clone()
    };
    let dynamic_hint_id = hint_id.clone();
    view! {
        <div class="space-y-1">
            <label for=label_for class=LABEL>{t(label)}</label>
            <input
                id=input_id
                name=id
                type=kind
                class=INPUT
                autocomplete=autocomplete
                inputmode=inputmode
                min=min
                required=required
                aria-invalid={
                    let msg = msg.clone();
                    move || msg().is_some().to_string()
                }
                aria-describedby=described
                disabled=move || disabled.get().unwrap_or(false)
                bind:value=value
            />
            {hint.map(|h| view! { <p id=hint_id class=HINT>{t(h)}</p> })}
            {hint_text.map(|h| view! { <p id=dynamic_hint_id class=HINT>{h}</p> })}
            <p id=err_id class=ERROR>{msg}</p>
        </div>
    }
}

/// A `<select>` bound to a string value; `options` are `(value, label)` pairs.
#[component]
pub fn SelectField(
    #[prop(into)] id: String,
    label: Tr,
    value: RwSignal<String>,
    #[prop(into)] options: Signal<Vec<(String, String)>>,
    #[prop(optional, into)] field: String,
    #[prop(optional)] error: Option<ErrSignal>,
    #[prop(optional)] hint: Option<Tr>,
    /// A first, empty choice such as "Choose…".
    #[prop(optional)]
    placeholder: Option<Tr>,
    #[prop(optional, into)] disabled: MaybeProp<bool>,
) -> impl IntoView {
    let msg = field_message(error, field);
    let hint_id = format!("{id}-hint");
    let err_id = format!("{id}-error");
    let (label_for, input_id) = (id.clone(), id.clone());
    let described = if hint.is_some() {
        format!("{hint_id} {err_id}")
    } else {
        err_id.clone()
    };
    view! {
        <div class="space-y-1">
            <label for=label_for class=LABEL>{t(label)}</label>
            <select
                id=input_id
                name=id
                class=INPUT
                aria-invalid={
                    let msg = msg.clone();
                    move || msg().is_some().to_string()
                }
                aria-describedby=described
                disabled=move || disabled.get().unwrap_or(false)
                on:change=move |ev| value.set(event_target_value(&ev))
            >
                {placeholder
                    .map(|p| {
                        view! {
                            <option value="" disabled=true prop:selected=move || value.get().is_empty()>
                                {t(p)}
                            </option>
                        }
                    })}
                {move || {
                    options
                        .get()
                        .into_iter()
                        .map(|(v, l)| {
                            let selected = v.clone();
                            view! { <option value=v prop:selected=move || value.get() == selected>{l}</option> }
                        })
                        .collect_view()
                }}
            </select>
            {hint.map(|h| view! { <p id=hint_id class=HINT>{t(h)}</p> })}
            <p id=err_id class=ERROR>{msg}</p>
        </div>
    }
}

/// A multi-line text field (`<textarea>`), with the same label, hint and error wiring.
#[component]
pub fn TextAreaField(
    #[prop(into)] id: String,
    label: Tr,
    value: RwSignal<String>,
    #[prop(optional, into)] field: String,
    #[prop(optional)] error: Option<ErrSignal>,
    #[prop(optional)] hint: Option<Tr>,
    #[prop(default = 4)] rows: u32,
    /// Monospace, no spell checking (code such as CSS).
    #[prop(optional)]
    code: bool,
    /// The language of the text, for spell checking and screen readers.
    #[prop(optional)]
    lang: Option<&'static str>,
    /// Keeps the label for screen readers only (a visible heading names the field).
    #[prop(optional)]
    label_hidden: bool,
) -> impl IntoView {
    let msg = field_message(error, field);
    let hint_id = format!("{id}-hint");
    let err_id = format!("{id}-error");
    let (label_for, input_id) = (id.clone(), id.clone());
    let described = if hint.is_some() {
        format!("{hint_id} {err_id}")
    } else {
        err_id.clone()
    };
    let class = if code {
        format!("{INPUT} font-mono text-sm")
    } else {
        INPUT.to_owned()
    };
    view! {
        <div class="space-y-1">
            <label for=label_for class=if label_hidden { "sr-only" } else { LABEL }>{t(label)}</label>
            <textarea
                id=input_id
                name=id
                rows=rows
                class=class
                lang=lang
                spellcheck=if code { "false" } else { "true" }
                aria-invalid={
                    let msg = msg.clone();
                    move || msg().is_some().to_string()
                }
                aria-describedby=described
                bind:value=value
            ></textarea>
            {hint.map(|h| view! { <p id=hint_id class=HINT>{t(h)}</p> })}
            <p id=err_id class=ERROR>{msg}</p>
        </div>
    }
}

/// A checkbox with its label to the right and an optional hint.
#[component]
pub fn CheckboxField(
    #[prop(into)] id: String,
    label: Tr,
    checked: RwSignal<bool>,
    #[prop(optional)] hint: Option<Tr>,
) -> impl IntoView {
    let hint_id = format!("{id}-hint");
    let (label_for, input_id) = (id.clone(), id.clone());
    let described = hint.is_some().then(|| hint_id.clone());
    view! {
        <div class="space-y-1">
            <div class="flex items-center gap-2">
                <input
                    id=input_id
                    name=id
                    type="checkbox"
                    class="h-4 w-4 rounded border-gray-400 text-emerald-700 focus:ring-2 focus:ring-emerald-600"
                    aria-describedby=described
                    bind:checked=checked
                />
                <label for=label_for class=LABEL>{t(label)}</label>
            </div>
            {hint.map(|h| view! { <p id=hint_id class=HINT>{t(h)}</p> })}
        </div>
    }
}
