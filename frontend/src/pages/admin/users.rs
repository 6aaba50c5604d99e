//! Admin › Users: search by name or email, list with confirmation and admin flags.

use common::admin::AdminUser;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::orgs::{SearchBar, TD, TH};
use crate::api;
use crate::components::button::SECONDARY;
use crate::components::{ErrSignal, ErrorAlert, Loading};
use crate::i18n::{admin, auth, members, t, ui, use_lang};
use crate::util::format_date;

#[component]
pub fn AdminUsers() -> impl IntoView {
    let lang = use_lang();
    let q = RwSignal::new(String::new());
    let items = RwSignal::new(Vec::<AdminUser>::new());
    let next = RwSignal::new(None::<String>);
    let loading = RwSignal::new(true);
    let error: ErrSignal = RwSignal::new(None);
    let load = move |append: bool| {
        let cursor = if append { next.get_untracked() } else { None };
        let query = q.get_untracked();
        loading.set(true);
        error.set(None);
        spawn_local(async move {
            match api::admin::list_admin_users(query.trim(), cursor.as_deref()).await {
                Ok(page) => {
                    items.update(|l| {
                        if append {
                            l.extend(page.items)
                        } else {
                            *l = page.items
                        }
                    });
                    next.set(page.next_cursor);
                }
                Err(e) => error.set(Some(e)),
            }
            loading.set(false);
        });
    };
    load(false);
    let yes_no = move |b: bool| if b { t(ui::YES)() } else { t(ui::NO)() };
    view! {
        <div class="space-y-4">
            <SearchBar id="admin-user-search" label=admin::SEARCH_USERS value=q on_search=Callback::new(move |()| load(false)) />
            <ErrorAlert error />
            <div
                role="region"
                aria-label=t(admin::TAB_USERS)
                tabindex="0"
                class="overflow-x-auto rounded-lg border border-gray-200 bg-white shadow-sm focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-emerald-600"
            >
                <table class="min-w-full divide-y divide-gray-200">
                    <thead class="bg-gray-50">
                        <tr>
                            <th scope="col" class=TH>{t(members::NAME)}</th>
                            <th scope="col" class=TH>{t(auth::EMAIL)}</th>
                            <th scope="col" class=TH>{t(admin::EMAIL_CONFIRMED)}</th>
                            <th scope="col" class=TH>{t(admin::PLATFORM_ADMIN)}</th>
                            <th scope="col" class=TH>{t(admin::SIGNED_UP)}</th>
                        </tr>
                    </thead>
                    <tbody class="divide-y divide-gray-200">
                        {move || {
                            items
                                .get()
                                .into_iter()
                                .map(|u| {
                                    let created = u.created_at;
                                    view! {
                                        <tr>
                                            <td class=TD>{u.name}</td>
                                            <td class=TD>{u.email}</td>
                                            <td class=TD>{move || yes_no(u.email_verified)}</td>
                                            <td class=TD>{move || yes_no(u.is_platform_admin)}</td>
                                            <td class=TD>{move || format_date(&created, lang.get())}</td>
                                        </tr>
                                    }
                                })
                                .collect_view()
                        }}
                    </tbody>
                </table>
            </div>
            <Show when=move || loading.get()>
                <Loading />
            </Show>
            <Show when=move || !loading.get() && items.with(Vec::is_empty) && error.with(Option::is_none)>
                <p class="text-gray-700">{t(admin::NO_RESULTS)}</p>
            </Show>
            <Show when=move || next.with(Option::is_some) && !loading.get()>
                <button type="button" class=SECONDARY on:click=move |_| load(true)>{t(ui::LOAD_MORE)}</button>
            </Show>
        </div>
    }
}
