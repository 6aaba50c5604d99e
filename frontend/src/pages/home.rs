//! `/`: a short welcome with calls to action (event discovery comes here later).

use leptos::prelude::*;

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
        <section class="mx-auto max-w-3xl space-y-6 py-10 text-center">
            <h1 class="text-3xl font-bold tracking-tight text-gray-900 sm:text-4xl">{t(ui::HOME_TITLE)}</h1>
            <p class="text-lg text-gray-700">{t(ui::HOME_LEAD)}</p>
            <div class="flex flex-wrap justify-center gap-3">
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
            <ul class="grid gap-4 pt-6 text-left sm:grid-cols-3">
                {[ui::HOME_POINT_TEAM, ui::HOME_POINT_MONEY, ui::HOME_POINT_LANG]
                    .into_iter()
                    .map(|p| view! { <li class="rounded-lg border border-gray-200 bg-white p-4 text-gray-800 shadow-sm">{t(p)}</li> })
                    .collect_view()}
            </ul>
        </section>
    }
}
