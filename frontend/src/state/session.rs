//! Who is signed in. The access token lives only in memory (in `api`); a reload restores the
//! session through the refresh cookie. The current organization id is remembered in
//! `localStorage["reckot.org"]` so the dashboard opens where the person left off.

use common::Lang;
use common::orgs::Organization;
use common::users::Me;
use leptos::prelude::*;
use leptos::task::spawn_local;
use uuid::Uuid;

use super::storage;
use crate::api::{self, ApiError};

const ORG_KEY: &str = "reckot.org";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuthStatus {
    /// Restoring the session at start.
    Unknown,
    SignedOut,
    SignedIn,
}

/// The session, provided as context; every field is a signal, so it is `Copy`.
#[derive(Clone, Copy)]
pub struct Session {
    pub status: RwSignal<AuthStatus>,
    pub me: RwSignal<Option<Me>>,
    pub orgs: RwSignal<Vec<Organization>>,
    pub current_org: RwSignal<Option<Uuid>>,
}

pub fn use_session() -> Session {
    expect_context::<Session>()
}

impl Session {
    /// Creates the session, provides it, and starts restoring it from the refresh cookie.
    pub fn provide(lang: RwSignal<Lang>) -> Session {
        let s = Session {
            status: RwSignal::new(AuthStatus::Unknown),
            me: RwSignal::new(None),
            orgs: RwSignal::new(Vec::new()),
            current_org: RwSignal::new(
                storage::get(ORG_KEY).and_then(|s| Uuid::parse_str(&s).ok()),
            ),
        };
        provide_context(s);
        api::on_session_expired(move || s.clear());
        spawn_local(async move {
            if api::refresh_shared().await.is_some() && s.load(lang).await.is_ok() {
                return;
            }
            s.clear();
        });
        s
    }

    /// After login: keeps the token and loads the person and their organizations.
    pub async fn sign_in(self, token: String, lang: RwSignal<Lang>) -> Result<(), ApiError> {
        api::set_token(Some(token));
        self.load(lang).await
    }

    async fn load(self, lang: RwSignal<Lang>) -> Result<(), ApiError> {
        let me = api::me::get_me().await?;
        let orgs = api::orgs::list_all_orgs().await?;
        // A language chosen on this device wins; otherwise adopt the profile's.
        if super::lang::remembered().is_none() && lang.get_untracked() != me.language {
            lang.set(me.language);
        }
        self.me.set(Some(me));
        self.set_orgs(orgs);
        self.status.set(AuthStatus::SignedIn);
        Ok(())
    }

    /// Replaces the list of my organizations, keeping the current one if I still belong to it.
    pub fn set_orgs(self, orgs: Vec<Organization>) {
        let current = self.current_org.get_untracked();
        let keep = current.filter(|id| orgs.iter().any(|o| o.id == *id));
        let pick = keep.or_else(|| orgs.first().map(|o| o.id));
        self.orgs.set(orgs);
        self.set_current_org(pick);
    }

    /// Reloads my organizations (after creating, leaving or accepting an invitation).
    pub async fn reload_orgs(self) -> Result<(), ApiError> {
        let orgs = api::orgs::list_all_orgs().await?;
        self.set_orgs(orgs);
        Ok(())
    }

    /// Adds or replaces one organization in my list.
    pub fn upsert_org(self, org: Organization) {
        self.orgs
            .update(|list| match list.iter_mut().find(|o| o.id == org.id) {
                Some(slot) => *slot = org,
                None => list.push(org),
            });
    }

    pub fn set_current_org(self, id: Option<Uuid>) {
        if self.current_org.get_untracked() != id {
            self.current_org.set(id);
        }
        match id {
            Some(id) => storage::set(ORG_KEY, &id.to_string()),
            None => storage::remove(ORG_KEY),
        }
    }

    /// Where a signed-in person lands: the current organization's dashboard, or creating one.
    pub fn home_path(self) -> String {
        match self.current_org.get_untracked() {
            Some(id) => format!("/orgs/{id}"),
            None => "/orgs/new".into(),
        }
    }

    pub fn is_platform_admin(self) -> bool {
        self.me
            .with(|m| m.as_ref().is_some_and(|m| m.is_platform_admin))
    }

    /// Signs out on the server (best effort) and forgets everything here.
    pub async fn sign_out(self) {
        let _ = api::auth::logout().await;
        self.clear();
    }

    fn clear(self) {
        api::set_token(None);
        self.me.set(None);
        self.orgs.set(Vec::new());
        self.status.set(AuthStatus::SignedOut);
    }
}
