//! Ticket types and capacity groups of one event. Prices are exact in the event's currency;
//! quantities never drop below what is already sold or held.

use chrono::{DateTime, Utc};
use common::events::{
    CapacityGroup, CreateCapacityGroup, CreateTicketType, TicketType, UpdateCapacityGroup,
    UpdateTicketType,
};
use common::{Currency, ErrorCode, Localized, Money};
use db::OrgScope;
use db::events::EventRow;
use db::ticket_types::{TicketTypeFields, TicketTypeRow};
use uuid::Uuid;

use crate::error::{AppError, AppResult};
use crate::services::event_fields::{Errors, currency_of, join, split};
use crate::services::public_events;
use crate::state::AppState;

pub const MAX_QUANTITY: u32 = 1_000_000;
pub const MAX_PER_ORDER: u32 = 100;

fn count(n: i32) -> u32 {
    u32::try_from(n).unwrap_or(0)
}

pub fn to_dto(r: &TicketTypeRow, currency: Currency) -> TicketType {
    TicketType {
        id: r.id,
        event_id: r.event_id,
        name: join(&r.name_en, &r.name_fr),
        description: join(&r.description_en, &r.description_fr),
        price: Money::from_minor(r.price_minor, currency),
        quantity: count(r.quantity),
        sold: count(r.sold),
        held: count(r.held),
        sale_starts_at: r.sale_starts_at,
        sale_ends_at: r.sale_ends_at,
        min_per_order: count(r.min_per_order),
        max_per_order: count(r.max_per_order),
        access_code: r.access_code.clone(),
        sort_order: r.sort_order,
        active: r.active,
        capacity_group_id: r.capacity_group_id,
    }
}

/// Everything editable about a ticket type, merged for create and update alike.
struct Draft {
    name: Localized,
    description: Localized,
    price: Money,
    quantity: u32,
    sale_starts_at: Option<DateTime<Utc>>,
    sale_ends_at: Option<DateTime<Utc>>,
    min_per_order: u32,
    max_per_order: u32,
    access_code: Option<String>,
    sort_order: i32,
    active: bool,
    capacity_group_id: Option<Uuid>,
}

async fn validate(
    state: &AppState,
    scope: OrgScope,
    event: &EventRow,
    d: Draft,
    committed: u32,
) -> AppResult<TicketTypeFields> {
    let mut errors = Errors::default();
    if d.name.is_empty() {
        errors.push("name", "required", "name the ticket type");
    }
    if d.name.max_chars() > 100 {
        errors.push("name", "too_long", "at most 100 characters");
    }
    if d.description.max_chars() > 1000 {
        errors.push("description", "too_long", "at most 1000 characters");
    }
    let currency = currency_of(event);
    let mut price_minor = 0;
    if d.price.currency != currency {
        errors.push(
            "price.currency",
            "currency_mismatch",
            &format!("prices are in the event's currency, {currency}"),
        );
    } else {
        match d.price.to_minor() {
            Ok(m) if m >= 0 => price_minor = m,
            Ok(_) => errors.push("price.amount", "negative", "cannot be negative"),
            Err(_) => errors.push(
                "price.amount",
                "too_precise",
                &format!("{currency} has {} decimals", currency.minor_units()),
            ),
        }
    }
    if d.quantity > MAX_QUANTITY {
        errors.push("quantity", "too_large", "at most 1,000,000");
    }
    if d.quantity < committed {
        errors.push(
            "quantity",
            "below_sold",
            &format!("{committed} are already sold or held"),
        );
    }
    if d.min_per_order < 1 {
        errors.push("min_per_order", "too_small", "at least 1");
    }
    if d.max_per_order < d.min_per_order || d.max_per_order > MAX_PER_ORDER {
        errors.push(
            "max_per_order",
            "out_of_range",
            "between the minimum and 100",
        );
    }
    if let (Some(start), Some(end)) = (d.sale_starts_at, d.sale_ends_at)
        && end <= start
    {
        errors.push(
            "sale_ends_at",
            "before_start",
            "must be after the sale start",
        );
    }
    if d.sale_ends_at.is_some_and(|end| end > event.ends_at) {
        errors.push(
            "sale_ends_at",
            "after_event",
            "sales must end by the end of the event",
        );
    }
    let access_code = d
        .access_code
        .map(|c| c.trim().to_owned())
        .filter(|c| !c.is_empty());
    if let Some(code) = &access_code
        && !(4..=32).contains(&code.len())
    {
        errors.push("access_code", "length", "4 to 32 characters");
    }
    if let Some(group) = d.capacity_group_id
        && db::capacity_groups::get(&state.db, scope, event.id, group)
            .await
            .is_err()
    {
        errors.push(
            "capacity_group_id",
            "not_found",
            "no such capacity group in this event",
        );
    }
    errors.into_result()?;
    let (name_en, name_fr) = split(&d.name);
    let (description_en, description_fr) = split(&d.description);
    Ok(TicketTypeFields {
        name_en,
        name_fr,
        description_en,
        description_fr,
        price_minor,
        quantity: i32::try_from(d.quantity).unwrap_or(i32::MAX),
        sale_starts_at: d.sale_starts_at,
        sale_ends_at: d.sale_ends_at,
        min_per_order: i32::try_from(d.min_per_order).unwrap_or(1),
        max_per_order: i32::try_from(d.max_per_order).unwrap_or(1),
        access_code,
        sort_order: d.sort_order,
        active: d.active,
        capacity_group_id: d.capacity_group_id,
    })
}

pub async fn list(state: &AppState, scope: OrgScope, event_id: Uuid) -> AppResult<Vec<TicketType>> {
    let event = db::events::get(&state.db, scope, event_id).await?;
    let rows = db::ticket_types::list(&state.db, scope, event_id).await?;
    Ok(rows
        .iter()
        .map(|r| to_dto(r, currency_of(&event)))
        .collect())
}

pub async fn create(
    state: &AppState,
    scope: OrgScope,
    event_id: Uuid,
    input: CreateTicketType,
) -> AppResult<TicketType> {
    let event = db::events::get(&state.db, scope, event_id).await?;
    let draft = Draft {
        name: input.name,
        description: input.description,
        price: input.price,
        quantity: input.quantity,
        sale_starts_at: input.sale_starts_at,
        sale_ends_at: input.sale_ends_at,
        min_per_order: input.min_per_order,
        max_per_order: input.max_per_order,
        access_code: input.access_code,
        sort_order: input.sort_order,
        active: input.active,
        capacity_group_id: input.capacity_group_id,
    };
    let fields = validate(state, scope, &event, draft, 0).await?;
    let row = db::ticket_types::insert(&state.db, scope, event_id, fields, state.now()).await?;
    public_events::invalidate(state, &event.slug).await;
    Ok(to_dto(&row, currency_of(&event)))
}

pub async fn update(
    state: &AppState,
    scope: OrgScope,
    event_id: Uuid,
    id: Uuid,
    input: UpdateTicketType,
) -> AppResult<TicketType> {
    let event = db::events::get(&state.db, scope, event_id).await?;
    let current = db::ticket_types::get(&state.db, scope, event_id, id).await?;
    let now_dto = to_dto(&current, currency_of(&event));
    let draft = Draft {
        name: input.name.unwrap_or(now_dto.name),
        description: input.description.unwrap_or(now_dto.description),
        price: input.price.unwrap_or(now_dto.price),
        quantity: input.quantity.unwrap_or(now_dto.quantity),
        sale_starts_at: input.sale_starts_at.unwrap_or(now_dto.sale_starts_at),
        sale_ends_at: input.sale_ends_at.unwrap_or(now_dto.sale_ends_at),
        min_per_order: input.min_per_order.unwrap_or(now_dto.min_per_order),
        max_per_order: input.max_per_order.unwrap_or(now_dto.max_per_order),
        access_code: input.access_code.unwrap_or(now_dto.access_code),
        sort_order: input.sort_order.unwrap_or(now_dto.sort_order),
        active: input.active.unwrap_or(now_dto.active),
        capacity_group_id: input.capacity_group_id.unwrap_or(now_dto.capacity_group_id),
    };
    let committed = count(current.sold) + count(current.held);
    let fields = validate(state, scope, &event, draft, committed).await?;
    let row = db::ticket_types::update(&state.db, scope, event_id, id, fields, state.now()).await?;
    public_events::invalidate(state, &event.slug).await;
    Ok(to_dto(&row, currency_of(&event)))
}

pub async fn delete(state: &AppState, scope: OrgScope, event_id: Uuid, id: Uuid) -> AppResult<()> {
    let event = db::events::get(&state.db, scope, event_id).await?;
    if !db::ticket_types::delete_unsold(&state.db, scope, event_id, id).await? {
        return Err(AppError::with_detail(
            ErrorCode::Conflict,
            "tickets of this type were ordered: deactivate it instead",
        ));
    }
    public_events::invalidate(state, &event.slug).await;
    Ok(())
}

fn group_dto(g: &db::capacity_groups::CapacityGroupRow, types: &[TicketTypeRow]) -> CapacityGroup {
    CapacityGroup {
        id: g.id,
        event_id: g.event_id,
        name: g.name.clone(),
        capacity: count(g.capacity),
        sold: count(g.sold),
        ticket_type_ids: types
            .iter()
            .filter(|t| t.capacity_group_id == Some(g.id))
            .map(|t| t.id)
            .collect(),
    }
}

pub async fn list_groups(
    state: &AppState,
    scope: OrgScope,
    event_id: Uuid,
) -> AppResult<Vec<CapacityGroup>> {
    db::events::get(&state.db, scope, event_id).await?;
    let groups = db::capacity_groups::list(&state.db, scope, event_id).await?;
    let types = db::ticket_types::list(&state.db, scope, event_id).await?;
    Ok(groups.iter().map(|g| group_dto(g, &types)).collect())
}

fn check_group(name: &str, capacity: u32, committed: u32) -> AppResult<()> {
    let mut errors = Errors::default();
    if name.trim().is_empty() || name.chars().count() > 100 {
        errors.push("name", "length", "1 to 100 characters");
    }
    if capacity > MAX_QUANTITY {
        errors.push("capacity", "too_large", "at most 1,000,000");
    }
    if capacity < committed {
        errors.push(
            "capacity",
            "below_sold",
            &format!("{committed} are already sold or held"),
        );
    }
    errors.into_result()
}

pub async fn create_group(
    state: &AppState,
    scope: OrgScope,
    event_id: Uuid,
    input: CreateCapacityGroup,
) -> AppResult<CapacityGroup> {
    let event = db::events::get(&state.db, scope, event_id).await?;
    check_group(&input.name, input.capacity, 0)?;
    let capacity = i32::try_from(input.capacity).unwrap_or(i32::MAX);
    let g = db::capacity_groups::insert(
        &state.db,
        scope,
        event_id,
        input.name.trim(),
        capacity,
        state.now(),
    )
    .await?;
    public_events::invalidate(state, &event.slug).await;
    Ok(group_dto(&g, &[]))
}

pub async fn update_group(
    state: &AppState,
    scope: OrgScope,
    event_id: Uuid,
    id: Uuid,
    input: UpdateCapacityGroup,
) -> AppResult<CapacityGroup> {
    let event = db::events::get(&state.db, scope, event_id).await?;
    let current = db::capacity_groups::get(&state.db, scope, event_id, id).await?;
    let name = input.name.unwrap_or(current.name.clone());
    let capacity = input.capacity.unwrap_or(count(current.capacity));
    check_group(&name, capacity, count(current.sold) + count(current.held))?;
    let g = db::capacity_groups::update(
        &state.db,
        scope,
        event_id,
        id,
        name.trim().to_owned(),
        i32::try_from(capacity).unwrap_or(i32::MAX),
        state.now(),
    )
    .await?;
    let types = db::ticket_types::list(&state.db, scope, event_id).await?;
    public_events::invalidate(state, &event.slug).await;
    Ok(group_dto(&g, &types))
}

pub async fn delete_group(
    state: &AppState,
    scope: OrgScope,
    event_id: Uuid,
    id: Uuid,
) -> AppResult<()> {
    let event = db::events::get(&state.db, scope, event_id).await?;
    db::capacity_groups::delete(&state.db, scope, event_id, id).await?;
    public_events::invalidate(state, &event.slug).await;
    Ok(())
}
