//! Swag items as organizers set them up (validated, every bad field reported at once) and their
//! stock adjustments. Handing out, the hand-out report and its CSV live in [`handouts`].

pub mod handouts;

use std::collections::HashSet;

use common::ErrorCode;
use common::swag::{AdjustSwagStock, CreateSwagItem, SwagAdjustment, SwagItem, UpdateSwagItem};
use db::OrgScope;
use db::swag::{AdjustmentRow, ItemFields, SwagItemRow};
use db::ticket_types::TicketTypeRow;
use uuid::Uuid;

use crate::error::{AppError, AppResult};
use crate::services::event_fields::Errors;
use crate::state::AppState;

pub const NAME_MAX: usize = 100;
/// Most units an item may hold in stock, so counters stay far from integer limits.
pub const STOCK_MAX: u32 = 1_000_000;
pub const ALLOWANCE_MAX: u32 = 100;
pub const REASON_MAX: usize = 200;
pub const DELTA_MAX: i32 = 1_000_000;

fn count(n: i32) -> u32 {
    u32::try_from(n).unwrap_or(0)
}

fn to_dto(r: &SwagItemRow) -> SwagItem {
    SwagItem {
        id: r.id,
        event_id: r.event_id,
        name: r.name.clone(),
        stock: count(r.stock),
        handed_out: count(r.handed_out),
        remaining: count(r.stock - r.handed_out),
        allowance_per_attendee: count(r.allowance_per_attendee),
        ticket_type_ids: db::swag::ticket_type_ids(r),
        created_at: r.created_at,
    }
}

struct Draft {
    name: String,
    /// Only on creation; afterwards stock moves by adjustments.
    stock: Option<u32>,
    allowance_per_attendee: u32,
    ticket_type_ids: Vec<Uuid>,
}

fn validate(d: Draft, types: &[TicketTypeRow]) -> AppResult<(ItemFields, i32)> {
    let mut errors = Errors::default();
    let name = d.name.trim().to_owned();
    if name.is_empty() {
        errors.push("name", "required", "give the item a name");
    } else if name.chars().count() > NAME_MAX {
        errors.push(
            "name",
            "too_long",
            &format!("at most {NAME_MAX} characters"),
        );
    }
    let stock = d.stock.unwrap_or(0);
    if stock > STOCK_MAX {
        errors.push(
            "stock",
            "out_of_range",
            &format!("between 0 and {STOCK_MAX}"),
        );
    }
    let allowance = d.allowance_per_attendee;
    if !(1..=ALLOWANCE_MAX).contains(&allowance) {
        errors.push(
            "allowance_per_attendee",
            "out_of_range",
            &format!("between 1 and {ALLOWANCE_MAX}"),
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
    errors.into_result()?;
    // Both bounds were checked above, so these conversions cannot fail.
    let fields = ItemFields {
        name,
        allowance_per_attendee: i32::try_from(allowance).unwrap_or(1),
        ticket_type_ids,
    };
    Ok((fields, i32::try_from(stock).unwrap_or(0)))
}

/// The item, if it belongs to `event_id` (404 otherwise).
async fn item_in_event(
    state: &AppState,
    scope: OrgScope,
    event_id: Uuid,
    id: Uuid,
) -> AppResult<SwagItemRow> {
    let row = db::swag::get_item(&state.db, scope, id).await?;
    if row.event_id != event_id {
        return Err(AppError::not_found());
    }
    Ok(row)
}

pub async fn list(state: &AppState, scope: OrgScope, event_id: Uuid) -> AppResult<Vec<SwagItem>> {
    db::events::get(&state.db, scope, event_id).await?;
    let rows = db::swag::items_for_event(&state.db, scope, event_id).await?;
    Ok(rows.iter().map(to_dto).collect())
}

pub async fn create(
    state: &AppState,
    scope: OrgScope,
    event_id: Uuid,
    input: CreateSwagItem,
) -> AppResult<SwagItem> {
    db::events::get(&state.db, scope, event_id).await?;
    let types = db::ticket_types::list(&state.db, scope, event_id).await?;
    let (fields, stock) = validate(
        Draft {
            name: input.name,
            stock: Some(input.stock),
            allowance_per_attendee: input.allowance_per_attendee,
            ticket_type_ids: input.ticket_type_ids,
        },
        &types,
    )?;
    let row = db::swag::insert_item(&state.db, scope, event_id, stock, fields, state.now()).await?;
    Ok(to_dto(&row))
}

pub async fn update(
    state: &AppState,
    scope: OrgScope,
    event_id: Uuid,
    id: Uuid,
    input: UpdateSwagItem,
) -> AppResult<SwagItem> {
    let current = item_in_event(state, scope, event_id, id).await?;
    let types = db::ticket_types::list(&state.db, scope, event_id).await?;
    let now = ItemFields::of(&current);
    let (fields, _) = validate(
        Draft {
            name: input.name.unwrap_or(now.name),
            stock: None,
            allowance_per_attendee: input
                .allowance_per_attendee
                .unwrap_or(count(now.allowance_per_attendee)),
            ticket_type_ids: input.ticket_type_ids.unwrap_or(now.ticket_type_ids),
        },
        &types,
    )?;
    db::swag::update_item(&state.db, scope, id, fields, state.now()).await?;
    Ok(to_dto(&db::swag::get_item(&state.db, scope, id).await?))
}

/// Deletes an item nothing was handed out of; once something was, the record stays (409).
pub async fn delete(state: &AppState, scope: OrgScope, event_id: Uuid, id: Uuid) -> AppResult<()> {
    item_in_event(state, scope, event_id, id).await?;
    if !db::swag::delete_unused_item(&state.db, scope, id).await? {
        return Err(AppError::with_detail(
            ErrorCode::Conflict,
            "Items already handed out cannot be deleted; adjust the stock instead.",
        ));
    }
    Ok(())
}

fn adjustment_dto(r: &AdjustmentRow, by_name: Option<String>) -> SwagAdjustment {
    SwagAdjustment {
        id: r.id,
        item_id: r.item_id,
        delta: r.delta,
        reason: r.reason.clone(),
        by: r.adjusted_by,
        by_name,
        created_at: r.created_at,
    }
}

/// Moves the stock by `delta` with its reason. The bound is one conditional UPDATE, so a
/// correction racing hand-outs can never leave stock below what was handed out.
pub async fn adjust(
    state: &AppState,
    scope: OrgScope,
    user_id: Uuid,
    item_id: Uuid,
    input: AdjustSwagStock,
) -> AppResult<SwagAdjustment> {
    let mut errors = Errors::default();
    if input.delta == 0 || input.delta.unsigned_abs() > DELTA_MAX.unsigned_abs() {
        errors.push(
            "delta",
            "out_of_range",
            &format!("non-zero, between -{DELTA_MAX} and {DELTA_MAX}"),
        );
    }
    let reason = input.reason.trim().to_owned();
    if reason.is_empty() {
        errors.push("reason", "required", "say why the stock changes");
    } else if reason.chars().count() > REASON_MAX {
        errors.push(
            "reason",
            "too_long",
            &format!("at most {REASON_MAX} characters"),
        );
    }
    errors.into_result()?;
    let event_id = db::swag::get_item(&state.db, scope, item_id)
        .await?
        .event_id;
    let now = state.now();
    let max = i32::try_from(STOCK_MAX).unwrap_or(i32::MAX);
    let tx = db::begin_write(&state.db).await?;
    if !db::swag::adjust_stock(&tx, scope, item_id, input.delta, max, now).await? {
        // Only to word the refusal: the decision was the UPDATE's.
        let item = db::swag::get_item(&tx, scope, item_id).await?;
        tx.rollback().await?;
        if item.stock + input.delta > max {
            return Err(AppError::field(
                "delta",
                "out_of_range",
                &format!("stock cannot exceed {STOCK_MAX}"),
            ));
        }
        return Err(AppError::with_detail(
            ErrorCode::Conflict,
            format!(
                "Stock cannot go below the {} already handed out.",
                item.handed_out
            ),
        ));
    }
    let row =
        db::swag::insert_adjustment(&tx, scope, item_id, input.delta, reason, user_id, now).await?;
    tx.commit().await?;
    // The dashboards show stock.
    state.live.publish(event_id);
    let by_name = db::users::find(&state.db, user_id).await?.map(|u| u.name);
    Ok(adjustment_dto(&row, by_name))
}

/// The item's adjustments, newest first.
pub async fn adjustments(
    state: &AppState,
    scope: OrgScope,
    item_id: Uuid,
) -> AppResult<Vec<SwagAdjustment>> {
    db::swag::get_item(&state.db, scope, item_id).await?;
    let rows = db::swag::adjustments(&state.db, scope, item_id).await?;
    let names = db::users::names(&state.db, rows.iter().map(|r| r.adjusted_by)).await?;
    Ok(rows
        .iter()
        .map(|r| adjustment_dto(r, names.get(&r.adjusted_by).cloned()))
        .collect())
}
