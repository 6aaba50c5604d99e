//! Swag at the door: items an event hands out (T-shirts, badges, drinks), their stock, how many
//! each attendee may receive and to which ticket types. Handing out is a scan of the ticket; stock
//! never goes negative and nobody gets more than the allowance, however many devices hand out.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::checkin::ScannedTicket;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SwagItem {
    pub id: Uuid,
    pub event_id: Uuid,
    pub name: String,
    /// Units received in all (initial stock plus adjustments).
    pub stock: u32,
    pub handed_out: u32,
    /// `stock - handed_out`.
    pub remaining: u32,
    /// Units one ticket may receive.
    pub allowance_per_attendee: u32,
    /// Eligible ticket types; empty = every type of the event.
    pub ticket_type_ids: Vec<Uuid>,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreateSwagItem {
    /// 1 to 100 characters.
    pub name: String,
    /// 0 to 1,000,000.
    pub stock: u32,
    /// 1 to 100, default 1.
    #[serde(default = "one")]
    pub allowance_per_attendee: u32,
    /// Ticket types of the same event; empty (the default) = all.
    #[serde(default)]
    pub ticket_type_ids: Vec<Uuid>,
}

fn one() -> u32 {
    1
}

/// Fields left out stay as they are. Stock changes only through adjustments.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UpdateSwagItem {
    pub name: Option<String>,
    pub allowance_per_attendee: Option<u32>,
    pub ticket_type_ids: Option<Vec<Uuid>>,
}

/// A stock correction: a delivery (+), breakage or loss (-). Stock cannot go below what was
/// already handed out.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AdjustSwagStock {
    /// Non-zero, -1,000,000 to 1,000,000.
    pub delta: i32,
    /// 1 to 200 characters.
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SwagAdjustment {
    pub id: Uuid,
    pub item_id: Uuid,
    pub delta: i32,
    pub reason: String,
    pub by: Uuid,
    pub by_name: Option<String>,
    pub created_at: DateTime<Utc>,
}

/// `POST /orgs/{org_id}/swag-items/{item_id}/handouts`: scan the ticket to hand out.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HandOutSwag {
    /// The QR payload (`RK1.…`) or the ticket code as typed.
    pub code: String,
    /// 1 to 100, default 1.
    #[serde(default = "one")]
    pub quantity: u32,
    /// 8 to 64 printable ASCII characters, new for every hand-out; a retry with the same one
    /// returns the first answer and hands out once.
    pub nonce: String,
    #[serde(default)]
    pub device_id: Option<Uuid>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum SwagOutcome {
    /// Hand it over; recorded.
    Ok,
    /// Not enough stock left for this quantity.
    OutOfStock,
    /// This ticket already received its allowance (see `received`).
    AllowanceReached,
    /// The ticket's type is not eligible for this item.
    NotEligible,
    /// The ticket cannot be used: not paid, cancelled or refunded.
    TicketNotValid,
    /// A ticket of another event.
    WrongEvent,
    UnknownCode,
    InvalidSignature,
}

impl SwagOutcome {
    pub fn as_str(self) -> &'static str {
        match self {
            SwagOutcome::Ok => "ok",
            SwagOutcome::OutOfStock => "out_of_stock",
            SwagOutcome::AllowanceReached => "allowance_reached",
            SwagOutcome::NotEligible => "not_eligible",
            SwagOutcome::TicketNotValid => "ticket_not_valid",
            SwagOutcome::WrongEvent => "wrong_event",
            SwagOutcome::UnknownCode => "unknown_code",
            SwagOutcome::InvalidSignature => "invalid_signature",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SwagHandoutResult {
    pub handout_id: Uuid,
    pub outcome: SwagOutcome,
    pub ticket: Option<ScannedTicket>,
    /// Units this ticket has received of the item, this hand-out included.
    pub received: u32,
    pub allowance_per_attendee: u32,
    /// The item's stock after this hand-out.
    pub remaining: u32,
}

/// One line of the hand-out report (successful hand-outs only).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SwagHandout {
    pub id: Uuid,
    pub item_id: Uuid,
    pub ticket: ScannedTicket,
    pub quantity: u32,
    pub by: Uuid,
    pub by_name: Option<String>,
    pub created_at: DateTime<Utc>,
}
