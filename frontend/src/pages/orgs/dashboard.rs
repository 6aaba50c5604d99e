//! `/orgs/:org_id`: the overview. Name, my role, plan, currency and country, with the member count
//! and, for those who manage members, the pending invitations count; links to Members and Settings.

use common::Permission;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::layout::use_org;
use crate::api;
use crate::components::PageTitle;
use crate::components::button::LINK;
use crate::i18n::countries::{country_name, currency_label};
use crate::i18n::{Tr, orgs, role_name, t, tier_name, use_lang};
use crate::util::format_date;

/// A count still loading, loaded, or unavailable.
fn count_text(c: Option<Result<String, ()>>) -> String {
    match c {
        None => "…".into(),
        Some(Ok(n)) => n,
        Some(Err(())) => "—".into(),
    }
}

#[component]
pub fn OrgDashboard() -> impl IntoView {
    let ctx = use_org();
    let lang = use_lang();
    let Some(org) = ctx.org.get_untracked() else {
        return ().into_any();
    };
    let id = org.id;
    let manage_members = move || ctx.can(Permission::ManageMembers);
    let members = RwSignal::new(None::<Result<String, ()>>);
    let invites = RwSignal::new(None::<Result<String, ()>>);
    spawn_local(async move {
        let r = api::members::list_all_members(id).await;
        members.set(Some(r.map(|m| m.len().to_string()).map_err(|_| ())));
    });
    if manage_members() {
        spawn_local(async move {
            let r = api::members::list_invitations(id).await;
            let text = r.map(|p| {
                let n = p.items.len();
                if p.next_cursor.is_some() {
                    format!("{n}+")
                } else {
                    n.to_string()
                }
            });
            invites.set(Some(text.map_err(|_| ())));
        });
    }

    let name = move || {
        ctx.org
            .with(|o| o.as_ref().map(|o| o.name.clone()).unwrap_or_default())
    };
    let field = move |f: fn(&common::orgs::Organization, common::Lang) -> String| {
        move || {
            ctx.org
                .with(|o| o.as_ref().map(|o| f(o, lang.get())).unwrap_or_default())
        }
    };
    let role = field(|o, l| role_name(o.my_role).get(l).to_owned());
    let tier = field(|o, l| tier_name(o.tier).get(l).to_owned());
    let currency = field(|o, l| currency_label(o.currency, l));
    let country = field(|o, l| country_name(&o.country, l));
    let created =
        field(|o, l| orgs::CREATED_ON.fill(l, &[("date", &format_date(&o.created_at, l))]));
    let suspended = move || ctx.org.with(|o| o.as_ref().is_some_and(|o| o.suspended));
    let logo = move || {
        ctx.org
            .with(|o| o.as_ref().and_then(|o| o.logo_url.clone()))
    };
    let members_href = format!("/orgs/{id}/members");
    let invite_href = move || format!("/orgs/{id}/members#invite");
    let settings_href = move || format!("/orgs/{id}/settings");

    view! {
        <PageTitle text=Signal::derive(name) />
        <section class="space-y-6">
            <header class="flex flex-wrap items-center gap-4">
                {move || logo().map(|src| view! { <img src=src alt="" class="h-14 w-14 rounded-md border border-gray-200 object-contain" /> })}
                <div class="space-y-1">
                    <h1 class="text-2xl font-bold text-gray-900">{name}</h1>
                    <p class="flex flex-wrap items-center gap-2 text-sm text-gray-700">
                        <span class="sr-only">{t(orgs::YOUR_ROLE)}": "</span>
                        <span class="rounded-full bg-emerald-100 px-2.5 py-0.5 text-xs font-semibold text-emerald-900">{role}</span>
                        <span>{created}</span>
                    </p>
                </div>
            </header>
            <Show when=suspended>
                <p role="status" class="rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm font-medium text-amber-900">
                    {t(orgs::SUSPENDED_NOTICE)}
                </p>
            </Show>
            <dl class="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
                <Card label=orgs::MEMBERS>
                    <dd class="text-3xl font-semibold text-gray-900">{move || count_text(members.get())}</dd>
                    <dd>
                        <a href=members_href class=LINK>
                            {move || if manage_members() { t(orgs::MANAGE_MEMBERS)() } else { t(orgs::SEE_MEMBERS)() }}
                        </a>
                    </dd>
                </Card>
                <Show when=manage_members>
                    <Card label=orgs::PENDING_INVITES>
                        <dd class="text-3xl font-semibold text-gray-900">{move || count_text(invites.get())}</dd>
                        <dd><a href=invite_href class=LINK>{t(orgs::INVITE_SOMEONE)}</a></dd>
                    </Card>
                </Show>
                <Card label=orgs::PLAN>
                    <dd class="text-xl font-semibold text-gray-900">{tier}</dd>
                </Card>
                <Card label=orgs::CURRENCY>
                    <dd class="text-base font-semibold text-gray-900">{currency}</dd>
                    <dd class="text-sm text-gray-700">{country}</dd>
                </Card>
            </dl>
            <Show when=move || ctx.can(Permission::ManageSettings)>
                <p><a href=settings_href class=LINK>{t(orgs::EDIT_SETTINGS)}</a></p>
            </Show>
        </section>
    }
    .into_any()
}

/// One figure of the overview.
#[component]
fn Card(label: Tr, children: Children) -> impl IntoView {
    view! {
        <div class="space-y-2 rounded-lg border border-gray-200 bg-white p-5 shadow-sm">
            <dt class="text-sm font-medium text-gray-600">{t(label)}</dt>
            {children()}
        </div>
    }
}
