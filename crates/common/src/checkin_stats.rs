//! The live check-in dashboard of an event: `GET .../checkin-stats` for a snapshot and
//! `GET .../checkin-stats/stream` (server-sent events) for the same snapshot each time it changes.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::checkin::TicketTypeCounts;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct GateCount {
    /// `None` for scans made without a gate name.
    pub gate: Option<String>,
    /// Admitting scans (`ok` entries) at this gate.
    pub entries: u32,
}

/// Admitting scans in the five minutes from `starts_at`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ArrivalBucket {
    pub starts_at: DateTime<Utc>,
    pub entries: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SwagCount {
    pub item_id: Uuid,
    pub name: String,
    pub stock: u32,
    pub handed_out: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CheckinStats {
    pub event_id: Uuid,
    /// Valid tickets of the event (paid orders).
    pub expected: u32,
    /// Tickets that entered through any list at least once.
    pub checked_in: u32,
    /// Per ticket type; `checked_in` as above.
    pub by_ticket_type: Vec<TicketTypeCounts>,
    /// Busiest gate first.
    pub by_gate: Vec<GateCount>,
    /// Oldest first, only buckets with arrivals, at most the last 288 (24 hours).
    pub arrivals: Vec<ArrivalBucket>,
    pub swag: Vec<SwagCount>,
    pub generated_at: DateTime<Utc>,
}
