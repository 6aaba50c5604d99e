//! What anyone may read: discovery, event pages with live availability, calendar files and the
//! event's theme stylesheet. Event pages and discovery results are cached as serialized JSON
//! (Redis or in-process) and invalidated by every organizer change.

use std::collections::HashMap;
use std::time::Duration;

use chrono::{DateTime, NaiveTime, Utc};
use common::events::Category;
use common::public::{
    DiscoverQuery, DiscoverSort, Organizer, PriceFilter, PublicEvent, PublicEventSummary,
    PublicTheme, PublicTicketType, UnlockTicketTypes,
};
use common::{ErrorCode, Money, Page};
use db::capacity_groups::CapacityGroupRow;
use db::events::EventRow;
use db::ticket_types::TicketTypeRow;
use domain::sales::{Stock, Window, sale_state, shown_remaining};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::error::{AppError, AppResult};
use crate::services::event_fields::{currency_of, join, location_of, media_url, status_of};
use crate::state::AppState;

const TTL: Duration = Duration::from_secs(30);

/// A cached JSON body with its strong validator.
pub struct Cached {
    pub body: Vec<u8>,
    pub etag: String,
}

/// Hashes once, when the entry is made; hits only split the stored `etag\nbody`.
fn fill(body: Vec<u8>) -> (Cached, Vec<u8>) {
    let etag = format!("\"{}\"", hex::encode(&Sha256::digest(&body)[..16]));
    let mut stored = Vec::with_capacity(etag.len() + 1 + body.len());
    stored.extend_from_slice(etag.as_bytes());
    stored.push(b'\n');
    stored.extend_from_slice(&body);
    (Cached { body, etag }, stored)
}

fn hit(stored: Vec<u8>) -> Option<Cached> {
    let split = stored.iter().position(|b| *b == b'\n')?;
    let etag = String::from_utf8(stored[..split].to_vec()).ok()?;
    Some(Cached {
        body: stored[split + 1..].to_vec(),
        etag,
    })
}

pub async fn invalidate(state: &AppState, slug: &str) {
    state
        .cache
        .delete(&[
            format!("event:{slug}"),
            format!("theme:{slug}"),
            "discover:*".to_owned(),
        ])
        .await;
}

/// After a sale, hold or release: only the event page shows availability (discovery lists show no
/// counts; its popularity order may lag by the cache's 30 s), so an on-sale drop does not wipe
/// every discovery page on each order.
pub async fn invalidate_availability(state: &AppState, slug: &str) {
    state.cache.delete(&[format!("event:{slug}")]).await;
}

fn category_dto(c: &db::categories::CategoryRow) -> Category {
    Category {
        id: c.id,
        slug: c.slug.clone(),
        name: join(&Some(c.name_en.clone()), &c.name_fr),
        icon: c.icon.clone(),
        sort_order: c.sort_order,
    }
}

pub async fn categories(state: &AppState) -> AppResult<Vec<Category>> {
    Ok(db::categories::list(&state.db)
        .await?
        .iter()
        .map(category_dto)
        .collect())
}

fn organizer(org: &db::orgs::Org) -> Organizer {
    Organizer {
        name: org.name.clone(),
        slug: org.slug.clone(),
        logo_url: org.logo_key.as_ref().map(|k| format!("/media/{k}")),
    }
}

fn count(n: i32) -> u32 {
    u32::try_from(n).unwrap_or(0)
}

fn public_ticket(
    t: &TicketTypeRow,
    event: &EventRow,
    groups: &[CapacityGroupRow],
    now: DateTime<Utc>,
) -> PublicTicketType {
    let group = t
        .capacity_group_id
        .and_then(|g| groups.iter().find(|x| x.id == g))
        .map(|g| (count(g.capacity), count(g.sold), count(g.held)));
    let stock = Stock {
        quantity: count(t.quantity),
        sold: count(t.sold),
        held: count(t.held),
        group,
    };
    let window = Window {
        now: now.timestamp(),
        sale_starts_at: t.sale_starts_at.map(|d| d.timestamp()),
        sale_ends_at: t.sale_ends_at.map(|d| d.timestamp()),
        event_ends_at: event.ends_at.timestamp(),
        event_cancelled: event.status == "cancelled",
    };
    let state = sale_state(window, stock);
    PublicTicketType {
        id: t.id,
        name: join(&t.name_en, &t.name_fr),
        description: join(&t.description_en, &t.description_fr),
        price: Money::from_minor(t.price_minor, currency_of(event)),
        sale_state: state,
        remaining: shown_remaining(state, stock),
        min_per_order: count(t.min_per_order),
        max_per_order: count(t.max_per_order),
        sale_starts_at: t.sale_starts_at,
        sale_ends_at: t.sale_ends_at,
    }
}

fn listed(t: &TicketTypeRow) -> bool {
    t.active && t.access_code.is_none()
}

fn theme(event: &EventRow) -> PublicTheme {
    let any = event.theme_primary.is_some()
        || event.theme_accent.is_some()
        || event.custom_css_scoped.is_some();
    PublicTheme {
        primary_color: event.theme_primary.clone(),
        accent_color: event.theme_accent.clone(),
        stylesheet_url: any.then(|| format!("/api/v1/public/events/{}/theme.css", event.slug)),
    }
}

async fn load(state: &AppState, slug: &str) -> AppResult<(EventRow, db::orgs::Org)> {
    db::events::find_public(&state.db, slug)
        .await?
        .ok_or_else(AppError::not_found)
}

pub async fn event(state: &AppState, slug: &str) -> AppResult<Cached> {
    let key = format!("event:{slug}");
    if let Some(found) = state.cache.get(&key).await.and_then(hit) {
        return Ok(found);
    }
    let (row, org) = load(state, slug).await?;
    let now = state.now();
    let tickets = db::ticket_types::list_for_events(&state.db, &[row.id]).await?;
    let groups = db::capacity_groups::list_for_events(&state.db, &[row.id]).await?;
    let category = match row.category_id {
        Some(id) => db::categories::find(&state.db, id)
            .await?
            .as_ref()
            .map(category_dto),
        None => None,
    };
    let mut location = location_of(&row);
    location.online_url = None;
    let dto = PublicEvent {
        slug: row.slug.clone(),
        title: join(&row.title_en, &row.title_fr),
        summary: join(&row.summary_en, &row.summary_fr),
        description_html: join(&row.description_html_en, &row.description_html_fr),
        category,
        starts_at: row.starts_at,
        ends_at: row.ends_at,
        timezone: row.timezone.clone(),
        location,
        online: row.online_url.is_some(),
        cover_url: media_url(&row.cover_key),
        status: status_of(&row, now),
        theme: theme(&row),
        organizer: organizer(&org),
        ticket_types: tickets
            .iter()
            .filter(|t| listed(t))
            .map(|t| public_ticket(t, &row, &groups, now))
            .collect(),
    };
    let body = serde_json::to_vec(&dto).map_err(AppError::internal)?;
    let (cached, stored) = fill(body);
    state.cache.set(&key, stored, TTL).await;
    Ok(cached)
}

/// Hidden ticket types this access code opens (compared exactly; codes are not secrets of the
/// same class as passwords, organizers share them with groups).
pub async fn unlock(
    state: &AppState,
    slug: &str,
    input: UnlockTicketTypes,
) -> AppResult<Vec<PublicTicketType>> {
    let (row, _) = load(state, slug).await?;
    let code = input.code.trim();
    let tickets = db::ticket_types::list_for_events(&state.db, &[row.id]).await?;
    let groups = db::capacity_groups::list_for_events(&state.db, &[row.id]).await?;
    let now = state.now();
    let unlocked: Vec<_> = tickets
        .iter()
        .filter(|t| {
            t.active
                && !code.is_empty()
                && t.access_code
                    .as_deref()
                    .is_some_and(|c| c.eq_ignore_ascii_case(code))
        })
        .map(|t| public_ticket(t, &row, &groups, now))
        .collect();
    if unlocked.is_empty() {
        return Err(AppError::field(
            "code",
            "invalid_code",
            "no tickets for this code",
        ));
    }
    Ok(unlocked)
}

fn day_start(d: chrono::NaiveDate) -> DateTime<Utc> {
    d.and_time(NaiveTime::MIN).and_utc()
}

pub async fn discover(state: &AppState, q: DiscoverQuery) -> AppResult<Cached> {
    let key = format!(
        "discover:{}",
        hex::encode(&Sha256::digest(serde_json::to_vec(&q).unwrap_or_default())[..16])
    );
    if let Some(found) = state.cache.get(&key).await.and_then(hit) {
        return Ok(found);
    }
    let categories = db::categories::list(&state.db).await?;
    let category_id = match &q.category {
        Some(slug) => match categories.iter().find(|c| &c.slug == slug) {
            Some(c) => Some(c.id),
            None => return Err(AppError::field("category", "not_found", "no such category")),
        },
        None => None,
    };
    let filter = db::events::Discover {
        words: q
            .q
            .as_deref()
            .unwrap_or("")
            .split_whitespace()
            .take(8)
            .map(str::to_owned)
            .collect(),
        category_id,
        city: q
            .city
            .clone()
            .map(|c| c.trim().to_owned())
            .filter(|c| !c.is_empty()),
        country: q
            .country
            .clone()
            .map(|c| c.trim().to_owned())
            .filter(|c| !c.is_empty()),
        from: q.from.map(day_start),
        to: q.to.map(|d| day_start(d) + chrono::Duration::days(1)),
        free: q.price.map(|p| p == PriceFilter::Free),
        by_popularity: q.sort.unwrap_or_default() == DiscoverSort::Popularity,
    };
    let limit = common::page::PageQuery {
        limit: q.limit,
        cursor: None,
    }
    .limit();
    let now = state.now();
    let (rows, next_cursor) =
        db::events::discover(&state.db, &filter, now, q.cursor.as_deref(), limit).await?;
    let ids: Vec<Uuid> = rows.iter().map(|(e, _)| e.id).collect();
    let mut tickets: HashMap<Uuid, Vec<TicketTypeRow>> = HashMap::new();
    for t in db::ticket_types::list_for_events(&state.db, &ids).await? {
        tickets.entry(t.event_id).or_default().push(t);
    }
    let items = rows
        .iter()
        .map(|(e, org)| PublicEventSummary {
            slug: e.slug.clone(),
            title: join(&e.title_en, &e.title_fr),
            summary: join(&e.summary_en, &e.summary_fr),
            category: e
                .category_id
                .and_then(|id| categories.iter().find(|c| c.id == id))
                .map(category_dto),
            starts_at: e.starts_at,
            ends_at: e.ends_at,
            timezone: e.timezone.clone(),
            city: e.city.clone(),
            country: e.country.clone(),
            online: e.online_url.is_some(),
            cover_url: media_url(&e.cover_key),
            min_price: tickets
                .get(&e.id)
                .and_then(|ts| ts.iter().filter(|t| listed(t)).map(|t| t.price_minor).min())
                .map(|m| Money::from_minor(m, currency_of(e))),
            featured: e.featured,
            status: status_of(e, now),
            organizer: organizer(org),
        })
        .collect();
    let body = serde_json::to_vec(&Page { items, next_cursor }).map_err(AppError::internal)?;
    let (cached, stored) = fill(body);
    state.cache.set(&key, stored, TTL).await;
    Ok(cached)
}

/// The event's brand colors as custom properties plus the organizer's scoped CSS.
pub async fn theme_css(state: &AppState, slug: &str) -> AppResult<String> {
    let key = format!("theme:{slug}");
    if let Some(body) = state.cache.get(&key).await {
        return String::from_utf8(body).map_err(AppError::internal);
    }
    let (row, _) = load(state, slug).await?;
    let mut css = String::new();
    let vars: Vec<String> = [
        ("--event-primary", &row.theme_primary),
        ("--event-accent", &row.theme_accent),
    ]
    .iter()
    .filter_map(|(name, v)| {
        v.as_ref()
            .filter(|c| crate::content::colors::is_hex_color(c))
            .map(|c| format!("{name}:{c}"))
    })
    .collect();
    if !vars.is_empty() {
        css.push_str(&format!(".event-theme{{{}}}", vars.join(";")));
    }
    if let Some(scoped) = &row.custom_css_scoped {
        css.push_str(scoped);
    }
    if css.is_empty() {
        return Err(AppError::not_found());
    }
    state.cache.set(&key, css.clone().into_bytes(), TTL).await;
    Ok(css)
}

pub async fn calendar(state: &AppState, slug: &str) -> AppResult<String> {
    let (row, org) = load(state, slug).await?;
    if row.status == "cancelled" {
        return Err(AppError::with_detail(
            ErrorCode::Conflict,
            "this event is cancelled",
        ));
    }
    let place = [
        row.venue_name.clone(),
        row.address.clone(),
        row.city.clone(),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(", ");
    let title = join(&row.title_en, &row.title_fr);
    let summary = join(&row.summary_en, &row.summary_fr);
    let url = format!("{}/e/{}", state.settings.base_url, row.slug);
    Ok(crate::content::ics::event_ics_stamped(
        &crate::content::ics::IcsEvent {
            uid: format!("{}@reckot", row.id),
            title: title.get(common::Lang::En),
            description: summary.get(common::Lang::En),
            starts_at: row.starts_at,
            ends_at: row.ends_at,
            timezone: &row.timezone,
            location: (!place.is_empty())
                .then_some(place)
                .or(row.online_url.clone()),
            url,
            organizer_name: &org.name,
            // Seconds since creation of the last saved change: grows with every update, which
            // is what calendars compare.
            sequence: u32::try_from(row.updated_at.timestamp() - row.created_at.timestamp())
                .unwrap_or(0),
        },
        state.now(),
    ))
}

/// For `/e/{slug}`: what social networks show when the link is shared.
pub async fn social_summary(state: &AppState, slug: &str) -> AppResult<(EventRow, db::orgs::Org)> {
    load(state, slug).await
}
