//! Button styles (Tailwind classes kept here so every button looks and focuses alike) and the
//! submit button that shows progress.

use leptos::prelude::*;

use crate::i18n::{Tr, t};

pub const PRIMARY: &str = "inline-flex items-center justify-center gap-2 rounded-md px-4 py-2 text-sm font-semibold shadow-sm transition focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-offset-2 disabled:cursor-not-allowed disabled:opacity-60 bg-emerald-700 text-white hover:bg-emerald-800 focus-visible:ring-emerald-600";
pub const SECONDARY: &str = "inline-flex items-center justify-center gap-2 rounded-md px-4 py-2 text-sm font-semibold shadow-sm transition focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-offset-2 disabled:cursor-not-allowed disabled:opacity-60 border border-gray-300 bg-white text-gray-900 hover:bg-gray-50 focus-visible:ring-emerald-600";
pub const DANGER: &str = "inline-flex items-center justify-center gap-2 rounded-md px-4 py-2 text-sm font-semibold shadow-sm transition focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-offset-2 disabled:cursor-not-allowed disabled:opacity-60 bg-red-700 text-white hover:bg-red-800 focus-visible:ring-red-600";
pub const SMALL_SECONDARY: &str = "inline-flex items-center rounded-md border border-gray-300 bg-white px-3 py-1.5 text-sm font-medium text-gray-900 hover:bg-gray-50 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-emerald-600 focus-visible:ring-offset-1 disabled:opacity-60";
pub const SMALL_DANGER: &str = "inline-flex items-center rounded-md border border-red-300 bg-white px-3 py-1.5 text-sm font-medium text-red-800 hover:bg-red-50 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-red-600 focus-visible:ring-offset-1 disabled:opacity-60";
pub const LINK: &str = "font-medium text-emerald-800 underline underline-offset-2 hover:text-emerald-900 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-emerald-600 rounded-sm";

/// A form's submit button; disabled and relabelled while `pending`.
#[component]
pub fn SubmitButton(
    label: Tr,
    #[prop(into)] pending: Signal<bool>,
    #[prop(optional)] pending_label: Option<Tr>,
    #[prop(optional)] danger: bool,
) -> impl IntoView {
    let class = if danger { DANGER } else { PRIMARY };
    let busy = pending_label.unwrap_or(crate::i18n::ui::SAVING);
    let (idle, busy) = (t(label), t(busy));
    view! {
        <button type="submit" class=class disabled=move || pending.get() aria-busy=move || pending.get().to_string()>
            {move || if pending.get() { busy() } else { idle() }}
        </button>
    }
}
