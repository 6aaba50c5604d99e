//! The pages of one event for organizers: "Event" (the editor), "Bookings", "Coupons",
//! "Check-in", "Live" and "Swag", as a navigation with `aria-current` on the open one; and the
//! loading of the event with its ticket types that the pages after the editor share.

use common::Permission;
use common::events::{Event, TicketType};
use leptos::prelude::*;
use leptos_router::hooks::use_location;
use uuid::Uuid;

use crate::api::{self, ApiError};
use crate::i18n::{Tr, checkin as ci, sales as sa, t};
use crate::pages::orgs::layout::use_org;

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum EventPage {
    Editor,
    Bookings,
    Coupons,
    Checkin,
    Live,
    Swag,
}

#[component]
pub fn EventTabs(org_id: Uuid, event_id: Uuid) -> impl IntoView {
    let location = use_location();
    let base = format!("/orgs/{org_id}/events/{event_id}");
    // The door's pages need `check_in` to read anything (viewers do not have it).
    let door = use_org().can(Permission::CheckIn);
    let tab = move |href: String, label: Tr, page: EventPage| {
        let current = move || {
            let path = location.pathname.get();
            let path = path.trim_end_matches('/');
            let open = match page {
                EventPage::Editor => path.ends_with(&event_id.to_string()),
                EventPage::Bookings => path.ends_with("/bookings"),
                EventPage::Coupons => path.ends_with("/coupons"),
                EventPage::Checkin => path.ends_with("/checkin"),
                EventPage::Live => path.ends_with("/live"),
                EventPage::Swag => path.ends_with("/swag"),
            };
            open.then_some("page")
        };
        view! {
            <li>
                <a
                    href=href
                    aria-current=current
                    class="-mb-px block border-b-2 border-transparent px-4 py-2 text-sm font-medium text-gray-700 hover:text-gray-900 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-emerald-600 aria-[current=page]:border-emerald-700 aria-[current=page]:text-emerald-900"
                >
                    {t(label)}
                </a>
            </li>
        }
    };
    view! {
        <nav aria-label=t(sa::EVENT_PAGES)>
            <ul class="flex flex-wrap gap-1 border-b border-gray-200">
                {tab(base.clone(), sa::TAB_EVENT, EventPage::Editor)}
                {tab(format!("{base}/bookings"), sa::TAB_BOOKINGS, EventPage::Bookings)}
                {tab(format!("{base}/coupons"), sa::TAB_COUPONS, EventPage::Coupons)}
                {door.then(|| view! {
                    {tab(format!("{base}/checkin"), ci::TAB_CHECKIN, EventPage::Checkin)}
                    {tab(format!("{base}/live"), ci::TAB_LIVE, EventPage::Live)}
                    {tab(format!("{base}/swag"), ci::TAB_SWAG, EventPage::Swag)}
                })}
            </ul>
        </nav>
    }
}

/// The event and its ticket types, loaded together.
pub async fn load_event(
    org_id: Uuid,
    event_id: Uuid,
) -> Result<(Event, Vec<TicketType>), ApiError> {
    let event = api::events::get_event(org_id, event_id).await?;
    let types = api::events::list_ticket_types(org_id, event_id).await?;
    Ok((event, types))
}
