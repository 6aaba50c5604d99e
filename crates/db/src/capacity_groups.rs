//! Capacity groups of one event (scoped by organization).

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
    QueryOrder,
};
use uuid::Uuid;

use crate::entities::capacity_groups::{ActiveModel, Column, Entity};
use crate::error::{DbError, DbResult};
use crate::scope::OrgScope;

pub use crate::entities::capacity_groups::Model as CapacityGroupRow;

pub async fn list<C: ConnectionTrait>(
    conn: &C,
    scope: OrgScope,
    event_id: Uuid,
) -> DbResult<Vec<CapacityGroupRow>> {
    Ok(Entity::find()
        .filter(Column::OrgId.eq(scope.org_id()))
        .filter(Column::EventId.eq(event_id))
        .order_by_asc(Column::CreatedAt)
        .all(conn)
        .await?)
}

pub async fn list_for_events<C: ConnectionTrait>(
    conn: &C,
    event_ids: &[Uuid],
) -> DbResult<Vec<CapacityGroupRow>> {
    if event_ids.is_empty() {
        return Ok(Vec::new());
    }
    Ok(Entity::find()
        .filter(Column::EventId.is_in(event_ids.iter().copied()))
        .all(conn)
        .await?)
}

pub async fn get<C: ConnectionTrait>(
    conn: &C,
    scope: OrgScope,
    event_id: Uuid,
    id: Uuid,
) -> DbResult<CapacityGroupRow> {
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
    name: &str,
    capacity: i32,
    now: DateTime<Utc>,
) -> DbResult<CapacityGroupRow> {
    Ok(ActiveModel {
        id: Set(Uuid::now_v7()),
        org_id: Set(scope.org_id()),
        event_id: Set(event_id),
        name: Set(name.to_owned()),
        capacity: Set(capacity),
        sold: Set(0),
        held: Set(0),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(conn)
    .await?)
}

pub async fn update<C: ConnectionTrait>(
    conn: &C,
    scope: OrgScope,
    event_id: Uuid,
    id: Uuid,
    name: String,
    capacity: i32,
    now: DateTime<Utc>,
) -> DbResult<CapacityGroupRow> {
    let current = get(conn, scope, event_id, id).await?;
    let mut model: ActiveModel = current.into();
    model.name = Set(name);
    model.capacity = Set(capacity);
    model.updated_at = Set(now);
    Ok(model.update(conn).await?)
}

/// Its ticket types keep their own quantities (the foreign key sets NULL).
pub async fn delete<C: ConnectionTrait>(
    conn: &C,
    scope: OrgScope,
    event_id: Uuid,
    id: Uuid,
) -> DbResult<()> {
    get(conn, scope, event_id, id).await?;
    Entity::delete_by_id(id).exec(conn).await?;
    Ok(())
}
