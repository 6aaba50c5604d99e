//! Organizations: creation with their first owner, the caller's memberships, settings, and the
//! platform administrators' view of all of them.

use chrono::{DateTime, Utc};
use common::orgs::Tier;
use common::{Currency, Role};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, DbBackend,
    EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Statement,
};
use uuid::Uuid;

use crate::cursor;
use crate::entities::{memberships, organizations};
use crate::error::{DbError, DbResult};
use crate::scope::OrgScope;

#[derive(Debug, Clone, PartialEq)]
pub struct Org {
    pub id: Uuid,
    pub name: String,
    pub slug: String,
    pub country: String,
    pub currency: Currency,
    pub logo_key: Option<String>,
    pub tier: Tier,
    pub suspended_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

impl From<organizations::Model> for Org {
    fn from(m: organizations::Model) -> Org {
        Org {
            id: m.id,
            name: m.name,
            slug: m.slug,
            country: m.country,
            currency: Currency::from_code(&m.currency).unwrap_or(Currency::XAF),
            logo_key: m.logo_key,
            tier: Tier::parse(&m.tier).unwrap_or(Tier::Free),
            suspended_at: m.suspended_at,
            created_at: m.created_at,
        }
    }
}

pub(crate) fn role_of(s: &str) -> Role {
    // An unknown role string can only come from a bad manual edit: grant the least.
    Role::parse(s).unwrap_or(Role::Viewer)
}

pub struct NewOrg<'a> {
    pub name: &'a str,
    pub slug: &'a str,
    pub country: &'a str,
    pub currency: Currency,
}

/// Inserts the organization and makes `owner_id` its owner. Run inside a transaction.
pub async fn create_with_owner<C: ConnectionTrait>(
    conn: &C,
    new: NewOrg<'_>,
    owner_id: Uuid,
    now: DateTime<Utc>,
) -> DbResult<Org> {
    let org = organizations::ActiveModel {
        id: Set(Uuid::now_v7()),
        name: Set(new.name.trim().to_owned()),
        slug: Set(new.slug.to_owned()),
        country: Set(new.country.to_uppercase()),
        currency: Set(new.currency.code().to_owned()),
        logo_key: Set(None),
        tier: Set(Tier::Free.as_str().to_owned()),
        suspended_at: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(conn)
    .await?;
    crate::members::add(
        conn,
        OrgScope::for_platform_operation(org.id),
        owner_id,
        Role::Owner,
        now,
    )
    .await?;
    Ok(org.into())
}

/// The caller's role in an organization, if a member, and whether it is suspended.
#[derive(Debug, Clone, Copy)]
pub struct Membership {
    pub role: Role,
    pub suspended: bool,
}

pub async fn membership<C: ConnectionTrait>(
    conn: &C,
    org_id: Uuid,
    user_id: Uuid,
) -> DbResult<Option<Membership>> {
    let found = memberships::Entity::find()
        .filter(memberships::Column::OrgId.eq(org_id))
        .filter(memberships::Column::UserId.eq(user_id))
        .find_also_related(organizations::Entity)
        .one(conn)
        .await?;
    Ok(found.and_then(|(m, org)| {
        org.map(|o| Membership {
            role: role_of(&m.role),
            suspended: o.suspended_at.is_some(),
        })
    }))
}

/// The organizations `user_id` belongs to, with their role, in the order they joined.
pub async fn list_for_user<C: ConnectionTrait>(
    conn: &C,
    user_id: Uuid,
    after: Option<&str>,
    limit: u64,
) -> DbResult<(Vec<(Org, Role)>, Option<String>)> {
    let rows = memberships::Entity::find()
        .filter(memberships::Column::UserId.eq(user_id))
        .filter(cursor::after(
            memberships::Column::CreatedAt,
            memberships::Column::Id,
            after,
        ))
        .order_by_asc(memberships::Column::CreatedAt)
        .order_by_asc(memberships::Column::Id)
        .limit(limit + 1)
        .find_also_related(organizations::Entity)
        .all(conn)
        .await?;
    let rows: Vec<_> = rows
        .into_iter()
        .filter_map(|(m, o)| o.map(|o| (m, o)))
        .collect();
    let (rows, next) = cursor::page(rows, limit, |(m, _)| (m.created_at, m.id));
    Ok((
        rows.into_iter()
            .map(|(m, o)| (Org::from(o), role_of(&m.role)))
            .collect(),
        next,
    ))
}

pub async fn get<C: ConnectionTrait>(conn: &C, scope: OrgScope) -> DbResult<Org> {
    Ok(organizations::Entity::find_by_id(scope.org_id())
        .one(conn)
        .await?
        .ok_or(DbError::NotFound)?
        .into())
}

/// Serializes concurrent membership changes of one organization (PostgreSQL row lock; SQLite
/// already admits one writer at a time).
pub async fn lock<C: ConnectionTrait>(conn: &C, scope: OrgScope) -> DbResult<()> {
    if conn.get_database_backend() == DbBackend::Postgres {
        conn.query_one_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "SELECT id FROM organizations WHERE id = $1 FOR UPDATE",
            [scope.org_id().into()],
        ))
        .await?;
    }
    Ok(())
}

#[derive(Debug, Default)]
pub struct OrgChange {
    pub name: Option<String>,
    pub country: Option<String>,
    pub currency: Option<Currency>,
}

pub async fn update<C: ConnectionTrait>(
    conn: &C,
    scope: OrgScope,
    change: OrgChange,
    now: DateTime<Utc>,
) -> DbResult<Org> {
    let current = organizations::Entity::find_by_id(scope.org_id())
        .one(conn)
        .await?
        .ok_or(DbError::NotFound)?;
    let mut model: organizations::ActiveModel = current.into();
    if let Some(name) = change.name {
        model.name = Set(name.trim().to_owned());
    }
    if let Some(country) = change.country {
        model.country = Set(country.to_uppercase());
    }
    if let Some(currency) = change.currency {
        model.currency = Set(currency.code().to_owned());
    }
    model.updated_at = Set(now);
    Ok(model.update(conn).await?.into())
}

/// Sets or clears the logo; returns the organization and the key it replaced.
pub async fn set_logo<C: ConnectionTrait>(
    conn: &C,
    scope: OrgScope,
    key: Option<String>,
    now: DateTime<Utc>,
) -> DbResult<(Org, Option<String>)> {
    let current = organizations::Entity::find_by_id(scope.org_id())
        .one(conn)
        .await?
        .ok_or(DbError::NotFound)?;
    let previous = current.logo_key.clone();
    let mut model: organizations::ActiveModel = current.into();
    model.logo_key = Set(key);
    model.updated_at = Set(now);
    Ok((model.update(conn).await?.into(), previous))
}

pub async fn member_count<C: ConnectionTrait>(conn: &C, org_id: Uuid) -> DbResult<u64> {
    Ok(memberships::Entity::find()
        .filter(memberships::Column::OrgId.eq(org_id))
        .count(conn)
        .await?)
}

/// Platform administration: every organization, oldest first, optionally matching name or slug.
pub async fn admin_list<C: ConnectionTrait>(
    conn: &C,
    q: Option<&str>,
    after: Option<&str>,
    limit: u64,
) -> DbResult<(Vec<Org>, Option<String>)> {
    use organizations::{Column, Entity};
    let mut select = Entity::find().filter(cursor::after(Column::CreatedAt, Column::Id, after));
    if let Some(q) = q.map(str::trim).filter(|q| !q.is_empty()) {
        let pattern = format!("%{}%", q.to_lowercase());
        select = select.filter(
            Condition::any()
                .add(
                    Expr::expr(sea_orm::sea_query::Func::lower(Expr::col(Column::Name)))
                        .like(pattern.clone()),
                )
                .add(Column::Slug.like(pattern)),
        );
    }
    let rows = select
        .order_by_asc(Column::CreatedAt)
        .order_by_asc(Column::Id)
        .limit(limit + 1)
        .all(conn)
        .await?;
    let orgs: Vec<Org> = rows.into_iter().map(Org::from).collect();
    Ok(cursor::page(orgs, limit, |o| (o.created_at, o.id)))
}

pub async fn admin_update<C: ConnectionTrait>(
    conn: &C,
    org_id: Uuid,
    suspended: Option<bool>,
    tier: Option<Tier>,
    now: DateTime<Utc>,
) -> DbResult<Org> {
    let current = organizations::Entity::find_by_id(org_id)
        .one(conn)
        .await?
        .ok_or(DbError::NotFound)?;
    let was_suspended = current.suspended_at;
    let mut model: organizations::ActiveModel = current.into();
    match suspended {
        Some(true) => model.suspended_at = Set(was_suspended.or(Some(now))),
        Some(false) => model.suspended_at = Set(None),
        None => {}
    }
    if let Some(tier) = tier {
        model.tier = Set(tier.as_str().to_owned());
    }
    model.updated_at = Set(now);
    Ok(model.update(conn).await?.into())
}
