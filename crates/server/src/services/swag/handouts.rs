//! Handing swag out by scanning the ticket, the report of what was handed out, and its CSV.
//!
//! One write transaction per hand-out. The ticket's allowance row is bumped first
//! (`received + n <= allowance`), then the item's counter (`handed_out + n <= stock`), inside a
//! savepoint: a refusal undoes the savepoint and is still recorded, so the log shows every
//! attempt. The hand-out row is unique per (item, staff member, nonce); a retry whose insert
//! loses rolls its own work back and returns the first answer, so it hands out once.

use common::Page;
use common::page::PageQuery;
use common::swag::{HandOutSwag, SwagHandout, SwagHandoutResult, SwagOutcome};
use db::OrgScope;
use db::swag::{HandoutRow, NewHandout, SwagItemRow};
use domain::checkin::{Lookup, TicketState};
use uuid::Uuid;

use super::count;
use crate::error::{AppError, AppResult};
use crate::services::checkin::devices;
use crate::services::checkin::scans::{CODE_MAX, NONCE_LEN, resolve_named};
use crate::services::event_fields::Errors;
use crate::state::AppState;

pub const QUANTITY_MAX: u32 = 100;
/// Rows in one CSV report, like the bookings export.
const EXPORT_CAP: u64 = 50_000;

struct Input {
    code: String,
    quantity: i32,
    nonce: String,
    device: Option<Uuid>,
}

fn validate(input: HandOutSwag) -> AppResult<Input> {
    let mut errors = Errors::default();
    let code: String = input.code.split_whitespace().collect();
    if code.is_empty() {
        errors.push("code", "required", "scan or type a ticket code");
    } else if code.len() > CODE_MAX {
        errors.push(
            "code",
            "too_long",
            &format!("at most {CODE_MAX} characters"),
        );
    }
    if !(1..=QUANTITY_MAX).contains(&input.quantity) {
        errors.push(
            "quantity",
            "out_of_range",
            &format!("between 1 and {QUANTITY_MAX}"),
        );
    }
    if !NONCE_LEN.contains(&input.nonce.len()) || !input.nonce.bytes().all(|b| b.is_ascii_graphic())
    {
        errors.push(
            "nonce",
            "invalid",
            "8 to 64 printable ASCII characters, new for every hand-out",
        );
    }
    errors.into_result()?;
    Ok(Input {
        code,
        quantity: i32::try_from(input.quantity).unwrap_or(1),
        nonce: input.nonce,
        device: input.device_id,
    })
}

/// Why the code cannot receive the item at all, before stock and allowance are looked at
/// (first match wins); `None` when the counters decide.
fn refusal(event_id: Uuid, eligible: &[Uuid], lookup: Lookup) -> Option<SwagOutcome> {
    let ticket = match lookup {
        Lookup::Unknown => return Some(SwagOutcome::UnknownCode),
        Lookup::BadSignature => return Some(SwagOutcome::InvalidSignature),
        Lookup::SignedFor(other) if other != event_id => return Some(SwagOutcome::WrongEvent),
        Lookup::SignedFor(_) => return Some(SwagOutcome::UnknownCode),
        Lookup::Ticket(t) => t,
    };
    if ticket.event_id != event_id {
        return Some(SwagOutcome::WrongEvent);
    }
    if ticket.state != TicketState::Valid || !ticket.paid || ticket.order_cancelled {
        return Some(SwagOutcome::TicketNotValid);
    }
    if !eligible.is_empty() && !eligible.contains(&ticket.ticket_type_id) {
        return Some(SwagOutcome::NotEligible);
    }
    None
}

/// Takes allowance then stock in a savepoint; anything but `ok` leaves no trace.
async fn take(
    tx: &db::WriteTx,
    scope: OrgScope,
    item_id: Uuid,
    ticket_id: Uuid,
    n: i32,
    now: chrono::DateTime<chrono::Utc>,
) -> AppResult<SwagOutcome> {
    let attempt = tx.savepoint().await?;
    let outcome = if !db::swag::take_allowance(&attempt, scope, item_id, ticket_id, n, now).await? {
        SwagOutcome::AllowanceReached
    } else if !db::swag::take_stock(&attempt, scope, item_id, n, now).await? {
        SwagOutcome::OutOfStock
    } else {
        SwagOutcome::Ok
    };
    if outcome == SwagOutcome::Ok {
        attempt.commit().await?;
    } else {
        attempt.rollback().await?;
    }
    Ok(outcome)
}

/// Hands `input.quantity` units of the item to the ticket `input.code` names, as `user_id`.
/// Returns the answer and whether it replays an earlier request with the same nonce.
pub async fn hand_out(
    state: &AppState,
    scope: OrgScope,
    user_id: Uuid,
    item_id: Uuid,
    input: HandOutSwag,
) -> AppResult<(SwagHandoutResult, bool)> {
    let now = state.now();
    let input = validate(input)?;
    let item = db::swag::get_item(&state.db, scope, item_id).await?;
    devices::check(state, scope, input.device, "device_id").await?;
    let (lookup, found) = resolve_named(state, scope, &input.code).await?;
    let refused = refusal(item.event_id, &db::swag::ticket_type_ids(&item), lookup);
    let (ticket, dto) = found.unzip();

    let tx = db::begin_write(&state.db).await?;
    let outcome = match (refused, &ticket) {
        (None, Some(t)) => take(&tx, scope, item.id, t.id, input.quantity, now).await?,
        (Some(o), _) => o,
        (None, None) => SwagOutcome::UnknownCode,
    };
    let received = match &ticket {
        Some(t) => db::swag::received(&tx, scope, item.id, t.id).await?,
        None => 0,
    };
    let after: SwagItemRow = db::swag::get_item(&tx, scope, item.id).await?;
    let result = SwagHandoutResult {
        handout_id: Uuid::now_v7(),
        outcome,
        ticket: dto,
        received: count(received),
        allowance_per_attendee: count(after.allowance_per_attendee),
        remaining: count(after.stock - after.handed_out),
    };
    if let Some(device) = input.device {
        db::checkin_devices::touch(&tx, scope, device, now).await?;
    }
    let recorded = db::swag::record_handout(
        &tx,
        scope,
        NewHandout {
            id: result.handout_id,
            item_id: item.id,
            event_id: item.event_id,
            ticket_id: ticket.as_ref().map(|t| t.id),
            quantity: input.quantity,
            outcome: outcome.as_str().to_owned(),
            handed_by: user_id,
            device: input.device,
            nonce: input.nonce.clone(),
            result: serde_json::to_value(&result).map_err(AppError::internal)?,
        },
        now,
    )
    .await?;
    if !recorded {
        // A retry of a hand-out already answered: undo this attempt, give the first answer.
        tx.rollback().await?;
        let first = db::swag::find_handout(&state.db, scope, item.id, user_id, &input.nonce)
            .await?
            .ok_or_else(|| AppError::internal(anyhow::anyhow!("hand-out nonce vanished")))?;
        return Ok((result_of(&first)?, true));
    }
    tx.commit().await?;
    if outcome == SwagOutcome::Ok {
        state.live.publish(item.event_id);
    }
    Ok((result, false))
}

fn result_of(row: &HandoutRow) -> AppResult<SwagHandoutResult> {
    serde_json::from_value(row.result.clone()).map_err(AppError::internal)
}

/// The item's successful hand-outs, newest first.
pub async fn list(
    state: &AppState,
    scope: OrgScope,
    item_id: Uuid,
    q: PageQuery,
) -> AppResult<Page<SwagHandout>> {
    db::swag::get_item(&state.db, scope, item_id).await?;
    let (rows, next_cursor) =
        db::swag::handouts_page(&state.db, scope, item_id, q.limit(), q.cursor.as_deref()).await?;
    let names = db::users::names(&state.db, rows.iter().map(|r| r.handed_by)).await?;
    let items = rows
        .iter()
        .map(|r| {
            let ticket = result_of(r)?
                .ticket
                .ok_or_else(|| AppError::internal(anyhow::anyhow!("hand-out without ticket")))?;
            Ok(SwagHandout {
                id: r.id,
                item_id: r.item_id,
                ticket,
                quantity: count(r.quantity),
                by: r.handed_by,
                by_name: names.get(&r.handed_by).cloned(),
                created_at: r.created_at,
            })
        })
        .collect::<AppResult<Vec<SwagHandout>>>()?;
    Ok(Page { items, next_cursor })
}

/// One row per successful hand-out of any of the event's items, oldest first.
pub async fn export_csv(
    state: &AppState,
    scope: OrgScope,
    event_id: Uuid,
) -> AppResult<(String, Vec<u8>)> {
    let event = db::events::get(&state.db, scope, event_id).await?;
    let items = db::swag::items_for_event(&state.db, scope, event_id).await?;
    let rows = db::swag::handouts_for_event(&state.db, scope, event_id, EXPORT_CAP).await?;
    let names = db::users::names(&state.db, rows.iter().map(|r| r.handed_by)).await?;
    let safe = crate::services::bookings::spreadsheet_safe;
    let mut out = csv::Writer::from_writer(Vec::new());
    let csv_err = |e: csv::Error| AppError::internal(anyhow::anyhow!("csv: {e}"));
    out.write_record([
        "item",
        "ticket_code",
        "ticket_type",
        "attendee_name",
        "quantity",
        "handed_out_by",
        "handed_out_at",
    ])
    .map_err(csv_err)?;
    for r in &rows {
        let item = items
            .iter()
            .find(|i| i.id == r.item_id)
            .map(|i| i.name.as_str())
            .unwrap_or_default();
        let ticket = result_of(r)?.ticket;
        let by = names.get(&r.handed_by).cloned().unwrap_or_default();
        out.write_record([
            safe(item),
            ticket.as_ref().map(|t| t.code.clone()).unwrap_or_default(),
            safe(
                ticket
                    .as_ref()
                    .map(|t| t.ticket_type_name.get(common::Lang::En))
                    .unwrap_or_default(),
            ),
            safe(
                ticket
                    .as_ref()
                    .map(|t| t.attendee_name.as_str())
                    .unwrap_or_default(),
            ),
            r.quantity.to_string(),
            safe(&by),
            r.created_at.to_rfc3339(),
        ])
        .map_err(csv_err)?;
    }
    let bytes = out
        .into_inner()
        .map_err(|e| AppError::internal(anyhow::anyhow!("csv: {e}")))?;
    Ok((format!("swag-{}.csv", event.slug), bytes))
}

#[cfg(test)]
mod tests {
    use domain::checkin::TicketFacts;

    use super::*;

    fn facts(event_id: Uuid, ticket_type_id: Uuid) -> TicketFacts {
        TicketFacts {
            event_id,
            ticket_type_id,
            state: TicketState::Valid,
            paid: true,
            order_cancelled: false,
        }
    }

    #[test]
    fn refusals_come_in_a_fixed_order_and_a_good_ticket_goes_to_the_counters() {
        let (event, other, vip, standard) = (
            Uuid::now_v7(),
            Uuid::now_v7(),
            Uuid::now_v7(),
            Uuid::now_v7(),
        );
        let only_vip = [vip];
        assert_eq!(
            refusal(event, &only_vip, Lookup::Unknown),
            Some(SwagOutcome::UnknownCode)
        );
        assert_eq!(
            refusal(event, &only_vip, Lookup::BadSignature),
            Some(SwagOutcome::InvalidSignature)
        );
        assert_eq!(
            refusal(event, &only_vip, Lookup::SignedFor(other)),
            Some(SwagOutcome::WrongEvent)
        );
        assert_eq!(
            refusal(event, &only_vip, Lookup::SignedFor(event)),
            Some(SwagOutcome::UnknownCode)
        );
        // Another event's ticket of an ineligible, cancelled kind: the event is named first.
        let mut t = facts(other, standard);
        t.state = TicketState::Cancelled;
        assert_eq!(
            refusal(event, &only_vip, Lookup::Ticket(t)),
            Some(SwagOutcome::WrongEvent)
        );
        t.event_id = event;
        assert_eq!(
            refusal(event, &only_vip, Lookup::Ticket(t)),
            Some(SwagOutcome::TicketNotValid)
        );
        let mut unpaid = facts(event, vip);
        unpaid.paid = false;
        assert_eq!(
            refusal(event, &only_vip, Lookup::Ticket(unpaid)),
            Some(SwagOutcome::TicketNotValid)
        );
        assert_eq!(
            refusal(event, &only_vip, Lookup::Ticket(facts(event, standard))),
            Some(SwagOutcome::NotEligible)
        );
        assert_eq!(
            refusal(event, &only_vip, Lookup::Ticket(facts(event, vip))),
            None
        );
        assert_eq!(
            refusal(event, &[], Lookup::Ticket(facts(event, standard))),
            None
        );
    }
}
