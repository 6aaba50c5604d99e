//! One row of the members table: name (with "(you)"), email, role (a select for those who manage
//! members), join date, and Remove / Leave.

use common::Role;
use common::orgs::{Member, UpdateMember};
use leptos::prelude::*;
use leptos::task::spawn_local;
use uuid::Uuid;

use crate::api::{self, ApiError};
use crate::components::button::SMALL_DANGER;
use crate::i18n::{members as m, role_name, t, use_lang};
use crate::perms;
use crate::util::format_date;

const TD: &str = "whitespace-nowrap px-4 py-3 text-sm text-gray-900";

#[component]
pub fn MemberRow(
    org_id: Uuid,
    member: Member,
    is_me: bool,
    /// My role here: what I may change follows `domain::roles::may_assign`.
    my_role: Option<Role>,
    on_remove: Callback<Member>,
    on_changed: Callback<Result<Member, ApiError>>,
) -> impl IntoView {
    let lang = use_lang();
    let user_id = member.user_id;
    let role = member.role;
    let select_id = format!("role-{user_id}");
    let name = member.name.clone();
    let joined = member.joined_at;
    let on_role = move |ev| {
        let Some(new_role) = Role::parse(&event_target_value(&ev)) else {
            return;
        };
        if new_role == role {
            return;
        }
        spawn_local(async move {
            on_changed.run(
                api::members::update_member(org_id, user_id, &UpdateMember { role: new_role })
                    .await,
            );
        });
    };
    let can_edit = my_role.is_some_and(|a| perms::may_assign(a, Some(role), None));
    let choices: Vec<Role> = Role::ALL
        .into_iter()
        .filter(|r| {
            *r == role || my_role.is_some_and(|a| perms::may_assign(a, Some(role), Some(*r)))
        })
        .collect();
    let role_cell = if can_edit {
        let label_name = name.clone();
        view! {
            <select
                id=select_id
                aria-label=move || m::ROLE_OF.fill(lang.get(), &[("name", &label_name)])
                class="rounded-md border border-gray-300 bg-white px-2 py-1 text-sm focus:border-emerald-600 focus:outline-none focus:ring-2 focus:ring-emerald-600/40"
                on:change=on_role
            >
                {choices
                    .into_iter()
                    .map(|r| view! { <option value=r.as_str() prop:selected=r == role>{t(role_name(r))}</option> })
                    .collect_view()}
            </select>
        }
        .into_any()
    } else {
        view! { <span>{t(role_name(role))}</span> }.into_any()
    };
    let removable = can_edit || is_me;
    let remove_label = if is_me { m::LEAVE } else { m::REMOVE };
    let aria = move || format!("{} {}", remove_label.get(lang.get()), name);
    let member_for_click = member.clone();
    view! {
        <tr>
            <td class=TD>
                {member.name.clone()}
                {is_me.then(|| view! { <span class="ml-1 text-gray-600">{t(m::YOU)}</span> })}
            </td>
            <td class=TD>{member.email.clone()}</td>
            <td class=TD>{role_cell}</td>
            <td class=TD>{move || format_date(&joined, lang.get())}</td>
            <td class=TD>
                {removable
                    .then(|| {
                        let member = member_for_click.clone();
                        view! {
                            <button type="button" class=SMALL_DANGER aria-label=aria on:click=move |_| on_remove.run(member.clone())>
                                {t(remove_label)}
                            </button>
                        }
                    })}
            </td>
        </tr>
    }
}
