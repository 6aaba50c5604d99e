//! What anyone may read without signing in: discovery and event pages.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::events::{Category, EventStatus, Location};
use crate::{Localized, Money};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum SaleState {
    NotYetOnSale,
    OnSale,
    SoldOut,
    Ended,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PublicTicketType {
    pub id: Uuid,
    pub name: Localized,
    pub description: Localized,
    pub price: Money,
    pub sale_state: SaleState,
    /// Exact count when few are left (10 or fewer); `null` means "available".
    pub remaining: Option<u32>,
    pub min_per_order: u32,
    pub max_per_order: u32,
    pub sale_starts_at: Option<DateTime<Utc>>,
    pub sale_ends_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Organizer {
    pub name: String,
    pub slug: String,
    pub logo_url: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PublicTheme {
    pub primary_color: Option<String>,
    pub accent_color: Option<String>,
    /// Same-origin stylesheet with the organizer's CSS scoped to the event page, when there is any.
    pub stylesheet_url: Option<String>,
}

/// One event in a discovery list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PublicEventSummary {
    pub slug: String,
    pub title: Localized,
    pub summary: Localized,
    pub category: Option<Category>,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub timezone: String,
    pub city: Option<String>,
    pub country: Option<String>,
    pub online: bool,
    pub cover_url: Option<String>,
    /// Cheapest visible ticket; `"0"` when one is free; `null` when none is listed.
    pub min_price: Option<Money>,
    pub featured: bool,
    pub status: EventStatus,
    pub organizer: Organizer,
}

/// An event page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PublicEvent {
    pub slug: String,
    pub title: Localized,
    pub summary: Localized,
    pub description_html: Localized,
    pub category: Option<Category>,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub timezone: String,
    /// `online_url` is withheld here; buyers get it with their tickets.
    pub location: Location,
    pub online: bool,
    pub cover_url: Option<String>,
    pub status: EventStatus,
    pub theme: PublicTheme,
    pub organizer: Organizer,
    pub ticket_types: Vec<PublicTicketType>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum PriceFilter {
    Free,
    Paid,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum DiscoverSort {
    /// Soonest first.
    #[default]
    Date,
    /// Most tickets sold first.
    Popularity,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
pub struct DiscoverQuery {
    /// Words matched in titles, summaries, venue and city.
    pub q: Option<String>,
    /// Category slug.
    pub category: Option<String>,
    pub city: Option<String>,
    /// ISO 3166-1 alpha-2.
    pub country: Option<String>,
    /// Events ending on or after this day (UTC).
    pub from: Option<NaiveDate>,
    /// Events starting on or before this day (UTC).
    pub to: Option<NaiveDate>,
    pub price: Option<PriceFilter>,
    pub sort: Option<DiscoverSort>,
    pub limit: Option<u64>,
    pub cursor: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UnlockTicketTypes {
    pub code: String,
}
