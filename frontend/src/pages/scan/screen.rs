//! The scanner screen, phone first: the header (what, where, network), the result panel, the
//! direction switch on lists with re-entry, the camera and manual entry; then counts, sync,
//! name search and the log (beside them on a wide screen).

use common::checkin::ScanDirection;
use leptos::prelude::*;

use super::camera::Camera;
use super::counts::{Counts, ScanLog};
use super::manual::ManualEntry;
use super::network::{NetworkBadge, OfflineBanner, RevokedPanel, SyncPanel, SyncReport};
use super::result::ResultPanel;
use super::search::NameSearch;
use super::session::{Params, Scanner, Target};
use crate::components::button::LINK;
use crate::i18n::{scanner as sc, t, use_lang};

#[component]
pub fn ScannerScreen(org_id: uuid::Uuid, params: Params) -> impl IntoView {
    let lang = use_lang();
    let gate = params.gate.clone();
    let scanner = Scanner::start(org_id, params);
    let setup_href = format!("/orgs/{org_id}/scan");
    let title = move || {
        let l = lang.get();
        match scanner.target {
            Target::List(_) => scanner.list.with(|list| {
                let name = list.as_ref().map(|l| l.name.clone()).unwrap_or_default();
                sc::SCANNING_AT.fill(l, &[("list", &name)])
            }),
            Target::Swag(_) => scanner.item.with(|item| {
                let name = item.as_ref().map(|i| i.name.clone()).unwrap_or_default();
                sc::HANDING_OUT.fill(l, &[("item", &name)])
            }),
        }
    };
    let gate_line = (!gate.trim().is_empty()).then(|| {
        let gate = gate.clone();
        move || sc::GATE_LABEL.fill(lang.get(), &[("gate", &gate)])
    });
    let reentry = move || {
        scanner
            .list
            .with(|l| l.as_ref().is_some_and(|l| l.allow_reentry))
    };
    let on_code = Callback::new(move |code: String| scanner.submit(code));
    let enabled = Signal::derive(move || !scanner.revoked.get());
    let setup_link = setup_href.clone();

    view! {
        <section aria-labelledby="scanner-title" class="mx-auto max-w-5xl space-y-4">
            <div class="flex flex-wrap items-start justify-between gap-3">
                <div class="min-w-0 space-y-0.5">
                    <h1 id="scanner-title" class="text-xl font-bold text-gray-900 sm:text-2xl">{title}</h1>
                    {gate_line.map(|g| view! { <p class="text-sm text-gray-700">{g}</p> })}
                    <a href=setup_link class=format!("{LINK} text-sm")>{t(sc::CHANGE_SETUP)}</a>
                </div>
                <NetworkBadge scanner />
            </div>
            <Show
                when=move || !scanner.revoked.get()
                fallback=move || view! { <RevokedPanel setup_href=setup_href.clone() /> }
            >
                <OfflineBanner scanner />
                <SyncReport scanner />
                <div class="grid gap-4 lg:grid-cols-2">
                    <div class="space-y-4">
                        <ResultPanel scanner />
                        <Show when=reentry>
                            <DirectionSwitch scanner />
                        </Show>
                        <Camera on_code enabled />
                        <ManualEntry scanner />
                    </div>
                    <div class="space-y-4">
                        <Counts scanner />
                        <SyncPanel scanner />
                        <NameSearch scanner />
                        <ScanLog scanner />
                    </div>
                </div>
            </Show>
        </section>
    }
}

/// Entry / Exit, as two large radio buttons.
#[component]
fn DirectionSwitch(scanner: Scanner) -> impl IntoView {
    let option = move |d: ScanDirection, label| {
        let id = format!("direction-{}", d.as_str());
        let label_for = id.clone();
        view! {
            <label
                for=label_for
                class="flex flex-1 cursor-pointer items-center justify-center gap-2 rounded-lg border-2 border-gray-300 bg-white px-4 py-3 text-base font-semibold text-gray-900 has-[:checked]:border-emerald-700 has-[:checked]:bg-emerald-50 has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-emerald-600"
            >
                <input
                    id=id
                    type="radio"
                    name="direction"
                    class="h-4 w-4 accent-emerald-700"
                    prop:checked=move || scanner.direction.get() == d
                    on:change=move |_| scanner.direction.set(d)
                />
                {t(label)}
            </label>
        }
    };
    view! {
        <fieldset class="space-y-1">
            <legend class="text-sm font-medium text-gray-900">{t(sc::DIRECTION)}</legend>
            <div class="flex gap-2">
                {option(ScanDirection::Entry, sc::ENTRY)}
                {option(ScanDirection::Exit, sc::EXIT)}
            </div>
        </fieldset>
    }
}
