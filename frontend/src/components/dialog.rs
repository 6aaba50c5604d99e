//! Dialogs on the native `<dialog>` element: modal, focus kept inside, Escape cancels. Opened and
//! closed through the `open` signal. A confirmation (optional children, such as a reason field,
//! sit under the message), and a form that shows its errors inside.

use leptos::prelude::*;

use super::ErrSignal;
use super::alert::ErrorAlert;
use super::button::{DANGER, PRIMARY, SECONDARY};
use crate::i18n::{Tr, t, ui, use_lang};

#[component]
pub fn ConfirmDialog(
    /// Unique in the page; used for the ARIA ids.
    id: &'static str,
    open: RwSignal<bool>,
    #[prop(into)] title: Signal<String>,
    #[prop(into)] message: Signal<String>,
    #[prop(into)] confirm_label: Signal<Tr>,
    #[prop(optional, into)] danger: MaybeProp<bool>,
    on_confirm: Callback<()>,
    /// Fields shown under the message (e.g. a reason), read by `on_confirm`.
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    let lang = use_lang();
    let node = NodeRef::<leptos::html::Dialog>::new();
    Effect::new(move |_| {
        let want = open.get();
        if let Some(d) = node.get() {
            if want && !d.open() {
                let _ = d.show_modal();
            } else if !want && d.open() {
                d.close();
            }
        }
    });
    let title_id = format!("{id}-title");
    let text_id = format!("{id}-text");
    let (labelled_by, described_by) = (title_id.clone(), text_id.clone());
    view! {
        <dialog
            id=id
            node_ref=node
            aria-labelledby=labelled_by
            aria-describedby=described_by
            class="m-auto w-full max-w-md rounded-lg p-0 shadow-xl backdrop:bg-gray-900/50"
            on:close=move |_| open.set(false)
        >
            <div class="space-y-4 p-6">
                <h2 id=title_id class="text-lg font-semibold text-gray-900">{title}</h2>
                <p id=text_id class="text-gray-700">{message}</p>
                {children.map(|c| c())}
                <div class="flex justify-end gap-3">
                    <button type="button" class=SECONDARY on:click=move |_| open.set(false)>
                        {t(ui::CANCEL)}
                    </button>
                    <button
                        type="button"
                        class=move || if danger.get().unwrap_or(false) { DANGER } else { PRIMARY }
                        on:click=move |_| {
                            open.set(false);
                            on_confirm.run(());
                        }
                    >
                        {move || confirm_label.get().get(lang.get())}
                    </button>
                </div>
            </div>
        </dialog>
    }
}

/// A form in a modal `<dialog>`: its title, an optional text, the form's error alert, the fields
/// (children) and Cancel / submit buttons. Unlike [`ConfirmDialog`] it stays open while the call
/// runs and when it fails (the errors show inside); the page closes it on success.
#[component]
pub fn FormDialog(
    /// Unique in the page; used for the ARIA ids.
    id: &'static str,
    open: RwSignal<bool>,
    #[prop(into)] title: Signal<String>,
    #[prop(optional, into)] message: Option<Signal<String>>,
    #[prop(into)] submit_label: Signal<Tr>,
    #[prop(into)] pending: Signal<bool>,
    error: ErrSignal,
    #[prop(optional, into)] danger: MaybeProp<bool>,
    on_submit: Callback<()>,
    children: Children,
) -> impl IntoView {
    let lang = use_lang();
    let node = NodeRef::<leptos::html::Dialog>::new();
    Effect::new(move |_| {
        let want = open.get();
        if let Some(d) = node.get() {
            if want && !d.open() {
                let _ = d.show_modal();
            } else if !want && d.open() {
                d.close();
            }
        }
    });
    let title_id = format!("{id}-title");
    let text_id = format!("{id}-text");
    let labelled_by = title_id.clone();
    let described_by = message.is_some().then(|| text_id.clone());
    view! {
        <dialog
            id=id
            node_ref=node
            aria-labelledby=labelled_by
            aria-describedby=described_by
            class="m-auto max-h-[90vh] w-full max-w-lg overflow-y-auto rounded-lg p-0 shadow-xl backdrop:bg-gray-900/50"
            on:close=move |_| open.set(false)
        >
            <form
                class="space-y-4 p-6"
                novalidate=true
                on:submit=move |ev| {
                    ev.prevent_default();
                    if !pending.get_untracked() {
                        on_submit.run(());
                    }
                }
            >
                <h2 id=title_id class="text-lg font-semibold text-gray-900">{title}</h2>
                {message.map(|m| view! { <p id=text_id class="text-gray-700">{m}</p> })}
                <ErrorAlert error />
                {children()}
                <div class="flex justify-end gap-3">
                    <button type="button" class=SECONDARY on:click=move |_| open.set(false)>
                        {t(ui::CANCEL)}
                    </button>
                    <button
                        type="submit"
                        class=move || if danger.get().unwrap_or(false) { DANGER } else { PRIMARY }
                        disabled=move || pending.get()
                        aria-busy=move || pending.get().to_string()
                    >
                        {move || {
                            if pending.get() {
                                ui::SENDING.get(lang.get())
                            } else {
                                submit_label.get().get(lang.get())
                            }
                        }}
                    </button>
                </div>
            </form>
        </dialog>
    }
}
