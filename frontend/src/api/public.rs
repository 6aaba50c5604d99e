//! What anyone may read without signing in (`/public/*`): categories, discovery, event pages,
//! unlocking hidden ticket types, and the event's theme stylesheet.

use common::Page;
use common::events::Category;
use common::public::{
    DiscoverQuery, DiscoverSort, PriceFilter, PublicEvent, PublicEventSummary, PublicTicketType,
    UnlockTicketTypes,
};

use super::{API_BASE, ApiError, Body, Method, fetch_json, fetch_text, query};
use crate::time::date_string;
use crate::util::encode;

/// `GET /public/categories`.
pub async fn list_categories() -> Result<Vec<Category>, ApiError> {
    fetch_json(Method::Get, "/public/categories", Body::None).await
}

/// `GET /public/events?q=&category=&city=&country=&from=&to=&price=&sort=&cursor=`.
pub async fn discover_events(q: &DiscoverQuery) -> Result<Page<PublicEventSummary>, ApiError> {
    let from = q.from.as_ref().map(date_string);
    let to = q.to.as_ref().map(date_string);
    let price = q.price.map(|p| match p {
        PriceFilter::Free => "free",
        PriceFilter::Paid => "paid",
    });
    let sort = q.sort.map(|s| match s {
        DiscoverSort::Date => "date",
        DiscoverSort::Popularity => "popularity",
    });
    let limit = q.limit.map(|l| l.to_string());
    let qs = query(&[
        ("q", q.q.as_deref()),
        ("category", q.category.as_deref()),
        ("city", q.city.as_deref()),
        ("country", q.country.as_deref()),
        ("from", from.as_deref()),
        ("to", to.as_deref()),
        ("price", price),
        ("sort", sort),
        ("limit", limit.as_deref()),
        ("cursor", q.cursor.as_deref()),
    ]);
    fetch_json(Method::Get, &format!("/public/events{qs}"), Body::None).await
}

/// `GET /public/events/{slug}` (the browser revalidates it with its ETag).
pub async fn get_public_event(slug: &str) -> Result<PublicEvent, ApiError> {
    fetch_json(
        Method::Get,
        &format!("/public/events/{}", encode(slug)),
        Body::None,
    )
    .await
}

/// `POST /public/events/{slug}/unlock`: the hidden ticket types this code opens.
pub async fn unlock_ticket_types(
    slug: &str,
    body: &UnlockTicketTypes,
) -> Result<Vec<PublicTicketType>, ApiError> {
    fetch_json(
        Method::Post,
        &format!("/public/events/{}/unlock", encode(slug)),
        Body::json(body)?,
    )
    .await
}

/// The `.ics` download of an event.
pub fn calendar_url(slug: &str) -> String {
    format!("{API_BASE}/public/events/{}/calendar.ics", encode(slug))
}

/// The text of the event's theme stylesheet (`theme.stylesheet_url`, same origin).
pub async fn get_theme_css(url: &str) -> Result<String, ApiError> {
    fetch_text(url).await
}
