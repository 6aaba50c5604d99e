//! Members of one organization and their roles. Every function is scoped by `OrgScope`.

use chrono::{DateTime, Utc};
use common::Role;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect,
};
use uuid::Uuid;

use crate::cursor;
use crate::entities::{memberships, users};
use crate::error::{DbError, DbResult};
use crate::orgs::role_of;
use crate::scope::OrgScope;

#[derive(Debug, Clone, PartialEq)]
pub struct Member {
    pub user_id: Uuid,
    pub email: String,
    pub name: String,
    pub role: Role,
    pub joined_at: DateTime<Utc>,
}

fn member(m: memberships::Model, u: users::Model) -> Member {
    Member {
        user_id: u.id,
        email: u.email,
        name: u.name,
        role: role_of(&m.role),
        joined_at: m.created_at,
    }
}

pub async fn add<C: ConnectionTrait>(
    conn: &C,
    scope: OrgScope,
    user_id: Uuid,
    role: Role,
    now: DateTime<Utc>,
) -> DbResult<()> {
    memberships::ActiveModel {
        id: Set(Uuid::now_v7()),
        org_id: Set(scope.org_id()),
        user_id: Set(user_id),
        role: Set(role.as_str().to_owned()),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(conn)
    .await?;
    Ok(())
}

pub async fn list<C: ConnectionTrait>(
    conn: &C,
    scope: OrgScope,
    after: Option<&str>,
    limit: u64,
) -> DbResult<(Vec<Member>, Option<String>)> {
    use memberships::Column;
    let rows = memberships::Entity::find()
        .filter(Column::OrgId.eq(scope.org_id()))
        .filter(cursor::after(Column::CreatedAt, Column::Id, after))
        .order_by_asc(Column::CreatedAt)
        .order_by_asc(Column::Id)
        .limit(limit + 1)
        .find_also_related(users::Entity)
        .all(conn)
        .await?;
    let rows: Vec<_> = rows
        .into_iter()
        .filter_map(|(m, u)| u.map(|u| (m, u)))
        .collect();
    let (rows, next) = cursor::page(rows, limit, |(m, _)| (m.created_at, m.id));
    Ok((rows.into_iter().map(|(m, u)| member(m, u)).collect(), next))
}

pub async fn find<C: ConnectionTrait>(
    conn: &C,
    scope: OrgScope,
    user_id: Uuid,
) -> DbResult<Option<Member>> {
    let row = memberships::Entity::find()
        .filter(memberships::Column::OrgId.eq(scope.org_id()))
        .filter(memberships::Column::UserId.eq(user_id))
        .find_also_related(users::Entity)
        .one(conn)
        .await?;
    Ok(row.and_then(|(m, u)| u.map(|u| member(m, u))))
}

pub async fn set_role<C: ConnectionTrait>(
    conn: &C,
    scope: OrgScope,
    user_id: Uuid,
    role: Role,
    now: DateTime<Utc>,
) -> DbResult<()> {
    let res = memberships::Entity::update_many()
        .col_expr(memberships::Column::Role, Expr::value(role.as_str()))
        .col_expr(memberships::Column::UpdatedAt, Expr::value(now))
        .filter(memberships::Column::OrgId.eq(scope.org_id()))
        .filter(memberships::Column::UserId.eq(user_id))
        .exec(conn)
        .await?;
    if res.rows_affected == 0 {
        Err(DbError::NotFound)
    } else {
        Ok(())
    }
}

pub async fn remove<C: ConnectionTrait>(conn: &C, scope: OrgScope, user_id: Uuid) -> DbResult<()> {
    let res = memberships::Entity::delete_many()
        .filter(memberships::Column::OrgId.eq(scope.org_id()))
        .filter(memberships::Column::UserId.eq(user_id))
        .exec(conn)
        .await?;
    if res.rows_affected == 0 {
        Err(DbError::NotFound)
    } else {
        Ok(())
    }
}

pub async fn count_owners<C: ConnectionTrait>(conn: &C, scope: OrgScope) -> DbResult<u64> {
    Ok(memberships::Entity::find()
        .filter(memberships::Column::OrgId.eq(scope.org_id()))
        .filter(memberships::Column::Role.eq(Role::Owner.as_str()))
        .count(conn)
        .await?)
}
