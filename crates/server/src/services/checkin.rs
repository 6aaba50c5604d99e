//! Check-in lists as organizers set them up (validated, every bad field reported at once), the
//! counts a door shows (expected vs inside, by ticket type) and the public key that verifies QR
//! payloads offline. Scanning itself lives in [`scans`].

pub mod devices;
pub mod scans;
pub mod tickets;

use std::collections::{HashMap, HashSet};

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, Utc};
use common::checkin::{
    CheckinCounts, CheckinKey, CheckinList, CreateCheckinList, TicketTypeCounts, UpdateCheckinList,
};
use db::OrgScope;
use db::checkin::{CheckinListRow, ListFields};
use db::ticket_types::TicketTypeRow;
use uuid::Uuid;

use crate::error::{AppError, AppResult};
use crate::services::event_fields::{Errors, join};
use crate::state::AppState;

pub const NAME_MAX: usize = 100;

fn count(n: i64) -> u32 {
    u32::try_from(n).unwrap_or(0)
}

fn to_dto(r: &CheckinListRow, counts: CheckinCounts) -> CheckinList {
    CheckinList {
        id: r.id,
        event_id: r.event_id,
        name: r.name.clone(),
        ticket_type_ids: db::checkin::ticket_type_ids(r),
        starts_at: r.starts_at,
        ends_at: r.ends_at,
        allow_reentry: r.allow_reentry,
        counts,
        created_at: r.created_at,
    }
}

/// Counts of each list (all of one event), in the order given.
async fn counts_of(
    state: &AppState,
    scope: OrgScope,
    event_id: Uuid,
    lists: &[CheckinListRow],
) -> AppResult<Vec<CheckinCounts>> {
    let types = db::ticket_types::list(&state.db, scope, event_id).await?;
    let valid: HashMap<Uuid, i64> = db::checkin::valid_tickets_by_type(&state.db, scope, event_id)
        .await?
        .into_iter()
        .collect();
    let ids: Vec<Uuid> = lists.iter().map(|l| l.id).collect();
    let inside: HashMap<(Uuid, Uuid), i64> = db::checkin::inside_by_type(&state.db, scope, &ids)
        .await?
        .into_iter()
        .map(|(list, tt, n)| ((list, tt), n))
        .collect();
    Ok(lists
        .iter()
        .map(|list| {
            let admitted = db::checkin::ticket_type_ids(list);
            let by_ticket_type: Vec<TicketTypeCounts> = types
                .iter()
                .filter(|t| admitted.is_empty() || admitted.contains(&t.id))
                .map(|t| TicketTypeCounts {
                    ticket_type_id: t.id,
                    name: join(&t.name_en, &t.name_fr),
                    expected: count(valid.get(&t.id).copied().unwrap_or(0)),
                    checked_in: count(inside.get(&(list.id, t.id)).copied().unwrap_or(0)),
                })
                .collect();
            CheckinCounts {
                expected: by_ticket_type.iter().map(|c| c.expected).sum(),
                checked_in: by_ticket_type.iter().map(|c| c.checked_in).sum(),
                by_ticket_type,
            }
        })
        .collect())
}

struct Draft {
    name: String,
    ticket_type_ids: Vec<Uuid>,
    starts_at: Option<DateTime<Utc>>,
    ends_at: Option<DateTime<Utc>>,
    allow_reentry: bool,
}

fn validate(d: Draft, types: &[TicketTypeRow]) -> AppResult<ListFields> {
    let mut errors = Errors::default();
    let name = d.name.trim().to_owned();
    if name.is_empty() {
        errors.push("name", "required", "give the list a name");
    } else if name.chars().count() > NAME_MAX {
        errors.push(
            "name",
            "too_long",
            &format!("at most {NAME_MAX} characters"),
        );
    }
    let of_event: HashSet<Uuid> = types.iter().map(|t| t.id).collect();
    let mut ticket_type_ids = Vec::new();
    for (i, id) in d.ticket_type_ids.into_iter().enumerate() {
        if !of_event.contains(&id) {
            errors.push(
                &format!("ticket_type_ids[{i}]"),
                "not_found",
                "no such ticket type in this event",
            );
        } else if !ticket_type_ids.contains(&id) {
            ticket_type_ids.push(id);
        }
    }
    if let (Some(start), Some(end)) = (d.starts_at, d.ends_at)
        && end <= start
    {
        errors.push("ends_at", "before_start", "must be after the start");
    }
    errors.into_result()?;
    Ok(ListFields {
        name,
        ticket_type_ids,
        starts_at: d.starts_at,
        ends_at: d.ends_at,
        allow_reentry: d.allow_reentry,
    })
}

/// The list, if it belongs to `event_id` (404 otherwise).
async fn list_in_event(
    state: &AppState,
    scope: OrgScope,
    event_id: Uuid,
    id: Uuid,
) -> AppResult<CheckinListRow> {
    let row = db::checkin::get_list(&state.db, scope, id).await?;
    if row.event_id != event_id {
        return Err(AppError::not_found());
    }
    Ok(row)
}

pub async fn list(
    state: &AppState,
    scope: OrgScope,
    event_id: Uuid,
) -> AppResult<Vec<CheckinList>> {
    db::events::get(&state.db, scope, event_id).await?;
    let rows = db::checkin::lists_for_event(&state.db, scope, event_id).await?;
    let counts = counts_of(state, scope, event_id, &rows).await?;
    Ok(rows.iter().zip(counts).map(|(r, c)| to_dto(r, c)).collect())
}

pub async fn get(state: &AppState, scope: OrgScope, id: Uuid) -> AppResult<CheckinList> {
    let row = db::checkin::get_list(&state.db, scope, id).await?;
    let counts = counts_of(state, scope, row.event_id, std::slice::from_ref(&row))
        .await?
        .pop()
        .unwrap_or_default();
    Ok(to_dto(&row, counts))
}

pub async fn create(
    state: &AppState,
    scope: OrgScope,
    event_id: Uuid,
    input: CreateCheckinList,
) -> AppResult<CheckinList> {
    db::events::get(&state.db, scope, event_id).await?;
    let types = db::ticket_types::list(&state.db, scope, event_id).await?;
    let fields = validate(
        Draft {
            name: input.name,
            ticket_type_ids: input.ticket_type_ids,
            starts_at: input.starts_at,
            ends_at: input.ends_at,
            allow_reentry: input.allow_reentry,
        },
        &types,
    )?;
    let row = db::checkin::insert_list(&state.db, scope, event_id, fields, state.now()).await?;
    get(state, scope, row.id).await
}

pub async fn update(
    state: &AppState,
    scope: OrgScope,
    event_id: Uuid,
    id: Uuid,
    input: UpdateCheckinList,
) -> AppResult<CheckinList> {
    let current = list_in_event(state, scope, event_id, id).await?;
    let types = db::ticket_types::list(&state.db, scope, event_id).await?;
    let now = ListFields::of(&current);
    let fields = validate(
        Draft {
            name: input.name.unwrap_or(now.name),
            ticket_type_ids: input.ticket_type_ids.unwrap_or(now.ticket_type_ids),
            starts_at: input.starts_at.unwrap_or(now.starts_at),
            ends_at: input.ends_at.unwrap_or(now.ends_at),
            allow_reentry: input.allow_reentry.unwrap_or(now.allow_reentry),
        },
        &types,
    )?;
    db::checkin::update_list(&state.db, scope, current, fields, state.now()).await?;
    get(state, scope, id).await
}

/// Deletes the list with its presence rows and scan log.
pub async fn delete(state: &AppState, scope: OrgScope, event_id: Uuid, id: Uuid) -> AppResult<()> {
    list_in_event(state, scope, event_id, id).await?;
    db::checkin::delete_list(&state.db, scope, id).await?;
    Ok(())
}

/// The public half of the ticket signing key (the same for every event of the platform today;
/// asked per event so that per-event keys can come without changing clients).
pub async fn key(state: &AppState, scope: OrgScope, event_id: Uuid) -> AppResult<CheckinKey> {
    db::events::get(&state.db, scope, event_id).await?;
    let public = domain::ticket_token::public_key(state.settings.ticket_signing_seed());
    Ok(CheckinKey {
        public_key: URL_SAFE_NO_PAD.encode(public),
        format:
            "RK1.<base64url(ticket id | event id | 10 code bytes)>.<base64url(Ed25519 signature)>"
                .to_owned(),
    })
}
