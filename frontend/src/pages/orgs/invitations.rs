//! The pending invitations of an organization, each with "Revoke".

use common::orgs::Invitation;
use leptos::prelude::*;
use leptos::task::spawn_local;
use uuid::Uuid;

use crate::api;
use crate::components::button::SMALL_SECONDARY;
use crate::components::{ErrSignal, ErrorAlert, Flash, FlashMessage};
use crate::i18n::{members as m, role_name, t, use_lang};
use crate::util::format_date;

#[component]
pub fn PendingInvitations(org_id: Uuid, invitations: RwSignal<Vec<Invitation>>) -> impl IntoView {
    let lang = use_lang();
    let error: ErrSignal = RwSignal::new(None);
    let flash = RwSignal::new(None);
    let revoke = move |id: Uuid| {
        error.set(None);
        flash.set(None);
        spawn_local(async move {
            match api::members::revoke_invitation(org_id, id).await {
                Ok(()) => {
                    invitations.update(|list| list.retain(|i| i.id != id));
                    flash.set(Some(Flash::new(m::INVITATION_REVOKED)));
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let rows = move || {
        invitations
            .get()
            .into_iter()
            .map(|inv| {
                let id = inv.id;
                let email = inv.email.clone();
                let expires = inv.expires_at;
                let by = inv.invited_by.clone();
                view! {
                    <li class="flex flex-wrap items-center justify-between gap-3 px-4 py-3">
                        <div class="space-y-0.5">
                            <p class="font-medium text-gray-900">{inv.email.clone()}</p>
                            <p class="text-sm text-gray-700">
                                {t(role_name(inv.role))} " · " {t(m::EXPIRES)} " "
                                {move || format_date(&expires, lang.get())}
                                {by.map(|b| view! { " · " {t(m::INVITED_BY)} " " {b} })}
                            </p>
                        </div>
                        <button
                            type="button"
                            class=SMALL_SECONDARY
                            aria-label=move || m::REVOKE_LABEL.fill(lang.get(), &[("email", &email)])
                            on:click=move |_| revoke(id)
                        >
                            {t(m::REVOKE)}
                        </button>
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <section aria-labelledby="pending-title" class="max-w-2xl space-y-3">
            <h2 id="pending-title" class="text-lg font-semibold text-gray-900">{t(m::PENDING_TITLE)}</h2>
            <ErrorAlert error />
            <FlashMessage flash />
            <Show
                when=move || !invitations.with(Vec::is_empty)
                fallback=|| view! { <p class="text-gray-700">{t(m::NO_PENDING)}</p> }
            >
                <ul class="divide-y divide-gray-200 rounded-lg border border-gray-200 bg-white shadow-sm">{rows}</ul>
            </Show>
        </section>
    }
}
