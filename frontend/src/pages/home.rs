//! `/`: a compact welcome with calls to action, then event discovery (search, filters, cards).

use leptos::prelude::*;

use super::public::discover::Discover;
use crate::components::PageTitle;
use crate::components::button::{PRIMARY, SECONDARY};
use crate::i18n::{t, ui};
use crate::state::{AuthStatus, use_session};

#[component]
pub fn HomePage() -> impl IntoView {
    let session = use_session();
    let signed_in = move || session.status.get() == AuthStatus::SignedIn;
    let has_org = move || session.current_org.get().is_some() && !session.orgs.with(Vec::is_empty);
    let dashboard = move || {
        session
            .current_org
            .get()
            .map(|id| format!("/orgs/{id}"))
            .unwrap_or_default()
    };
    view! {
        <PageTitle />
        <div class="space-y-10">
            <section class="space-y-4 rounded-xl border border-gray-200 bg-white px-6 py-6 shadow-sm sm:flex sm:items-center sm:justify-between sm:gap-8 sm:space-y-0">
                <div class="space-y-2">
                    <h1 class="text-2xl font-bold tracking-tight text-gray-900 sm:text-3xl">{t(ui::HOME_TITLE)}</h1>
                    <p class="max-w-2xl text-gray-700">{t(ui::HOME_LEAD)}</p>
                    <ul class="flex flex-wrap gap-2 pt-1 text-sm">
                        {[ui::HOME_POINT_TEAM, ui::HOME_POINT_MONEY, ui::HOME_POINT_LANG]
                            .into_iter()
                            .map(|p| view! { <li class="rounded-full bg-emerald-50 px-3 py-1 font-medium text-emerald-900">{t(p)}</li> })
                            .collect_view()}
                    </ul>
                </div>
                <div class="flex shrink-0 flex-wrap gap-3">
                    <Show
                        when=signed_in
                        fallback=|| {
                            view! {
                                <a href="/signup" class=PRIMARY>{t(ui::HOME_CTA_SIGNUP)}</a>
                                <a href="/login" class=SECONDARY>{t(ui::SIGN_IN)}</a>
                            }
                        }
                    >
                        <Show when=has_org fallback=|| view! { <a href="/orgs/new" class=PRIMARY>{t(ui::HOME_CTA_CREATE_ORG)}</a> }>
                            <a href=dashboard class=PRIMARY>{t(ui::HOME_CTA_DASHBOARD)}</a>
                        </Show>
                    </Show>
                </div>
            </section>
            <Discover />
        </div>
    }
}
