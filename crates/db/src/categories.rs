//! Event categories, managed by platform administrators and read by everyone.

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
    QueryOrder,
};
use uuid::Uuid;

use crate::entities::categories::{ActiveModel, Column, Entity};
use crate::error::{DbError, DbResult};

pub use crate::entities::categories::Model as CategoryRow;

pub async fn list<C: ConnectionTrait>(conn: &C) -> DbResult<Vec<CategoryRow>> {
    Ok(Entity::find()
        .order_by_asc(Column::SortOrder)
        .order_by_asc(Column::Slug)
        .all(conn)
        .await?)
}

pub async fn find<C: ConnectionTrait>(conn: &C, id: Uuid) -> DbResult<Option<CategoryRow>> {
    Ok(Entity::find_by_id(id).one(conn).await?)
}

pub async fn find_by_slug<C: ConnectionTrait>(
    conn: &C,
    slug: &str,
) -> DbResult<Option<CategoryRow>> {
    Ok(Entity::find()
        .filter(Column::Slug.eq(slug))
        .one(conn)
        .await?)
}

pub struct CategoryFields {
    pub name_en: String,
    pub name_fr: Option<String>,
    pub icon: String,
    pub sort_order: i32,
}

pub async fn insert<C: ConnectionTrait>(
    conn: &C,
    slug: &str,
    f: CategoryFields,
    now: DateTime<Utc>,
) -> DbResult<CategoryRow> {
    Ok(ActiveModel {
        id: Set(Uuid::now_v7()),
        slug: Set(slug.to_owned()),
        name_en: Set(f.name_en),
        name_fr: Set(f.name_fr),
        icon: Set(f.icon),
        sort_order: Set(f.sort_order),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(conn)
    .await?)
}

pub async fn update<C: ConnectionTrait>(
    conn: &C,
    id: Uuid,
    f: CategoryFields,
    now: DateTime<Utc>,
) -> DbResult<CategoryRow> {
    let current = Entity::find_by_id(id)
        .one(conn)
        .await?
        .ok_or(DbError::NotFound)?;
    let mut model: ActiveModel = current.into();
    model.name_en = Set(f.name_en);
    model.name_fr = Set(f.name_fr);
    model.icon = Set(f.icon);
    model.sort_order = Set(f.sort_order);
    model.updated_at = Set(now);
    Ok(model.update(conn).await?)
}

/// Events in the category keep existing, uncategorized (the foreign key sets NULL).
pub async fn delete<C: ConnectionTrait>(conn: &C, id: Uuid) -> DbResult<()> {
    let res = Entity::delete_by_id(id).exec(conn).await?;
    if res.rows_affected == 0 {
        Err(DbError::NotFound)
    } else {
        Ok(())
    }
}
