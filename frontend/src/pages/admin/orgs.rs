//! Admin › Organizations: search, list with a tier select and Suspend/Unsuspend (confirmed first).
//! Also the search bar and table cell styles shared by the admin tabs.

use common::admin::{AdminOrganization, UpdateAdminOrganization};
use common::orgs::Tier;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api;
use crate::components::button::{SECONDARY, SMALL_DANGER, SMALL_SECONDARY};
use crate::components::field::{INPUT, LABEL};
use crate::components::{ConfirmDialog, ErrSignal, ErrorAlert, Flash, FlashMessage, Loading};
use crate::i18n::{Tr, admin, members, orgs, t, tier_name, ui, use_lang};

pub const TH: &str =
    "px-4 py-3 text-left text-xs font-semibold uppercase tracking-wide text-gray-600";
pub const TD: &str = "whitespace-nowrap px-4 py-3 text-sm text-gray-900";

/// A labelled search field with its button; Enter searches.
#[component]
pub fn SearchBar(
    id: &'static str,
    label: Tr,
    value: RwSignal<String>,
    on_search: Callback<()>,
) -> impl IntoView {
    view! {
        <form
            role="search"
            class="flex flex-wrap items-end gap-3"
            on:submit=move |ev| {
                ev.prevent_default();
                on_search.run(());
            }
        >
            <div class="min-w-[16rem] flex-1 space-y-1">
                <label for=id class=LABEL>{t(label)}</label>
                <input id=id type="search" class=INPUT bind:value=value />
            </div>
            <button type="submit" class=SECONDARY>{t(ui::SEARCH)}</button>
        </form>
    }
}

#[component]
pub fn AdminOrgs() -> impl IntoView {
    let lang = use_lang();
    let q = RwSignal::new(String::new());
    let items = RwSignal::new(Vec::<AdminOrganization>::new());
    let next = RwSignal::new(None::<String>);
    let loading = RwSignal::new(true);
    let error: ErrSignal = RwSignal::new(None);
    let flash = RwSignal::new(None::<Flash>);
    let load = move |append: bool| {
        let cursor = if append { next.get_untracked() } else { None };
        let query = q.get_untracked();
        loading.set(true);
        error.set(None);
        spawn_local(async move {
            match api::admin::list_admin_orgs(query.trim(), cursor.as_deref()).await {
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

    let update = move |org: AdminOrganization, patch: UpdateAdminOrganization| {
        error.set(None);
        flash.set(None);
        spawn_local(async move {
            match api::admin::update_admin_org(org.id, &patch).await {
                Ok(updated) => {
                    let name = updated.name.clone();
                    items.update(|l| {
                        if let Some(slot) = l.iter_mut().find(|o| o.id == updated.id) {
                            *slot = updated;
                        }
                    });
                    flash.set(Some(Flash::fill(admin::UPDATED, "org", name)));
                }
                Err(e) => {
                    items.update(|_| {});
                    error.set(Some(e));
                }
            }
        });
    };

    // Suspension is confirmed in a dialog.
    let target = RwSignal::new(None::<AdminOrganization>);
    let dialog_open = RwSignal::new(false);
    let suspending = move || target.with(|o| o.as_ref().is_some_and(|o| !o.suspended));
    let target_name =
        move || target.with(|o| o.as_ref().map(|o| o.name.clone()).unwrap_or_default());
    let title = Signal::derive(move || {
        let tr = if suspending() {
            admin::SUSPEND_TITLE
        } else {
            admin::UNSUSPEND_TITLE
        };
        tr.fill(lang.get(), &[("org", &target_name())])
    });
    let text = Signal::derive(move || {
        if suspending() {
            admin::SUSPEND_TEXT
        } else {
            admin::UNSUSPEND_TEXT
        }
        .get(lang.get())
        .to_owned()
    });
    let on_confirm = Callback::new(move |()| {
        if let Some(org) = target.get_untracked() {
            let patch = UpdateAdminOrganization {
                suspended: Some(!org.suspended),
                tier: None,
            };
            update(org, patch);
        }
    });

    let row = move |o: AdminOrganization| {
        let select_id = format!("tier-{}", o.id);
        let name = o.name.clone();
        let org_label = o.name.clone();
        let current = o.tier;
        let for_tier = o.clone();
        let for_toggle = o.clone();
        let on_tier = move |ev| {
            if let Some(tier) = Tier::parse(&event_target_value(&ev)).filter(|t| *t != current) {
                update(
                    for_tier.clone(),
                    UpdateAdminOrganization {
                        suspended: None,
                        tier: Some(tier),
                    },
                );
            }
        };
        let (status, action, class) = if o.suspended {
            (admin::SUSPENDED, admin::UNSUSPEND, SMALL_SECONDARY)
        } else {
            (admin::ACTIVE, admin::SUSPEND, SMALL_DANGER)
        };
        view! {
            <tr>
                <td class=TD>
                    <span class="font-medium">{o.name.clone()}</span>
                    <span class="block text-xs text-gray-600">{o.slug.clone()}</span>
                </td>
                <td class=TD>{o.country.clone()} " · " {o.currency.code()}</td>
                <td class=TD>{o.member_count}</td>
                <td class=TD>
                    <select
                        id=select_id
                        aria-label=move || admin::TIER_OF.fill(lang.get(), &[("org", &name)])
                        class="rounded-md border border-gray-300 bg-white px-2 py-1 text-sm focus:border-emerald-600 focus:outline-none focus:ring-2 focus:ring-emerald-600/40"
                        on:change=on_tier
                    >
                        {Tier::ALL
                            .into_iter()
                            .map(|tier| view! { <option value=tier.as_str() prop:selected=tier == current>{t(tier_name(tier))}</option> })
                            .collect_view()}
                    </select>
                </td>
                <td class=TD>{t(status)}</td>
                <td class=TD>
                    <button
                        type="button"
                        class=class
                        aria-label=move || format!("{} {}", action.get(lang.get()), org_label)
                        on:click=move |_| {
                            target.set(Some(for_toggle.clone()));
                            dialog_open.set(true);
                        }
                    >
                        {t(action)}
                    </button>
                </td>
            </tr>
        }
    };

    view! {
        <div class="space-y-4">
            <SearchBar id="admin-org-search" label=admin::SEARCH_ORGS value=q on_search=Callback::new(move |()| load(false)) />
            <ErrorAlert error />
            <FlashMessage flash />
            <div
                role="region"
                aria-label=t(admin::TAB_ORGS)
                tabindex="0"
                class="overflow-x-auto rounded-lg border border-gray-200 bg-white shadow-sm focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-emerald-600"
            >
                <table class="min-w-full divide-y divide-gray-200">
                    <thead class="bg-gray-50">
                        <tr>
                            <th scope="col" class=TH>{t(members::NAME)}</th>
                            <th scope="col" class=TH>{t(orgs::COUNTRY)}</th>
                            <th scope="col" class=TH>{t(orgs::MEMBERS)}</th>
                            <th scope="col" class=TH>{t(orgs::PLAN)}</th>
                            <th scope="col" class=TH>{t(admin::STATUS)}</th>
                            <th scope="col" class=TH>{t(members::ACTIONS)}</th>
                        </tr>
                    </thead>
                    <tbody class="divide-y divide-gray-200">{move || items.get().into_iter().map(row).collect_view()}</tbody>
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
            <ConfirmDialog
                id="suspend-dialog"
                open=dialog_open
                title
                message=text
                confirm_label=Signal::derive(move || if suspending() { admin::SUSPEND } else { admin::UNSUSPEND })
                danger=Signal::derive(suspending)
                on_confirm
            />
        </div>
    }
}
