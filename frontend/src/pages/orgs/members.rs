//! `/orgs/:org_id/members`: h1 "Members"; the members table (role select and remove for those who
//! manage members, "Leave" on my own row), a confirmation dialog, the "Invite a colleague" form
//! and the pending invitations.

use common::orgs::{Invitation, Member};
use common::{ErrorCode, Permission};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;

use super::invitations::PendingInvitations;
use super::invite::InviteForm;
use super::layout::use_org;
use super::member_row::MemberRow;
use crate::api::{self, ApiError};
use crate::components::PageTitle;
use crate::components::status::LoadError;
use crate::components::{ConfirmDialog, ErrSignal, ErrorAlert, Flash, FlashMessage, Loading};
use crate::i18n::{members as m, t, use_lang};
use crate::state::use_session;

const TH: &str = "px-4 py-3 text-left text-xs font-semibold uppercase tracking-wide text-gray-600";

#[component]
pub fn MembersPage() -> impl IntoView {
    let ctx = use_org();
    let session = use_session();
    let lang = use_lang();
    let navigate = use_navigate();
    let Some(org_id) = ctx.id() else {
        return ().into_any();
    };
    let manage = move || ctx.can(Permission::ManageMembers);
    let me = session.me.with_untracked(|m| m.as_ref().map(|m| m.id));

    let members = RwSignal::new(None::<Result<Vec<Member>, ApiError>>);
    let invitations = RwSignal::new(Vec::<Invitation>::new());
    let error: ErrSignal = RwSignal::new(None);
    let flash = RwSignal::new(None::<Flash>);
    let reload = RwSignal::new(0u32);
    Effect::new(move |_| {
        reload.track();
        spawn_local(async move {
            members.set(Some(api::members::list_all_members(org_id).await));
        });
        if manage() {
            spawn_local(async move {
                match api::members::list_invitations(org_id).await {
                    Ok(page) => invitations.set(page.items),
                    Err(e) => error.set(Some(e)),
                }
            });
        }
    });

    // The member about to be removed (or me, leaving), and the dialog.
    let target = RwSignal::new(None::<Member>);
    let dialog_open = RwSignal::new(false);
    let leaving = move || target.with(|t| t.as_ref().is_some_and(|t| Some(t.user_id) == me));
    let ask_remove = Callback::new(move |member: Member| {
        target.set(Some(member));
        dialog_open.set(true);
    });
    let on_confirm = Callback::new(move |()| {
        let Some(member) = target.get_untracked() else {
            return;
        };
        let is_me = Some(member.user_id) == me;
        let navigate = navigate.clone();
        error.set(None);
        flash.set(None);
        spawn_local(async move {
            match api::members::remove_member(org_id, member.user_id).await {
                Ok(()) if is_me => {
                    session.set_current_org(None);
                    let _ = session.reload_orgs().await;
                    navigate(&session.home_path(), Default::default());
                }
                Ok(()) => {
                    members.update(|list| {
                        if let Some(Ok(list)) = list {
                            list.retain(|x| x.user_id != member.user_id);
                        }
                    });
                    flash.set(Some(Flash::new(m::MEMBER_REMOVED)));
                }
                Err(e) => error.set(Some(e)),
            }
        });
    });
    let on_changed = Callback::new(move |result: Result<Member, ApiError>| match result {
        Ok(updated) => {
            members.update(|list| {
                if let Some(Ok(list)) = list
                    && let Some(slot) = list.iter_mut().find(|x| x.user_id == updated.user_id)
                {
                    *slot = updated;
                }
            });
            error.set(None);
            flash.set(Some(Flash::new(m::ROLE_UPDATED)));
        }
        Err(e) => {
            // Re-render the rows so the select shows the role that was kept.
            members.update(|_| {});
            flash.set(None);
            error.set(Some(e));
        }
    });

    let dialog_title = Signal::derive(move || {
        if leaving() {
            m::LEAVE_TITLE
        } else {
            m::REMOVE_TITLE
        }
        .get(lang.get())
        .to_owned()
    });
    let dialog_text = Signal::derive(move || {
        let l = lang.get();
        if leaving() {
            return m::LEAVE_TEXT.get(l).to_owned();
        }
        let name = target.with(|t| t.as_ref().map(|t| t.name.clone()).unwrap_or_default());
        m::REMOVE_TEXT.fill(l, &[("name", &name)])
    });

    let table = move || {
        match members.get() {
        None => view! { <Loading /> }.into_any(),
        Some(Err(e)) if e.is(ErrorCode::Forbidden) => view! { <ErrorAlert error=RwSignal::new(Some(e)) /> }.into_any(),
        Some(Err(e)) => view! { <LoadError error=e on_retry=Callback::new(move |()| reload.update(|n| *n += 1)) /> }.into_any(),
        Some(Ok(list)) => view! {
            <div
                role="region"
                aria-label=t(m::MEMBERS_TITLE)
                tabindex="0"
                class="overflow-x-auto rounded-lg border border-gray-200 bg-white shadow-sm focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-emerald-600"
            >
                <table class="min-w-full divide-y divide-gray-200">
                    <thead class="bg-gray-50">
                        <tr>
                            <th scope="col" class=TH>{t(m::NAME)}</th>
                            <th scope="col" class=TH>{t(crate::i18n::auth::EMAIL)}</th>
                            <th scope="col" class=TH>{t(m::ROLE)}</th>
                            <th scope="col" class=TH>{t(m::JOINED)}</th>
                            <th scope="col" class=TH>{t(m::ACTIONS)}</th>
                        </tr>
                    </thead>
                    <tbody class="divide-y divide-gray-200">
                        {list
                            .into_iter()
                            .map(|member| {
                                let is_me = Some(member.user_id) == me;
                                view! { <MemberRow org_id member is_me my_role=ctx.role() on_remove=ask_remove on_changed /> }
                            })
                            .collect_view()}
                    </tbody>
                </table>
            </div>
        }
        .into_any(),
    }
    };

    view! {
        <PageTitle tr=m::MEMBERS_TITLE />
        <section class="space-y-8">
            <h1 class="text-2xl font-bold text-gray-900">{t(m::MEMBERS_TITLE)}</h1>
            <div class="space-y-3">
                <ErrorAlert error />
                <FlashMessage flash />
                {table}
            </div>
            <Show when=manage>
                <InviteForm org_id my_role=ctx.role() invitations />
                <PendingInvitations org_id invitations />
            </Show>
            <ConfirmDialog
                id="remove-member-dialog"
                open=dialog_open
                title=dialog_title
                message=dialog_text
                confirm_label=Signal::derive(move || if leaving() { m::LEAVE } else { m::REMOVE })
                danger=true
                on_confirm
            />
        </section>
    }
    .into_any()
}
