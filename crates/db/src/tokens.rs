//! Hashed single-use email tokens (verification, password reset) and rotating refresh tokens.
//! Consuming is one conditional UPDATE, so a token can be spent once even under concurrent use.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
};
use uuid::Uuid;

use crate::entities::{email_tokens, refresh_tokens};
use crate::error::DbResult;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    VerifyEmail,
    PasswordReset,
}

impl Purpose {
    fn as_str(self) -> &'static str {
        match self {
            Purpose::VerifyEmail => "verify_email",
            Purpose::PasswordReset => "password_reset",
        }
    }
}

pub async fn insert_email_token<C: ConnectionTrait>(
    conn: &C,
    user_id: Uuid,
    purpose: Purpose,
    token_hash: &str,
    expires_at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> DbResult<()> {
    email_tokens::ActiveModel {
        id: Set(Uuid::now_v7()),
        user_id: Set(user_id),
        purpose: Set(purpose.as_str().to_owned()),
        token_hash: Set(token_hash.to_owned()),
        expires_at: Set(expires_at),
        used_at: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(conn)
    .await?;
    Ok(())
}

/// Spends an unexpired, unused token of `purpose`; returns its user. `None` for anything else.
pub async fn consume_email_token<C: ConnectionTrait>(
    conn: &C,
    purpose: Purpose,
    token_hash: &str,
    now: DateTime<Utc>,
) -> DbResult<Option<Uuid>> {
    use email_tokens::{Column, Entity};
    let Some(row) = Entity::find()
        .filter(Column::TokenHash.eq(token_hash))
        .filter(Column::Purpose.eq(purpose.as_str()))
        .one(conn)
        .await?
    else {
        return Ok(None);
    };
    let spent = Entity::update_many()
        .col_expr(Column::UsedAt, Expr::value(now))
        .col_expr(Column::UpdatedAt, Expr::value(now))
        .filter(Column::Id.eq(row.id))
        .filter(Column::UsedAt.is_null())
        .filter(Column::ExpiresAt.gt(now))
        .exec(conn)
        .await?;
    Ok((spent.rows_affected == 1).then_some(row.user_id))
}

/// Invalidates a user's other outstanding tokens of `purpose` (a new link replaces the old ones).
pub async fn expire_email_tokens<C: ConnectionTrait>(
    conn: &C,
    user_id: Uuid,
    purpose: Purpose,
    now: DateTime<Utc>,
) -> DbResult<()> {
    use email_tokens::{Column, Entity};
    Entity::update_many()
        .col_expr(Column::UsedAt, Expr::value(now))
        .col_expr(Column::UpdatedAt, Expr::value(now))
        .filter(Column::UserId.eq(user_id))
        .filter(Column::Purpose.eq(purpose.as_str()))
        .filter(Column::UsedAt.is_null())
        .exec(conn)
        .await?;
    Ok(())
}

#[derive(Debug, Clone)]
pub struct RefreshToken {
    pub id: Uuid,
    pub user_id: Uuid,
    pub family_id: Uuid,
    pub expires_at: DateTime<Utc>,
    pub revoked_at: Option<DateTime<Utc>>,
    pub used_at: Option<DateTime<Utc>>,
}

pub async fn insert_refresh<C: ConnectionTrait>(
    conn: &C,
    user_id: Uuid,
    family_id: Uuid,
    token_hash: &str,
    expires_at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> DbResult<()> {
    refresh_tokens::ActiveModel {
        id: Set(Uuid::now_v7()),
        user_id: Set(user_id),
        family_id: Set(family_id),
        token_hash: Set(token_hash.to_owned()),
        expires_at: Set(expires_at),
        revoked_at: Set(None),
        used_at: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(conn)
    .await?;
    Ok(())
}

pub async fn find_refresh<C: ConnectionTrait>(
    conn: &C,
    token_hash: &str,
) -> DbResult<Option<RefreshToken>> {
    use refresh_tokens::{Column, Entity};
    Ok(Entity::find()
        .filter(Column::TokenHash.eq(token_hash))
        .one(conn)
        .await?
        .map(|m| RefreshToken {
            id: m.id,
            user_id: m.user_id,
            family_id: m.family_id,
            expires_at: m.expires_at,
            revoked_at: m.revoked_at,
            used_at: m.used_at,
        }))
}

/// Marks a live refresh token as rotated. `false` means somebody used it first: reuse.
pub async fn mark_refresh_used<C: ConnectionTrait>(
    conn: &C,
    id: Uuid,
    now: DateTime<Utc>,
) -> DbResult<bool> {
    use refresh_tokens::{Column, Entity};
    let res = Entity::update_many()
        .col_expr(Column::UsedAt, Expr::value(now))
        .col_expr(Column::UpdatedAt, Expr::value(now))
        .filter(Column::Id.eq(id))
        .filter(Column::UsedAt.is_null())
        .filter(Column::RevokedAt.is_null())
        .exec(conn)
        .await?;
    Ok(res.rows_affected == 1)
}

pub async fn revoke_family<C: ConnectionTrait>(
    conn: &C,
    family_id: Uuid,
    now: DateTime<Utc>,
) -> DbResult<()> {
    use refresh_tokens::{Column, Entity};
    Entity::update_many()
        .col_expr(Column::RevokedAt, Expr::value(now))
        .col_expr(Column::UpdatedAt, Expr::value(now))
        .filter(Column::FamilyId.eq(family_id))
        .filter(Column::RevokedAt.is_null())
        .exec(conn)
        .await?;
    Ok(())
}

/// Signs a user out everywhere (after a password reset).
pub async fn revoke_all_for_user<C: ConnectionTrait>(
    conn: &C,
    user_id: Uuid,
    now: DateTime<Utc>,
) -> DbResult<()> {
    use refresh_tokens::{Column, Entity};
    Entity::update_many()
        .col_expr(Column::RevokedAt, Expr::value(now))
        .col_expr(Column::UpdatedAt, Expr::value(now))
        .filter(Column::UserId.eq(user_id))
        .filter(Column::RevokedAt.is_null())
        .exec(conn)
        .await?;
    Ok(())
}
