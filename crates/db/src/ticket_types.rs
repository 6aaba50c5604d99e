//! Ticket types of one event (scoped by organization).

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Query;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
    QueryOrder,
};
use uuid::Uuid;

use crate::entities::ticket_types::{ActiveModel, Column, Entity};
use crate::error::{DbError, DbResult};
use crate::scope::OrgScope;

pub use crate::entities::ticket_types::Model as TicketTypeRow;

#[derive(Debug, Clone)]
pub struct TicketTypeFields {
    pub name_en: Option<String>,
    pub name_fr: Option<String>,
    pub description_en: Option<String>,
    pub description_fr: Option<String>,
    pub price_minor: i64,
    pub quantity: i32,
    pub sale_starts_at: Option<DateTime<Utc>>,
    pub sale_ends_at: Option<DateTime<Utc>>,
    pub min_per_order: i32,
    pub max_per_order: i32,
    pub access_code: Option<String>,
    pub sort_order: i32,
    pub active: bool,
    pub capacity_group_id: Option<Uuid>,
}

impl TicketTypeFields {
    pub fn of(r: &TicketTypeRow) -> TicketTypeFields {
        TicketTypeFields {
            name_en: r.name_en.clone(),
            name_fr: r.name_fr.clone(),
            description_en: r.description_en.clone(),
            description_fr: r.description_fr.clone(),
            price_minor: r.price_minor,
            quantity: r.quantity,
            sale_starts_at: r.sale_starts_at,
            sale_ends_at: r.sale_ends_at,
            min_per_order: r.min_per_order,
            max_per_order: r.max_per_order,
            access_code: r.access_code.clone(),
            sort_order: r.sort_order,
            active: r.active,
            capacity_group_id: r.capacity_group_id,
        }
    }

    fn apply(self, m: &mut ActiveModel) {
        m.name_en = Set(self.name_en);
        m.name_fr = Set(self.name_fr);
        m.description_en = Set(self.description_en);
        m.description_fr = Set(self.description_fr);
        m.price_minor = Set(self.price_minor);
        m.quantity = Set(self.quantity);
        m.sale_starts_at = Set(self.sale_starts_at);
        m.sale_ends_at = Set(self.sale_ends_at);
        m.min_per_order = Set(self.min_per_order);
        m.max_per_order = Set(self.max_per_order);
        m.access_code = Set(self.access_code);
        m.sort_order = Set(self.sort_order);
        m.active = Set(self.active);
        m.capacity_group_id = Set(self.capacity_group_id);
    }
}

pub async fn list<C: ConnectionTrait>(
    conn: &C,
    scope: OrgScope,
    event_id: Uuid,
) -> DbResult<Vec<TicketTypeRow>> {
    Ok(Entity::find()
        .filter(Column::OrgId.eq(scope.org_id()))
        .filter(Column::EventId.eq(event_id))
        .order_by_asc(Column::SortOrder)
        .order_by_asc(Column::CreatedAt)
        .all(conn)
        .await?)
}

/// Ticket types of several events, for public pages and discovery (events are public already).
pub async fn list_for_events<C: ConnectionTrait>(
    conn: &C,
    event_ids: &[Uuid],
) -> DbResult<Vec<TicketTypeRow>> {
    if event_ids.is_empty() {
        return Ok(Vec::new());
    }
    Ok(Entity::find()
        .filter(Column::EventId.is_in(event_ids.iter().copied()))
        .order_by_asc(Column::SortOrder)
        .order_by_asc(Column::CreatedAt)
        .all(conn)
        .await?)
}

pub async fn get<C: ConnectionTrait>(
    conn: &C,
    scope: OrgScope,
    event_id: Uuid,
    id: Uuid,
) -> DbResult<TicketTypeRow> {
    Entity::find_by_id(id)
        .filter(Column::OrgId.eq(scope.org_id()))
        .filter(Column::EventId.eq(event_id))
        .one(conn)
        .await?
        .ok_or(DbError::NotFound)
}

pub async fn insert<C: ConnectionTrait>(
    conn: &C,
    scope: OrgScope,
    event_id: Uuid,
    f: TicketTypeFields,
    now: DateTime<Utc>,
) -> DbResult<TicketTypeRow> {
    let mut model = ActiveModel {
        id: Set(Uuid::now_v7()),
        org_id: Set(scope.org_id()),
        event_id: Set(event_id),
        sold: Set(0),
        held: Set(0),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    };
    f.apply(&mut model);
    Ok(model.insert(conn).await?)
}

pub async fn update<C: ConnectionTrait>(
    conn: &C,
    scope: OrgScope,
    event_id: Uuid,
    id: Uuid,
    f: TicketTypeFields,
    now: DateTime<Utc>,
) -> DbResult<TicketTypeRow> {
    let current = get(conn, scope, event_id, id).await?;
    let mut model: ActiveModel = current.into();
    f.apply(&mut model);
    model.updated_at = Set(now);
    Ok(model.update(conn).await?)
}

/// Deletes a ticket type nobody holds, bought or ever ordered (lapsed orders keep their lines).
/// `false` otherwise.
pub async fn delete_unsold<C: ConnectionTrait>(
    conn: &C,
    scope: OrgScope,
    event_id: Uuid,
    id: Uuid,
) -> DbResult<bool> {
    get(conn, scope, event_id, id).await?;
    let res = Entity::delete_many()
        .filter(Column::OrgId.eq(scope.org_id()))
        .filter(Column::Id.eq(id))
        .filter(Column::Sold.eq(0))
        .filter(Column::Held.eq(0))
        .filter(
            Column::Id.not_in_subquery(
                Query::select()
                    .column(crate::entities::order_items::Column::TicketTypeId)
                    .from(crate::entities::order_items::Entity)
                    .and_where(crate::entities::order_items::Column::TicketTypeId.eq(id))
                    .to_owned(),
            ),
        )
        .exec(conn)
        .await?;
    Ok(res.rows_affected == 1)
}

/// `(id, sold, quantity, max_per_order)` of these ticket types of the event with this public slug: one indexed
/// read that lets checkout refuse what is definitely sold out before doing anything else.
pub async fn sold_counts<C: ConnectionTrait>(
    conn: &C,
    event_slug: &str,
    ids: &[Uuid],
) -> DbResult<Vec<(Uuid, i32, i32, i32)>> {
    use sea_orm::QuerySelect;
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    Ok(Entity::find()
        .select_only()
        .column(Column::Id)
        .column(Column::Sold)
        .column(Column::Quantity)
        .column(Column::MaxPerOrder)
        .filter(Column::Id.is_in(ids.iter().copied()))
        .filter(
            Column::EventId.in_subquery(
                Query::select()
                    .column(crate::entities::events::Column::Id)
                    .from(crate::entities::events::Entity)
                    .and_where(crate::entities::events::Column::Slug.eq(event_slug))
                    .to_owned(),
            ),
        )
        .into_tuple()
        .all(conn)
        .await?)
}
