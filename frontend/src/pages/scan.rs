//! `/orgs/:org_id/scan`: the door scanner for phones. Without parameters, the setup (event,
//! list or swag item, gate); with `?event=&list=` (or `&swag=`) `&gate=`, the scanner screen.
//! For staff holding the check-in permission.

pub mod camera;
pub mod counts;
pub mod feedback;
pub mod manual;
pub mod network;
pub mod result;
pub mod screen;
pub mod search;
pub mod session;
pub mod setup;

use common::Permission;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use uuid::Uuid;

use crate::components::{Forbidden, PageTitle};
use crate::i18n::scanner as sc;
use crate::pages::orgs::layout::use_org;
use screen::ScannerScreen;
use session::{Params, Target};
use setup::Setup;

#[component]
pub fn ScanPage() -> impl IntoView {
    let ctx = use_org();
    let Some(org_id) = ctx.id() else {
        return ().into_any();
    };
    if !ctx.can(Permission::CheckIn) {
        return view! { <Forbidden /> }.into_any();
    }
    let query = use_query_map();
    let params = Memo::new(move |_| {
        let q = query.read();
        let id = |k: &str| q.get(k).and_then(|s| Uuid::parse_str(&s).ok());
        let target = match (id("list"), id("swag")) {
            (Some(l), _) => Target::List(l),
            (None, Some(s)) => Target::Swag(s),
            (None, None) => return None,
        };
        Some(Params {
            event_id: id("event")?,
            target,
            gate: q.get("gate").unwrap_or_default(),
        })
    });
    view! {
        <PageTitle tr=sc::SCANNER />
        {move || match params.get() {
            Some(p) => view! { <ScannerScreen org_id params=p /> }.into_any(),
            None => view! { <Setup org_id /> }.into_any(),
        }}
    }
    .into_any()
}
