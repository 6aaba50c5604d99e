//! Accounts: lookup by email (always lowercased), creation, verification, password and profile.

use chrono::{DateTime, Utc};
use common::Lang;
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect,
};
use uuid::Uuid;

use crate::cursor;
use crate::entities::users::{ActiveModel, Column, Entity, Model};
use crate::error::{DbError, DbResult};

#[derive(Debug, Clone, PartialEq)]
pub struct User {
    pub id: Uuid,
    pub email: String,
    pub password_hash: String,
    pub name: String,
    pub phone: Option<String>,
    pub language: Lang,
    pub email_verified_at: Option<DateTime<Utc>>,
    pub is_platform_admin: bool,
    pub disabled_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

impl From<Model> for User {
    fn from(m: Model) -> User {
        User {
            id: m.id,
            email: m.email,
            password_hash: m.password_hash,
            name: m.name,
            phone: m.phone,
            language: Lang::from_tag(&m.language).unwrap_or_default(),
            email_verified_at: m.email_verified_at,
            is_platform_admin: m.is_platform_admin,
            disabled_at: m.disabled_at,
            created_at: m.created_at,
        }
    }
}

pub struct NewUser<'a> {
    pub email: &'a str,
    pub password_hash: &'a str,
    pub name: &'a str,
    pub language: Lang,
    pub verified: bool,
    pub is_platform_admin: bool,
}

pub fn normalize_email(email: &str) -> String {
    email.trim().to_lowercase()
}

pub async fn find<C: ConnectionTrait>(conn: &C, id: Uuid) -> DbResult<Option<User>> {
    Ok(Entity::find_by_id(id).one(conn).await?.map(User::from))
}

/// Display names of `ids` in one query, for logs that show who did what (staff who scanned,
/// handed out, adjusted). Unknown ids are absent.
pub async fn names<C: ConnectionTrait>(
    conn: &C,
    ids: impl IntoIterator<Item = Uuid>,
) -> DbResult<std::collections::HashMap<Uuid, String>> {
    let mut ids: Vec<Uuid> = ids.into_iter().collect();
    ids.sort_unstable();
    ids.dedup();
    if ids.is_empty() {
        return Ok(Default::default());
    }
    Ok(Entity::find()
        .filter(Column::Id.is_in(ids))
        .all(conn)
        .await?
        .into_iter()
        .map(|u| (u.id, u.name))
        .collect())
}

pub async fn find_by_email<C: ConnectionTrait>(conn: &C, email: &str) -> DbResult<Option<User>> {
    Ok(Entity::find()
        .filter(Column::Email.eq(normalize_email(email)))
        .one(conn)
        .await?
        .map(User::from))
}

pub async fn insert<C: ConnectionTrait>(
    conn: &C,
    new: NewUser<'_>,
    now: DateTime<Utc>,
) -> DbResult<User> {
    let model = ActiveModel {
        id: Set(Uuid::now_v7()),
        email: Set(normalize_email(new.email)),
        password_hash: Set(new.password_hash.to_owned()),
        name: Set(new.name.trim().to_owned()),
        phone: Set(None),
        language: Set(new.language.as_str().to_owned()),
        email_verified_at: Set(new.verified.then_some(now)),
        is_platform_admin: Set(new.is_platform_admin),
        disabled_at: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
    };
    Ok(model.insert(conn).await?.into())
}

/// Marks the address verified; a second call keeps the first timestamp.
pub async fn mark_verified<C: ConnectionTrait>(
    conn: &C,
    id: Uuid,
    now: DateTime<Utc>,
) -> DbResult<()> {
    Entity::update_many()
        .col_expr(Column::EmailVerifiedAt, Expr::value(now))
        .col_expr(Column::UpdatedAt, Expr::value(now))
        .filter(Column::Id.eq(id))
        .filter(Column::EmailVerifiedAt.is_null())
        .exec(conn)
        .await?;
    Ok(())
}

pub async fn set_password<C: ConnectionTrait>(
    conn: &C,
    id: Uuid,
    password_hash: &str,
    now: DateTime<Utc>,
) -> DbResult<()> {
    let res = Entity::update_many()
        .col_expr(Column::PasswordHash, Expr::value(password_hash))
        .col_expr(Column::UpdatedAt, Expr::value(now))
        .filter(Column::Id.eq(id))
        .exec(conn)
        .await?;
    if res.rows_affected == 0 {
        Err(DbError::NotFound)
    } else {
        Ok(())
    }
}

pub async fn set_platform_admin<C: ConnectionTrait>(
    conn: &C,
    id: Uuid,
    admin: bool,
    now: DateTime<Utc>,
) -> DbResult<()> {
    Entity::update_many()
        .col_expr(Column::IsPlatformAdmin, Expr::value(admin))
        .col_expr(Column::UpdatedAt, Expr::value(now))
        .filter(Column::Id.eq(id))
        .exec(conn)
        .await?;
    Ok(())
}

/// `None` leaves a field as it is; `phone: Some(None)` clears it.
#[derive(Debug, Default)]
pub struct ProfileChange {
    pub name: Option<String>,
    pub phone: Option<Option<String>>,
    pub language: Option<Lang>,
}

pub async fn update_profile<C: ConnectionTrait>(
    conn: &C,
    id: Uuid,
    change: ProfileChange,
    now: DateTime<Utc>,
) -> DbResult<User> {
    let current = Entity::find_by_id(id)
        .one(conn)
        .await?
        .ok_or(DbError::NotFound)?;
    let mut model: ActiveModel = current.into();
    if let Some(name) = change.name {
        model.name = Set(name.trim().to_owned());
    }
    if let Some(phone) = change.phone {
        model.phone = Set(phone);
    }
    if let Some(language) = change.language {
        model.language = Set(language.as_str().to_owned());
    }
    model.updated_at = Set(now);
    Ok(model.update(conn).await?.into())
}

/// Platform administration: every account, oldest first, optionally matching `q` in email or name.
pub async fn list<C: ConnectionTrait>(
    conn: &C,
    q: Option<&str>,
    after: Option<&str>,
    limit: u64,
) -> DbResult<(Vec<User>, Option<String>)> {
    let mut select = Entity::find().filter(cursor::after(Column::CreatedAt, Column::Id, after));
    if let Some(q) = q.map(str::trim).filter(|q| !q.is_empty()) {
        let pattern = format!("%{}%", q.to_lowercase());
        select = select.filter(
            sea_orm::Condition::any()
                .add(Column::Email.like(pattern.clone()))
                .add(
                    Expr::expr(sea_orm::sea_query::Func::lower(Expr::col(Column::Name)))
                        .like(pattern),
                ),
        );
    }
    let rows = select
        .order_by_asc(Column::CreatedAt)
        .order_by_asc(Column::Id)
        .limit(limit + 1)
        .all(conn)
        .await?;
    let users: Vec<User> = rows.into_iter().map(User::from).collect();
    Ok(cursor::page(users, limit, |u| (u.created_at, u.id)))
}
