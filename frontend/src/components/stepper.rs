//! A quantity stepper: "−", a number field, "+". The number is labelled with what it counts
//! ("Quantity: Standard"); the buttons say what they do ("Add one Standard"). Values snap to 0 or
//! the `min`..=`max` range (see `state::checkout::snap`).

use leptos::prelude::*;

use crate::i18n::{checkout as co, use_lang};
use crate::state::checkout::snap;

const STEP: &str = "inline-flex h-9 w-9 items-center justify-center rounded-md border border-gray-300 bg-white text-lg font-semibold text-gray-900 hover:bg-gray-50 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-emerald-600 disabled:cursor-not-allowed disabled:opacity-50";

#[component]
pub fn QuantityStepper(
    /// The number field's id.
    #[prop(into)]
    id: String,
    /// What is counted, for the labels (a ticket type's name).
    #[prop(into)]
    name: Signal<String>,
    #[prop(into)] value: Signal<u32>,
    min: u32,
    max: u32,
    on_change: Callback<u32>,
) -> impl IntoView {
    let lang = use_lang();
    let set = move |wanted: u32| {
        let prev = value.get_untracked();
        let next = snap(wanted, prev, min, max);
        if next != prev {
            on_change.run(next);
        }
    };
    let label_for = id.clone();
    view! {
        <div class="flex items-center gap-1">
            <label for=label_for class="sr-only">{move || co::QUANTITY_OF.fill(lang.get(), &[("name", &name.get())])}</label>
            <button
                type="button"
                class=STEP
                aria-label=move || co::REMOVE_ONE.fill(lang.get(), &[("name", &name.get())])
                disabled=move || value.get() == 0
                on:click=move |_| set(value.get_untracked().saturating_sub(1))
            >
                <span aria-hidden="true">"−"</span>
            </button>
            <input
                id=id
                type="number"
                inputmode="numeric"
                min="0"
                max=max.to_string()
                class="h-9 w-16 rounded-md border border-gray-300 bg-white px-2 text-center text-gray-900 focus:border-emerald-600 focus:outline-none focus:ring-2 focus:ring-emerald-600/40"
                prop:value=move || value.get().to_string()
                on:change=move |ev| {
                    let typed = event_target_value(&ev).trim().parse::<u32>().unwrap_or(0);
                    set(typed);
                    // Show the snapped value even when it did not change the selection.
                    if let Some(input) = ev.target().and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlInputElement>(t).ok()) {
                        input.set_value(&value.get_untracked().to_string());
                    }
                }
            />
            <button
                type="button"
                class=STEP
                aria-label=move || co::ADD_ONE.fill(lang.get(), &[("name", &name.get())])
                disabled=move || { value.get() >= max || max < min.max(1) }
                on:click=move |_| set(value.get_untracked() + 1)
            >
                <span aria-hidden="true">"+"</span>
            </button>
        </div>
    }
}
