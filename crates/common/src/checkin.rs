//! Check-in at the door: lists (which tickets of an event a door admits, and when), scans and
//! their outcomes, and the counts a door shows. A scan is a business outcome, never an HTTP
//! error: the answer is always a [`ScanResult`] whose `outcome` the scanner shows.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::Localized;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CheckinList {
    pub id: Uuid,
    pub event_id: Uuid,
    pub name: String,
    /// Admitted ticket types; empty = every type of the event.
    pub ticket_type_ids: Vec<Uuid>,
    /// Scans before this time answer `outside_window`.
    pub starts_at: Option<DateTime<Utc>>,
    /// Scans from this time on answer `outside_window`.
    pub ends_at: Option<DateTime<Utc>>,
    /// Whether a ticket may leave (`exit` scan) and come back.
    pub allow_reentry: bool,
    pub counts: CheckinCounts,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CheckinCounts {
    /// Valid tickets of the list's types.
    pub expected: u32,
    /// Tickets inside right now (entered and not exited).
    pub checked_in: u32,
    pub by_ticket_type: Vec<TicketTypeCounts>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TicketTypeCounts {
    pub ticket_type_id: Uuid,
    pub name: Localized,
    pub expected: u32,
    pub checked_in: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreateCheckinList {
    /// 1 to 100 characters.
    pub name: String,
    /// Ticket types of the same event; empty (the default) = all.
    #[serde(default)]
    pub ticket_type_ids: Vec<Uuid>,
    pub starts_at: Option<DateTime<Utc>>,
    pub ends_at: Option<DateTime<Utc>>,
    #[serde(default)]
    pub allow_reentry: bool,
}

/// Fields left out stay as they are; `null` clears a window bound.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UpdateCheckinList {
    pub name: Option<String>,
    pub ticket_type_ids: Option<Vec<Uuid>>,
    #[serde(
        default,
        with = "crate::users::double_option",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<DateTime<Utc>>))]
    pub starts_at: Option<Option<DateTime<Utc>>>,
    #[serde(
        default,
        with = "crate::users::double_option",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<DateTime<Utc>>))]
    pub ends_at: Option<Option<DateTime<Utc>>>,
    pub allow_reentry: Option<bool>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ScanDirection {
    #[default]
    Entry,
    /// Leaving; only on lists that allow re-entry.
    Exit,
}

impl ScanDirection {
    pub fn as_str(self) -> &'static str {
        match self {
            ScanDirection::Entry => "entry",
            ScanDirection::Exit => "exit",
        }
    }

    pub fn parse(s: &str) -> Option<ScanDirection> {
        [ScanDirection::Entry, ScanDirection::Exit]
            .into_iter()
            .find(|d| d.as_str() == s)
    }
}

/// What the door does with a scanned ticket. Precedence when several apply: the code first
/// (`unknown_code`, `invalid_signature`), then `wrong_event`, the ticket's state (`refunded`,
/// `cancelled`, `not_paid`), `not_on_this_list`, `outside_window`, and finally presence
/// (`already_checked_in`, `not_checked_in`) or `ok`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ScanOutcome {
    /// Let them in (entry) or out (exit); recorded.
    Ok,
    /// Already inside (or left a list without re-entry): see `previous`.
    AlreadyCheckedIn,
    /// An exit scan of a ticket that is not inside.
    NotCheckedIn,
    /// The order behind the ticket is not paid.
    NotPaid,
    Refunded,
    Cancelled,
    /// A ticket of another event.
    WrongEvent,
    /// A ticket type this list does not admit.
    NotOnThisList,
    /// Before the list's `starts_at` or from its `ends_at` on.
    OutsideWindow,
    /// No such ticket (typed code) among this organization's.
    UnknownCode,
    /// A QR payload (`RK1.…`) whose signature does not verify: forged or altered.
    InvalidSignature,
}

impl ScanOutcome {
    pub const ALL: [ScanOutcome; 11] = [
        ScanOutcome::Ok,
        ScanOutcome::AlreadyCheckedIn,
        ScanOutcome::NotCheckedIn,
        ScanOutcome::NotPaid,
        ScanOutcome::Refunded,
        ScanOutcome::Cancelled,
        ScanOutcome::WrongEvent,
        ScanOutcome::NotOnThisList,
        ScanOutcome::OutsideWindow,
        ScanOutcome::UnknownCode,
        ScanOutcome::InvalidSignature,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ScanOutcome::Ok => "ok",
            ScanOutcome::AlreadyCheckedIn => "already_checked_in",
            ScanOutcome::NotCheckedIn => "not_checked_in",
            ScanOutcome::NotPaid => "not_paid",
            ScanOutcome::Refunded => "refunded",
            ScanOutcome::Cancelled => "cancelled",
            ScanOutcome::WrongEvent => "wrong_event",
            ScanOutcome::NotOnThisList => "not_on_this_list",
            ScanOutcome::OutsideWindow => "outside_window",
            ScanOutcome::UnknownCode => "unknown_code",
            ScanOutcome::InvalidSignature => "invalid_signature",
        }
    }

    pub fn parse(s: &str) -> Option<ScanOutcome> {
        ScanOutcome::ALL.into_iter().find(|o| o.as_str() == s)
    }
}

/// `POST /orgs/{org_id}/checkin-lists/{list_id}/scans`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreateScan {
    /// The QR payload (`RK1.…`) or the ticket code as typed (any case, dashes optional).
    pub code: String,
    #[serde(default)]
    pub direction: ScanDirection,
    /// Where the scan happened (`"North gate"`), at most 60 characters.
    pub gate: Option<String>,
    /// 8 to 64 printable ASCII characters, new for every scan; a retry sends the same one and
    /// gets the first answer back, counted once.
    pub nonce: String,
    /// When the scan happened, for scans queued offline; default now. At most 5 minutes ahead.
    pub scanned_at: Option<DateTime<Utc>>,
    /// The registered device scanning (see `/checkin-devices`); a revoked device is refused
    /// with `device_revoked`.
    #[serde(default)]
    pub device_id: Option<Uuid>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ScannedTicket {
    pub id: Uuid,
    pub code: String,
    pub attendee_name: String,
    pub ticket_type_id: Uuid,
    pub ticket_type_name: Localized,
}

/// The last entry of a ticket on this list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PreviousEntry {
    pub at: DateTime<Utc>,
    pub gate: Option<String>,
    /// The staff member who scanned it.
    pub by_name: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ScanResult {
    /// The recorded scan (the first one, for a retry with the same nonce).
    pub scan_id: Uuid,
    pub outcome: ScanOutcome,
    pub direction: ScanDirection,
    /// The ticket the code named, when it is one of this organization's.
    pub ticket: Option<ScannedTicket>,
    /// For `already_checked_in` (and an `ok` exit): the last entry.
    pub previous: Option<PreviousEntry>,
    /// A short text for the person at the door.
    pub message: Option<Localized>,
}

/// One line of a door's log.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Scan {
    pub id: Uuid,
    pub outcome: ScanOutcome,
    pub direction: ScanDirection,
    pub ticket: Option<ScannedTicket>,
    pub gate: Option<String>,
    pub scanned_by: Uuid,
    pub by_name: Option<String>,
    pub device_id: Option<Uuid>,
    /// What an offline scanner showed at the door, for scans synced later.
    pub offline_outcome: Option<ScanOutcome>,
    /// The door admitted this ticket offline although it had already been admitted: the first
    /// admission stands and this one is reported.
    pub conflict: bool,
    /// When it happened at the door.
    pub scanned_at: DateTime<Utc>,
    /// When the server recorded it.
    pub recorded_at: DateTime<Utc>,
}

/// `GET /orgs/{org_id}/checkin-lists/{list_id}/scans`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
pub struct ListScansQuery {
    /// Only the conflicts of offline sync (a ticket admitted twice).
    #[serde(default)]
    pub conflicts: bool,
    pub cursor: Option<String>,
    /// 1 to 100, default 20.
    pub limit: Option<u64>,
}

/// The key that verifies ticket QR payloads offline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CheckinKey {
    /// Ed25519 public key, base64url without padding (32 bytes).
    pub public_key: String,
    /// `RK1.<base64url(ticket id ‖ event id ‖ 10 code bytes)>.<base64url(signature)>`.
    pub format: String,
}

/// Where a ticket is with respect to one list.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum CheckinPresence {
    /// Never entered through this list.
    #[default]
    Never,
    Inside,
    /// Entered, then left (lists with re-entry).
    Left,
}

/// Whether a ticket can be admitted at all, whatever the list says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum TicketAdmission {
    Valid,
    NotPaid,
    Cancelled,
    Refunded,
}

/// A ticket as a door sees it: for the name search and for the offline copy of a list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CheckinTicket {
    pub id: Uuid,
    /// The typed form (`ABCD-EFGH-JK`).
    pub code: String,
    pub attendee_name: String,
    pub ticket_type_id: Uuid,
    pub admission: TicketAdmission,
    pub presence: CheckinPresence,
    /// Last entry on this list, if any.
    pub last_entry_at: Option<DateTime<Utc>>,
}

/// `GET /orgs/{org_id}/checkin-lists/{list_id}/tickets`: with `q`, a search by attendee name,
/// email, order reference or ticket code (at least 2 characters); without, every ticket of the
/// event in id order, for the offline copy.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
pub struct CheckinTicketsQuery {
    pub q: Option<String>,
    pub cursor: Option<String>,
    /// 1 to 1000, default 200.
    pub limit: Option<u64>,
}

/// A phone or tablet registered for scanning. Its id goes with every scan; revoking it stops it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CheckinDevice {
    pub id: Uuid,
    pub name: String,
    /// The staff member who registered it.
    pub registered_by: Uuid,
    pub registered_by_name: Option<String>,
    pub last_seen_at: Option<DateTime<Utc>>,
    pub revoked_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RegisterDevice {
    /// 1 to 60 characters (`"Gate A phone"`).
    pub name: String,
}

/// One scan made without network, sent later.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OfflineScan {
    pub code: String,
    #[serde(default)]
    pub direction: ScanDirection,
    pub gate: Option<String>,
    pub nonce: String,
    /// When it happened at the door.
    pub scanned_at: DateTime<Utc>,
    /// What the scanner showed.
    pub offline_outcome: ScanOutcome,
}

/// `POST /orgs/{org_id}/checkin-lists/{list_id}/scans/sync`: up to 500 scans, applied in the
/// order they happened.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SyncScans {
    pub device_id: Uuid,
    pub scans: Vec<OfflineScan>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SyncedScan {
    pub nonce: String,
    /// The server's answer (the first one, for a scan already synced).
    pub result: ScanResult,
    /// The scanner admitted a ticket that had already been admitted elsewhere.
    pub conflict: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SyncReport {
    /// One per scan sent, in the order sent.
    pub results: Vec<SyncedScan>,
    pub conflicts: u32,
}
