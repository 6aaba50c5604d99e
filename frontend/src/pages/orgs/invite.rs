//! "Invite a colleague": "Email", "Role", "Send invitation". A sent invitation joins the pending list.

use common::Role;
use common::orgs::{CreateInvitation, Invitation};
use leptos::prelude::*;
use leptos::task::spawn_local;
use uuid::Uuid;

use crate::api::{self, ApiError};
use crate::components::{
    ErrSignal, ErrorAlert, Flash, FlashMessage, SelectField, SubmitButton, TextField,
};
use crate::i18n::{auth, members as m, role_name, t, ui, use_lang};
use crate::perms;

#[component]
pub fn InviteForm(
    org_id: Uuid,
    my_role: Option<Role>,
    invitations: RwSignal<Vec<Invitation>>,
) -> impl IntoView {
    let lang = use_lang();
    let email = RwSignal::new(String::new());
    let role = RwSignal::new(Role::Viewer.as_str().to_owned());
    let error: ErrSignal = RwSignal::new(None);
    let flash = RwSignal::new(None);
    let pending = RwSignal::new(false);
    // Only owners hand out ownership (`domain::roles::may_assign`).
    let offered: Vec<Role> = Role::ALL
        .into_iter()
        .filter(|r| my_role.is_some_and(|a| perms::may_assign(a, None, Some(*r))))
        .collect();
    let options = Signal::derive(move || {
        let l = lang.get();
        offered
            .iter()
            .map(|r| (r.as_str().to_owned(), role_name(*r).get(l).to_owned()))
            .collect::<Vec<_>>()
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        let address = email.get_untracked().trim().to_owned();
        let chosen = Role::parse(&role.get_untracked());
        let mut problems: Vec<(&str, &str)> = Vec::new();
        if address.is_empty() {
            problems.push(("email", "required"));
        }
        if chosen.is_none() {
            problems.push(("role", "required"));
        }
        if let Some(e) = ApiError::invalid(&problems) {
            error.set(Some(e));
            return;
        }
        let Some(chosen) = chosen else { return };
        pending.set(true);
        error.set(None);
        flash.set(None);
        spawn_local(async move {
            match api::members::create_invitation(
                org_id,
                &CreateInvitation {
                    email: address,
                    role: chosen,
                },
            )
            .await
            {
                Ok(inv) => {
                    flash.set(Some(Flash::fill(
                        m::INVITE_SENT,
                        "email",
                        inv.email.clone(),
                    )));
                    invitations.update(|list| list.insert(0, inv));
                    email.set(String::new());
                }
                Err(e) => error.set(Some(e)),
            }
            pending.set(false);
        });
    };
    view! {
        <section id="invite" aria-labelledby="invite-title" class="max-w-2xl space-y-4 rounded-lg border border-gray-200 bg-white p-6 shadow-sm">
            <h2 id="invite-title" class="text-lg font-semibold text-gray-900">{t(m::INVITE_TITLE)}</h2>
            <form class="space-y-4" novalidate=true on:submit=on_submit>
                <ErrorAlert error />
                <FlashMessage flash />
                <div class="grid gap-4 sm:grid-cols-2">
                    <TextField id="invite-email" label=auth::EMAIL kind="email" value=email field="email" error autocomplete="off" required=true />
                    <SelectField id="invite-role" label=m::ROLE value=role options field="role" error />
                </div>
                <SubmitButton label=m::SEND_INVITE pending pending_label=ui::SENDING />
            </form>
        </section>
    }
}
