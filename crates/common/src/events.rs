//! Events, ticket types, capacity groups and categories: the organizer's view and the public one.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::{Currency, Localized, Money};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum EventStatus {
    Draft,
    Published,
    Cancelled,
    /// Published and over: follows from the clock, never stored.
    Ended,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Visibility {
    /// Listed in discovery.
    #[default]
    Public,
    /// Reachable by its link only.
    Unlisted,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Theme {
    /// `#rrggbb`
    pub primary_color: Option<String>,
    /// `#rrggbb`
    pub accent_color: Option<String>,
    /// The organizer's CSS as written; served scoped to the event page (see `theme.css`).
    pub custom_css: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Category {
    pub id: Uuid,
    pub slug: String,
    pub name: Localized,
    /// An icon name from the SPA's icon set, e.g. `music`.
    pub icon: String,
    pub sort_order: i32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreateCategory {
    pub slug: String,
    pub name: Localized,
    pub icon: String,
    #[serde(default)]
    pub sort_order: i32,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UpdateCategory {
    pub name: Option<Localized>,
    pub icon: Option<String>,
    pub sort_order: Option<i32>,
}

/// Where an event happens: a venue, an online link, or both.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Location {
    pub venue_name: Option<String>,
    pub address: Option<String>,
    pub city: Option<String>,
    /// ISO 3166-1 alpha-2.
    pub country: Option<String>,
    /// Decimal degrees as a string, e.g. `"4.0511"`.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub latitude: Option<rust_decimal::Decimal>,
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub longitude: Option<rust_decimal::Decimal>,
    pub online_url: Option<String>,
}

/// An event as its organizers see it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Event {
    pub id: Uuid,
    pub org_id: Uuid,
    /// Stable public address: `/e/{slug}`.
    pub slug: String,
    pub title: Localized,
    pub summary: Localized,
    /// Markdown as written.
    pub description: Localized,
    /// The Markdown rendered to sanitized HTML.
    pub description_html: Localized,
    pub category_id: Option<Uuid>,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    /// IANA time zone the event is held in, e.g. `Africa/Douala`.
    pub timezone: String,
    pub location: Location,
    pub cover_url: Option<String>,
    pub status: EventStatus,
    pub visibility: Visibility,
    pub currency: Currency,
    pub theme: Theme,
    pub featured: bool,
    /// How long a checkout holds tickets before they go back on sale.
    pub hold_minutes: u32,
    /// Buyers may ask for a refund until this many hours before the start; `None`: buyers
    /// cannot ask (organizers can still refund).
    pub refund_deadline_hours: Option<u32>,
    pub published_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreateEvent {
    pub title: Localized,
    /// Derived from the title when left out; never changes afterwards.
    pub slug: Option<String>,
    #[serde(default)]
    pub summary: Localized,
    #[serde(default)]
    pub description: Localized,
    pub category_id: Option<Uuid>,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub timezone: String,
    #[serde(default)]
    pub location: Location,
    #[serde(default)]
    pub visibility: Visibility,
    /// Defaults to the organization's currency.
    pub currency: Option<Currency>,
    #[serde(default)]
    pub theme: Theme,
    /// Minutes a checkout holds tickets, 1 to 60 (default 15).
    pub hold_minutes: Option<u32>,
    /// Buyers may ask for a refund until this many hours before the start (0 to 8760); left
    /// out: buyers cannot ask.
    #[serde(default)]
    pub refund_deadline_hours: Option<u32>,
}

/// Fields left out stay as they are.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UpdateEvent {
    pub title: Option<Localized>,
    pub summary: Option<Localized>,
    pub description: Option<Localized>,
    #[serde(
        default,
        with = "crate::users::double_option",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Uuid>))]
    pub category_id: Option<Option<Uuid>>,
    pub starts_at: Option<DateTime<Utc>>,
    pub ends_at: Option<DateTime<Utc>>,
    pub timezone: Option<String>,
    pub location: Option<Location>,
    pub visibility: Option<Visibility>,
    /// Only while no ticket type has a price.
    pub currency: Option<Currency>,
    pub theme: Option<Theme>,
    pub hold_minutes: Option<u32>,
    /// `null` stops buyer refund requests.
    #[serde(
        default,
        with = "crate::users::double_option",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<u32>))]
    pub refund_deadline_hours: Option<Option<u32>>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
pub struct ListEventsQuery {
    pub status: Option<EventStatus>,
    pub limit: Option<u64>,
    pub cursor: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TicketType {
    pub id: Uuid,
    pub event_id: Uuid,
    pub name: Localized,
    pub description: Localized,
    /// In the event's currency; `"0"` is a free ticket.
    pub price: Money,
    pub quantity: u32,
    pub sold: u32,
    /// Reserved by pending orders right now (released if they are not paid in time).
    pub held: u32,
    pub sale_starts_at: Option<DateTime<Utc>>,
    pub sale_ends_at: Option<DateTime<Utc>>,
    pub min_per_order: u32,
    pub max_per_order: u32,
    /// When set, the type is hidden until a buyer enters this code.
    pub access_code: Option<String>,
    pub sort_order: i32,
    pub active: bool,
    pub capacity_group_id: Option<Uuid>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreateTicketType {
    pub name: Localized,
    #[serde(default)]
    pub description: Localized,
    pub price: Money,
    pub quantity: u32,
    pub sale_starts_at: Option<DateTime<Utc>>,
    pub sale_ends_at: Option<DateTime<Utc>>,
    #[serde(default = "one")]
    pub min_per_order: u32,
    #[serde(default = "ten")]
    pub max_per_order: u32,
    pub access_code: Option<String>,
    #[serde(default)]
    pub sort_order: i32,
    #[serde(default = "yes")]
    pub active: bool,
    pub capacity_group_id: Option<Uuid>,
}

fn one() -> u32 {
    1
}
fn ten() -> u32 {
    10
}
fn yes() -> bool {
    true
}

/// Fields left out stay as they are; nullable ones are cleared with `null`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UpdateTicketType {
    pub name: Option<Localized>,
    pub description: Option<Localized>,
    pub price: Option<Money>,
    pub quantity: Option<u32>,
    #[serde(
        default,
        with = "crate::users::double_option",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<DateTime<Utc>>))]
    pub sale_starts_at: Option<Option<DateTime<Utc>>>,
    #[serde(
        default,
        with = "crate::users::double_option",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<DateTime<Utc>>))]
    pub sale_ends_at: Option<Option<DateTime<Utc>>>,
    pub min_per_order: Option<u32>,
    pub max_per_order: Option<u32>,
    #[serde(
        default,
        with = "crate::users::double_option",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub access_code: Option<Option<String>>,
    pub sort_order: Option<i32>,
    pub active: Option<bool>,
    #[serde(
        default,
        with = "crate::users::double_option",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Uuid>))]
    pub capacity_group_id: Option<Option<Uuid>>,
}

/// A limit several ticket types draw from together, on top of each type's own quantity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CapacityGroup {
    pub id: Uuid,
    pub event_id: Uuid,
    pub name: String,
    pub capacity: u32,
    pub sold: u32,
    pub ticket_type_ids: Vec<Uuid>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreateCapacityGroup {
    pub name: String,
    pub capacity: u32,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UpdateCapacityGroup {
    pub name: Option<String>,
    pub capacity: Option<u32>,
}

/// Scoped CSS preview: what the event page would load, or field errors.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ThemePreview {
    pub css: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PreviewTheme {
    pub custom_css: String,
}
