//! The tickets a door can admit, as the scanner needs them: found by name (or email, order
//! reference, ticket code) when a guest has no QR code at hand, or all of them, page by page, for
//! the offline copy that lets a door keep scanning without network.

use common::Page;
use common::checkin::{CheckinPresence, CheckinTicket, CheckinTicketsQuery, TicketAdmission};
use db::OrgScope;
use db::checkin_tickets::{DoorSearch, DoorTicket};
use uuid::Uuid;

use crate::error::{AppError, AppResult};
use crate::state::AppState;

pub const DEFAULT_LIMIT: u64 = 200;
pub const MAX_LIMIT: u64 = 1000;
/// Shorter searches match half the guest list.
pub const SEARCH_MIN: usize = 2;

pub fn admission(ticket_status: &str, order_status: &str) -> TicketAdmission {
    match (ticket_status, order_status) {
        ("refunded", _) => TicketAdmission::Refunded,
        ("valid", "confirmed") => TicketAdmission::Valid,
        ("valid", "cancelled") | ("cancelled", _) => TicketAdmission::Cancelled,
        ("valid", _) => TicketAdmission::NotPaid,
        _ => TicketAdmission::Cancelled,
    }
}

pub fn presence(state: Option<&str>) -> CheckinPresence {
    match state {
        None => CheckinPresence::Never,
        Some("in") => CheckinPresence::Inside,
        Some(_) => CheckinPresence::Left,
    }
}

fn to_dto(t: DoorTicket) -> CheckinTicket {
    CheckinTicket {
        admission: admission(&t.status, &t.order_status),
        presence: presence(t.presence.as_deref()),
        id: t.id,
        code: t.code,
        attendee_name: t.attendee_name,
        ticket_type_id: t.ticket_type_id,
        last_entry_at: t.last_entry_at,
    }
}

fn search_of(q: Option<&str>) -> AppResult<DoorSearch> {
    let Some(q) = q.map(str::trim).filter(|q| !q.is_empty()) else {
        return Ok(DoorSearch::default());
    };
    if q.chars().count() < SEARCH_MIN {
        return Err(AppError::field(
            "q",
            "too_short",
            &format!("at least {SEARCH_MIN} characters"),
        ));
    }
    let exact = domain::codes::normalize_ticket_code(q).unwrap_or_else(|| q.to_uppercase());
    Ok(DoorSearch {
        text: Some(q.to_lowercase()),
        exact: Some(exact),
    })
}

pub async fn page(
    state: &AppState,
    scope: OrgScope,
    list_id: Uuid,
    q: CheckinTicketsQuery,
) -> AppResult<Page<CheckinTicket>> {
    let list = db::checkin::get_list(&state.db, scope, list_id).await?;
    let search = search_of(q.q.as_deref())?;
    let after = match q.cursor.as_deref() {
        None => None,
        Some(c) => Some(
            c.parse::<Uuid>()
                .map_err(|_| AppError::field("cursor", "invalid", "not a cursor of this list"))?,
        ),
    };
    let limit = q.limit.unwrap_or(DEFAULT_LIMIT).clamp(1, MAX_LIMIT);
    let (rows, next) = db::checkin_tickets::page(
        &state.db,
        scope,
        list.event_id,
        list.id,
        &search,
        limit,
        after,
    )
    .await?;
    Ok(Page {
        items: rows.into_iter().map(to_dto).collect(),
        next_cursor: next.map(|id| id.to_string()),
    })
}
