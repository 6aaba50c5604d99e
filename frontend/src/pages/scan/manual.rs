//! Typing a ticket's code, for a QR code the camera cannot read (a cracked screen, a crumpled
//! print). Focus stays in the field after each check, so codes can be typed one after another.

use leptos::prelude::*;

use super::session::{Scanner, Target};
use crate::components::button::PRIMARY;
use crate::components::field::{HINT, INPUT, LABEL};
use crate::i18n::{scanner as sc, t};

#[component]
pub fn ManualEntry(scanner: Scanner) -> impl IntoView {
    let code = RwSignal::new(String::new());
    let input = NodeRef::<leptos::html::Input>::new();
    let swag = matches!(scanner.target, Target::Swag(_));
    let on_submit = move |e: leptos::ev::SubmitEvent| {
        e.prevent_default();
        super::feedback::unlock();
        let value = code.get_untracked();
        if value.trim().is_empty() {
            return;
        }
        scanner.submit(value);
        code.set(String::new());
        if let Some(i) = input.get_untracked() {
            let _ = i.focus();
        }
    };
    view! {
        <section aria-labelledby="manual-heading" class="space-y-2 rounded-xl border border-gray-200 bg-white p-4 shadow-sm">
            <h2 id="manual-heading" class="text-lg font-semibold text-gray-900">{t(sc::MANUAL)}</h2>
            <form class="space-y-2" novalidate=true on:submit=on_submit>
                <label for="scan-code" class=LABEL>{t(sc::CODE)}</label>
                <div class="flex gap-2">
                    <input
                        id="scan-code"
                        name="code"
                        node_ref=input
                        class=format!("{INPUT} font-mono uppercase")
                        autocomplete="off"
                        autocapitalize="characters"
                        spellcheck="false"
                        aria-describedby="scan-code-hint"
                        disabled=move || scanner.revoked.get()
                        bind:value=code
                    />
                    <button type="submit" class=format!("{PRIMARY} whitespace-nowrap") disabled=move || scanner.revoked.get()>
                        {t(if swag { sc::HAND_OUT } else { sc::CHECK })}
                    </button>
                </div>
                <p id="scan-code-hint" class=HINT>{t(sc::CODE_HINT)}</p>
            </form>
        </section>
    }
}
