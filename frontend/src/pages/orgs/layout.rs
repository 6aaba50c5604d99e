//! `/orgs/:org_id/*`: loads the organization, remembers it as the current one, shows the section
//! navigation and the child page. Not a member (404) shows the 404 page.

use common::orgs::Organization;
use common::{ErrorCode, Permission, Role};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::Outlet;
use leptos_router::hooks::{use_location, use_params_map};
use uuid::Uuid;

use crate::api::{self, ApiError};
use crate::components::status::LoadError;
use crate::components::{Loading, NotFound};
use crate::i18n::{Tr, events, orgs, t};
use crate::perms;
use crate::state::use_session;

/// The organization being viewed; set once loaded (child pages render only then).
#[derive(Clone, Copy)]
pub struct OrgCtx {
    pub org: RwSignal<Option<Organization>>,
}

impl OrgCtx {
    pub fn id(self) -> Option<Uuid> {
        self.org.with_untracked(|o| o.as_ref().map(|o| o.id))
    }

    pub fn role(self) -> Option<Role> {
        self.org.with_untracked(|o| o.as_ref().map(|o| o.my_role))
    }

    /// Whether my role holds `perm` here. Id and role are fixed while a page is mounted (the
    /// layout re-mounts its child when the organization changes), so these do not subscribe.
    pub fn can(self, perm: Permission) -> bool {
        self.role().is_some_and(|r| perms::can(r, perm))
    }
}

pub fn use_org() -> OrgCtx {
    expect_context::<OrgCtx>()
}

#[derive(Clone, PartialEq)]
enum Stage {
    BadId,
    Loading,
    Failed(ApiError),
    Ready(Uuid),
}

#[component]
pub fn OrgLayout() -> impl IntoView {
    let session = use_session();
    let params = use_params_map();
    let org_id = Memo::new(move |_| {
        params
            .read()
            .get("org_id")
            .and_then(|s| Uuid::parse_str(&s).ok())
    });
    let org = RwSignal::new(None::<Organization>);
    let error = RwSignal::new(None::<ApiError>);
    let reload = RwSignal::new(0u32);
    provide_context(OrgCtx { org });

    Effect::new(move |_| {
        reload.track();
        let Some(id) = org_id.get() else { return };
        if org.with_untracked(|o| o.as_ref().map(|o| o.id)) != Some(id) {
            org.set(None);
        }
        if error.with_untracked(Option::is_some) {
            error.set(None);
        }
        spawn_local(async move {
            let result = api::orgs::get_org(id).await;
            if org_id.get_untracked() != Some(id) {
                return;
            }
            match result {
                Ok(o) => {
                    session.set_current_org(Some(id));
                    session.upsert_org(o.clone());
                    org.set(Some(o));
                }
                Err(e) => error.set(Some(e)),
            }
        });
    });

    let stage = Memo::new(move |_| {
        match (
            org_id.get(),
            error.get(),
            org.with(|o| o.as_ref().map(|o| o.id)),
        ) {
            (None, _, _) => Stage::BadId,
            (_, Some(e), _) => Stage::Failed(e),
            (_, None, Some(id)) => Stage::Ready(id),
            (_, None, None) => Stage::Loading,
        }
    });

    move || {
        match stage.get() {
        Stage::BadId => view! { <NotFound /> }.into_any(),
        Stage::Failed(e) if e.is(ErrorCode::NotFound) => view! { <NotFound /> }.into_any(),
        Stage::Failed(e) => {
            view! { <LoadError error=e on_retry=Callback::new(move |()| reload.update(|n| *n += 1)) /> }.into_any()
        }
        Stage::Loading => view! { <Loading /> }.into_any(),
        Stage::Ready(id) => view! {
            <OrgNav id />
            <Outlet />
        }
        .into_any(),
    }
    }
}

/// Overview / Events / Members / Finance / Scanner / Settings, with `aria-current` on the open one.
#[component]
fn OrgNav(id: Uuid) -> impl IntoView {
    let ctx = use_org();
    let location = use_location();
    let base = format!("/orgs/{id}");
    // Sections with sub-pages (Events) stay current on them.
    let tab = move |href: String, label: Tr| {
        let target = href.clone();
        let current = move || {
            let path = location.pathname.get();
            let path = path.trim_end_matches('/');
            // A booking (`/orgs/:id/orders/:order_id`) belongs to its event, under Events.
            let nested = target.ends_with("/events")
                && (path.starts_with(&format!("{target}/"))
                    || path.contains(&format!("/orgs/{id}/orders/")));
            (path == target || nested).then_some("page")
        };
        view! {
            <li>
                <a
                    href=href
                    aria-current=current
                    class="block rounded-md px-3 py-2 text-sm font-medium text-gray-700 hover:bg-gray-100 hover:text-gray-900 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-emerald-600 aria-[current=page]:bg-emerald-50 aria-[current=page]:text-emerald-900"
                >
                    {t(label)}
                </a>
            </li>
        }
    };
    view! {
        <nav aria-label=t(orgs::ORG_NAV) class="mb-6 border-b border-gray-200 pb-2">
            <ul class="flex flex-wrap gap-1">
                {tab(base.clone(), orgs::OVERVIEW)}
                {tab(format!("{base}/events"), events::EVENTS)}
                {tab(format!("{base}/members"), orgs::MEMBERS)}
                <Show when=move || ctx.can(Permission::ManageSales) || ctx.can(Permission::ManagePayouts)>
                    {tab(format!("/orgs/{id}/finance"), crate::i18n::finance::FINANCE)}
                </Show>
                <Show when=move || ctx.can(Permission::CheckIn)>{tab(format!("/orgs/{id}/scan"), crate::i18n::scanner::SCANNER)}</Show>
                <Show when=move || ctx.can(Permission::ManageSettings)>{tab(format!("/orgs/{id}/settings"), orgs::SETTINGS)}</Show>
            </ul>
        </nav>
    }
}
