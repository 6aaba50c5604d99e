//! Scanning at the door: resolve the code (signed QR payload or typed code), decide the outcome
//! with `domain::checkin::decide`, apply an `ok` with one conditional write, and record the scan.
//!
//! Race-free on both databases: the presence is read, the outcome decided, and an `ok` applied
//! by `INSERT ... ON CONFLICT DO NOTHING` (first entry) or a conditional UPDATE (re-entry, exit).
//! When that write changes nothing, another device won: the presence is read again and decided
//! again, which yields `already_checked_in`. The scan row is unique per (list, member, nonce):
//! a retry that finds its nonce taken rolls its own work back and returns the first answer.

use chrono::{DateTime, Duration, Utc};
use common::Page;
use common::checkin::{
    CreateScan, ListScansQuery, PreviousEntry, Scan, ScanDirection, ScanOutcome, ScanResult,
    ScannedTicket, SyncReport, SyncScans, SyncedScan,
};
use db::checkin::{CheckinListRow, CheckinRow, Entry, NewScan, ScanRow, TicketKey, TicketRow};
use db::group_commit::Grouped;
use db::{ConnectionTrait, DatabaseTransaction, OrgScope};
use domain::checkin::{ListRules, Lookup, Presence, TicketFacts, TicketState, decide, message};
use domain::ticket_token::{self, TokenError};
use uuid::Uuid;

use super::devices;
use crate::error::{AppError, AppResult};
use crate::services::event_fields::{Errors, join};
use crate::state::AppState;

pub const GATE_MAX: usize = 60;
pub const NONCE_LEN: std::ops::RangeInclusive<usize> = 8..=64;
pub const CODE_MAX: usize = 512;
/// How far ahead of the server's clock a device's `scanned_at` may be.
pub const CLOCK_SKEW: Duration = Duration::minutes(5);
/// Scans per sync request.
pub const SYNC_MAX: usize = 500;
/// Presence reads and conditional writes before giving up (each lost race ends the next round).
const ATTEMPTS: usize = 4;

pub(crate) struct Input {
    code: String,
    direction: ScanDirection,
    gate: Option<String>,
    nonce: String,
    at: DateTime<Utc>,
    device: Option<Uuid>,
    /// What an offline scanner showed, for scans synced later.
    offline_outcome: Option<ScanOutcome>,
}

/// Checks one scan, reporting bad fields under `prefix` (`""`, or `scans[3].` in a sync).
pub(crate) fn validate(
    input: CreateScan,
    now: DateTime<Utc>,
    prefix: &str,
    errors: &mut Errors,
) -> Option<Input> {
    let before = errors.0.len();
    let field = |name: &str| format!("{prefix}{name}");
    let code: String = input.code.split_whitespace().collect();
    if code.is_empty() {
        errors.push(&field("code"), "required", "scan or type a ticket code");
    } else if code.len() > CODE_MAX {
        errors.push(
            &field("code"),
            "too_long",
            &format!("at most {CODE_MAX} characters"),
        );
    }
    let gate = input
        .gate
        .map(|g| g.trim().to_owned())
        .filter(|g| !g.is_empty());
    if gate.as_ref().is_some_and(|g| g.chars().count() > GATE_MAX) {
        errors.push(
            &field("gate"),
            "too_long",
            &format!("at most {GATE_MAX} characters"),
        );
    }
    if !NONCE_LEN.contains(&input.nonce.len()) || !input.nonce.bytes().all(|b| b.is_ascii_graphic())
    {
        errors.push(
            &field("nonce"),
            "invalid",
            "8 to 64 printable ASCII characters, new for every scan",
        );
    }
    if input.scanned_at.is_some_and(|at| at > now + CLOCK_SKEW) {
        errors.push(&field("scanned_at"), "in_future", "cannot be in the future");
    }
    (errors.0.len() == before).then(|| Input {
        code,
        direction: input.direction,
        gate,
        nonce: input.nonce,
        at: input.scanned_at.unwrap_or(now),
        device: input.device_id,
        offline_outcome: None,
    })
}

fn rules(list: &CheckinListRow) -> ListRules {
    ListRules {
        event_id: list.event_id,
        ticket_type_ids: db::checkin::ticket_type_ids(list),
        starts_at: list.starts_at.map(|t| t.timestamp()),
        ends_at: list.ends_at.map(|t| t.timestamp()),
        allow_reentry: list.allow_reentry,
    }
}

/// The verifying key of the signing seed, derived once (per scan it showed in profiles).
fn public_key(seed: &[u8; 32]) -> [u8; 32] {
    static DERIVED: std::sync::Mutex<Option<([u8; 32], [u8; 32])>> = std::sync::Mutex::new(None);
    let mut derived = DERIVED.lock().unwrap_or_else(|p| p.into_inner());
    match *derived {
        Some((s, key)) if s == *seed => key,
        _ => {
            let key = ticket_token::public_key(seed);
            *derived = Some((*seed, key));
            key
        }
    }
}

/// What the code names: a QR payload is verified with the public key first; a typed code is
/// looked up among the organization's tickets only. The ticket comes with its order's status and
/// its type's names, in one query.
pub(crate) async fn resolve_named(
    state: &AppState,
    scope: OrgScope,
    code: &str,
) -> AppResult<(Lookup, Option<(TicketRow, ScannedTicket)>)> {
    let found = if code.starts_with(ticket_token::PREFIX) {
        let key = public_key(state.settings.ticket_signing_seed());
        match ticket_token::verify(&key, code) {
            Err(TokenError::BadSignature) => return Ok((Lookup::BadSignature, None)),
            Err(_) => return Ok((Lookup::Unknown, None)),
            Ok(claims) => {
                let key = TicketKey::Id(claims.ticket_id);
                match db::checkin::door_ticket(&state.db, scope, key).await? {
                    Some(t) if t.code == claims.code && t.event_id == claims.event_id => t,
                    _ => return Ok((Lookup::SignedFor(claims.event_id), None)),
                }
            }
        }
    } else {
        let Some(code) = domain::codes::normalize_ticket_code(code) else {
            return Ok((Lookup::Unknown, None));
        };
        match db::checkin::door_ticket(&state.db, scope, TicketKey::Code(&code)).await? {
            Some(t) => t,
            None => return Ok((Lookup::Unknown, None)),
        }
    };
    let order = found.order_status.as_deref();
    let facts = TicketFacts {
        event_id: found.event_id,
        ticket_type_id: found.ticket_type_id,
        state: TicketState::parse(&found.status),
        paid: order == Some("confirmed"),
        order_cancelled: order == Some("cancelled"),
    };
    let dto = ScannedTicket {
        id: found.id,
        code: found.code.clone(),
        attendee_name: found.attendee_name.clone(),
        ticket_type_id: found.ticket_type_id,
        ticket_type_name: join(&found.type_name_en, &found.type_name_fr),
    };
    Ok((Lookup::Ticket(facts), Some((found.ticket(), dto))))
}

fn presence_of(row: Option<&CheckinRow>) -> Presence {
    match row.map(|r| r.state.as_str()) {
        None => Presence::Never,
        Some("in") => Presence::Inside,
        Some(_) => Presence::Left,
    }
}

async fn name_of<C: ConnectionTrait>(conn: &C, user_id: Uuid) -> AppResult<Option<String>> {
    Ok(db::users::find(conn, user_id).await?.map(|u| u.name))
}

async fn previous_of<C: ConnectionTrait>(conn: &C, row: &CheckinRow) -> AppResult<PreviousEntry> {
    Ok(PreviousEntry {
        at: row.last_entry_at,
        gate: row.last_entry_gate.clone(),
        by_name: name_of(conn, row.last_entry_by).await?,
    })
}

/// Scans `input.code` on the list as `user_id`. Returns the answer and whether it is a replay of
/// an earlier request with the same nonce.
pub async fn scan(
    state: &AppState,
    scope: OrgScope,
    user_id: Uuid,
    list_id: Uuid,
    input: CreateScan,
) -> AppResult<(ScanResult, bool)> {
    let mut errors = Errors::default();
    let input = validate(input, state.now(), "", &mut errors);
    errors.into_result()?;
    let input =
        input.ok_or_else(|| AppError::internal(anyhow::anyhow!("unreported scan error")))?;
    devices::check(state, scope, input.device, "device_id").await?;
    let list = db::checkin::get_list(&state.db, scope, list_id).await?;
    let applied = apply(state, scope, user_id, &list, input).await?;
    if applied.result.outcome == ScanOutcome::Ok && !applied.replayed {
        // Committed: the live dashboards recount.
        state.live.publish(list.event_id);
    }
    Ok((applied.result, applied.replayed))
}

pub(crate) struct Applied {
    pub result: ScanResult,
    /// A retry of a scan already recorded: `result` is the first answer.
    pub replayed: bool,
    /// Admitted offline although admitted already (see [`sync`](super::sync)).
    pub conflict: bool,
}

/// Decides and records one validated scan on `list`. The write runs as a grouped job (see
/// `db::group_commit`): on SQLite concurrent scans share one commit.
pub(crate) async fn apply(
    state: &AppState,
    scope: OrgScope,
    user_id: Uuid,
    list: &CheckinListRow,
    input: Input,
) -> AppResult<Applied> {
    let (lookup, found) = resolve_named(state, scope, &input.code).await?;
    let (ticket, dto) = match found {
        Some((row, dto)) => (Some(row), Some(dto)),
        None => (None, None),
    };
    let job = Door {
        now: state.now(),
        scope,
        user_id,
        list_id: list.id,
        event_id: list.event_id,
        rules: rules(list),
        lookup,
        ticket,
        dto,
        input,
    };
    db::group_commit::run(&state.db, move |tx| Box::pin(job.write(tx))).await
}

/// Everything one scan's write needs, owned: it may run in another task's batch.
struct Door {
    now: DateTime<Utc>,
    scope: OrgScope,
    user_id: Uuid,
    list_id: Uuid,
    event_id: Uuid,
    rules: ListRules,
    lookup: Lookup,
    ticket: Option<TicketRow>,
    dto: Option<ScannedTicket>,
    input: Input,
}

impl Door {
    /// Applies the scan inside `tx`: decide, apply an `ok` with a conditional write (deciding
    /// again from a fresh read when another device won), record it. `keep: false` for a retry
    /// whose nonce was already recorded: its work is undone and the first answer returned.
    async fn write(self, tx: &DatabaseTransaction) -> AppResult<Grouped<Applied>> {
        let Door {
            now,
            scope,
            user_id,
            list_id,
            event_id,
            rules,
            lookup,
            ticket,
            dto,
            input,
        } = self;
        let at = input.at.timestamp();
        let entry = ticket.as_ref().map(|t| Entry {
            list_id,
            ticket_id: t.id,
            ticket_type_id: t.ticket_type_id,
            at: input.at,
            gate: input.gate.clone(),
            by: user_id,
        });
        // Most entries are first entries: try the insert before reading anything. When the
        // ticket's answer would not be `ok` even for a first entry, presence does not matter.
        let mut known: Option<Option<CheckinRow>> = None;
        let mut decided = None;
        for _ in 0..ATTEMPTS {
            if known.is_none() && input.direction == ScanDirection::Exit {
                known = Some(match &ticket {
                    Some(t) => db::checkin::presence(tx, scope, list_id, t.id).await?,
                    None => None,
                });
            }
            let row = known.clone().flatten();
            let presence = presence_of(row.as_ref());
            let outcome = decide(&rules, lookup, input.direction, at, presence);
            let (ScanOutcome::Ok, Some(e)) = (outcome, &entry) else {
                decided = Some((outcome, row));
                break;
            };
            // Only a first entry on this list can be the ticket's first entry anywhere, so
            // only it stamps `checked_in_at` (re-entry finds it stamped already).
            let applied = match (input.direction, presence) {
                (ScanDirection::Entry, Presence::Never) => {
                    db::checkin::enter_first_and_stamp(tx, scope, e, now).await?
                }
                (ScanDirection::Entry, _) => db::checkin::reenter(tx, scope, e, now).await?,
                (ScanDirection::Exit, _) => {
                    db::checkin::exit(tx, scope, list_id, e.ticket_id, input.at, now).await?
                }
            };
            if applied {
                decided = Some((outcome, row));
                break;
            }
            // Another device (or an earlier entry) got there first: read, decide again.
            known = Some(db::checkin::presence(tx, scope, list_id, e.ticket_id).await?);
        }
        let Some((outcome, row)) = decided else {
            return Err(AppError::internal(anyhow::anyhow!(
                "check-in of list {list_id} lost {ATTEMPTS} races in a row"
            )));
        };
        // An offline door let the ticket in while it was (or would have been) already inside:
        // the first admission stands. When the offline one happened first, the presence row is
        // moved back to it; either way this scan is recorded as the conflict and reported.
        let conflict = input.offline_outcome == Some(ScanOutcome::Ok)
            && input.direction == ScanDirection::Entry
            && outcome == ScanOutcome::AlreadyCheckedIn;
        if conflict
            && let (Some(r), Some(e)) = (&row, &entry)
            && input.at < r.first_entry_at
        {
            db::checkin::backdate_first_entry(tx, scope, e, now).await?;
        }
        let previous = match (&row, outcome, input.direction) {
            (Some(r), ScanOutcome::AlreadyCheckedIn, _)
            | (Some(r), ScanOutcome::Ok, ScanDirection::Exit) => Some(previous_of(tx, r).await?),
            _ => None,
        };
        let result = ScanResult {
            scan_id: Uuid::now_v7(),
            outcome,
            direction: input.direction,
            ticket: dto,
            previous,
            message: Some(message(outcome, input.direction)),
        };
        if let Some(device) = input.device {
            db::checkin_devices::touch(tx, scope, device, now).await?;
        }
        let recorded = db::checkin::record_scan(
            tx,
            scope,
            NewScan {
                id: result.scan_id,
                list_id,
                event_id,
                ticket_id: entry.as_ref().map(|e| e.ticket_id),
                direction: input.direction.as_str().to_owned(),
                outcome: outcome.as_str().to_owned(),
                gate: input.gate.clone(),
                scanned_by: user_id,
                nonce: input.nonce.clone(),
                scanned_at: input.at,
                result: serde_json::to_value(&result).map_err(AppError::internal)?,
                device: input.device,
                offline_outcome: input.offline_outcome.map(|o| o.as_str().to_owned()),
                conflict,
            },
            now,
        )
        .await?;
        if !recorded {
            // A retry of a scan already answered: undo this attempt, give the first answer.
            let first = db::checkin::find_scan(tx, scope, list_id, user_id, &input.nonce)
                .await?
                .ok_or_else(|| AppError::internal(anyhow::anyhow!("scan nonce vanished")))?;
            return Ok(Grouped {
                value: Applied {
                    result: result_of(&first)?,
                    replayed: true,
                    conflict: first.conflict,
                },
                keep: false,
            });
        }
        Ok(Grouped {
            value: Applied {
                result,
                replayed: false,
                conflict,
            },
            keep: true,
        })
    }
}

/// Scans made offline, applied in the order they happened at the door.
pub async fn sync(
    state: &AppState,
    scope: OrgScope,
    user_id: Uuid,
    list_id: Uuid,
    body: SyncScans,
) -> AppResult<SyncReport> {
    let now = state.now();
    let mut errors = Errors::default();
    if body.scans.is_empty() {
        errors.push("scans", "required", "send at least one scan");
    } else if body.scans.len() > SYNC_MAX {
        errors.push(
            "scans",
            "too_many",
            &format!("at most {SYNC_MAX} scans per request"),
        );
    }
    let mut inputs = Vec::with_capacity(body.scans.len());
    for (i, s) in body.scans.into_iter().enumerate() {
        let offline_outcome = s.offline_outcome;
        let create = CreateScan {
            code: s.code,
            direction: s.direction,
            gate: s.gate,
            nonce: s.nonce,
            scanned_at: Some(s.scanned_at),
            device_id: Some(body.device_id),
        };
        if let Some(mut input) = validate(create, now, &format!("scans[{i}]."), &mut errors) {
            input.offline_outcome = Some(offline_outcome);
            inputs.push((i, input));
        }
    }
    errors.into_result()?;
    devices::check(state, scope, Some(body.device_id), "device_id").await?;
    let list = db::checkin::get_list(&state.db, scope, list_id).await?;
    // First come, first served: the earliest scan of a ticket is the one that admits it.
    inputs.sort_by_key(|(i, input)| (input.at, *i));
    let mut results: Vec<Option<SyncedScan>> = Vec::new();
    results.resize_with(inputs.len(), || None);
    for (i, input) in inputs {
        let nonce = input.nonce.clone();
        let applied = apply(state, scope, user_id, &list, input).await?;
        results[i] = Some(SyncedScan {
            nonce,
            result: applied.result,
            conflict: applied.conflict,
        });
    }
    let results: Vec<SyncedScan> = results.into_iter().flatten().collect();
    if !results.is_empty() {
        state.live.publish(list.event_id);
    }
    let conflicts =
        u32::try_from(results.iter().filter(|r| r.conflict).count()).unwrap_or(u32::MAX);
    Ok(SyncReport { results, conflicts })
}

fn result_of(row: &ScanRow) -> AppResult<ScanResult> {
    serde_json::from_value(row.result.clone()).map_err(AppError::internal)
}

/// The list's scans, newest first, for the door's log.
pub async fn list(
    state: &AppState,
    scope: OrgScope,
    list_id: Uuid,
    q: ListScansQuery,
) -> AppResult<Page<Scan>> {
    db::checkin::get_list(&state.db, scope, list_id).await?;
    let limit = q.limit.unwrap_or(20).clamp(1, 100);
    let (rows, next_cursor) = db::checkin::scans_page(
        &state.db,
        scope,
        list_id,
        q.conflicts,
        limit,
        q.cursor.as_deref(),
    )
    .await?;
    let names = db::users::names(&state.db, rows.iter().map(|r| r.scanned_by)).await?;
    let items = rows
        .iter()
        .map(|r| {
            let result = result_of(r)?;
            Ok(Scan {
                id: r.id,
                outcome: result.outcome,
                direction: result.direction,
                ticket: result.ticket,
                gate: r.gate.clone(),
                scanned_by: r.scanned_by,
                by_name: names.get(&r.scanned_by).cloned(),
                device_id: r.device.as_deref().and_then(|d| d.parse().ok()),
                offline_outcome: r.offline_outcome.as_deref().and_then(ScanOutcome::parse),
                conflict: r.conflict,
                scanned_at: r.scanned_at,
                recorded_at: r.created_at,
            })
        })
        .collect::<AppResult<Vec<Scan>>>()?;
    Ok(Page { items, next_cursor })
}
