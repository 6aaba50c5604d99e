//! Invitations to join an organization. The emailed token is bound to one address, expires, and
//! can be accepted once (a conditional UPDATE decides the race).

use chrono::{DateTime, Utc};
use common::Role;
use common::orgs::InvitationStatus;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect,
};
use uuid::Uuid;

use crate::cursor;
use crate::entities::{invitations, organizations, users};
use crate::error::{DbError, DbResult};
use crate::orgs::role_of;
use crate::scope::OrgScope;

#[derive(Debug, Clone, PartialEq)]
pub struct Invitation {
    pub id: Uuid,
    pub org_id: Uuid,
    pub email: String,
    pub role: Role,
    pub invited_by: Option<Uuid>,
    pub expires_at: DateTime<Utc>,
    pub accepted_at: Option<DateTime<Utc>>,
    pub revoked_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

impl Invitation {
    pub fn status(&self, now: DateTime<Utc>) -> InvitationStatus {
        if self.accepted_at.is_some() {
            InvitationStatus::Accepted
        } else if self.revoked_at.is_some() {
            InvitationStatus::Revoked
        } else if self.expires_at <= now {
            InvitationStatus::Expired
        } else {
            InvitationStatus::Pending
        }
    }
}

impl From<invitations::Model> for Invitation {
    fn from(m: invitations::Model) -> Invitation {
        Invitation {
            id: m.id,
            org_id: m.org_id,
            email: m.email,
            role: role_of(&m.role),
            invited_by: m.invited_by,
            expires_at: m.expires_at,
            accepted_at: m.accepted_at,
            revoked_at: m.revoked_at,
            created_at: m.created_at,
        }
    }
}

pub struct NewInvitation<'a> {
    pub email: &'a str,
    pub role: Role,
    pub token_hash: &'a str,
    pub invited_by: Uuid,
    pub expires_at: DateTime<Utc>,
}

/// Creates an invitation; an earlier pending one for the same address is revoked, so only the
/// newest link works.
pub async fn insert<C: ConnectionTrait>(
    conn: &C,
    scope: OrgScope,
    new: NewInvitation<'_>,
    now: DateTime<Utc>,
) -> DbResult<Invitation> {
    let email = crate::users::normalize_email(new.email);
    invitations::Entity::update_many()
        .col_expr(invitations::Column::RevokedAt, Expr::value(now))
        .col_expr(invitations::Column::UpdatedAt, Expr::value(now))
        .filter(invitations::Column::OrgId.eq(scope.org_id()))
        .filter(invitations::Column::Email.eq(email.clone()))
        .filter(invitations::Column::AcceptedAt.is_null())
        .filter(invitations::Column::RevokedAt.is_null())
        .exec(conn)
        .await?;
    let model = invitations::ActiveModel {
        id: Set(Uuid::now_v7()),
        org_id: Set(scope.org_id()),
        email: Set(email),
        role: Set(new.role.as_str().to_owned()),
        token_hash: Set(new.token_hash.to_owned()),
        invited_by: Set(Some(new.invited_by)),
        expires_at: Set(new.expires_at),
        accepted_at: Set(None),
        revoked_at: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(conn)
    .await?;
    Ok(model.into())
}

/// Pending (unaccepted, unrevoked, unexpired) invitations, with the inviter's name.
pub async fn list_pending<C: ConnectionTrait>(
    conn: &C,
    scope: OrgScope,
    now: DateTime<Utc>,
    after: Option<&str>,
    limit: u64,
) -> DbResult<(Vec<(Invitation, Option<String>)>, Option<String>)> {
    use invitations::Column;
    let rows = invitations::Entity::find()
        .filter(Column::OrgId.eq(scope.org_id()))
        .filter(Column::AcceptedAt.is_null())
        .filter(Column::RevokedAt.is_null())
        .filter(Column::ExpiresAt.gt(now))
        .filter(cursor::after(Column::CreatedAt, Column::Id, after))
        .order_by_asc(Column::CreatedAt)
        .order_by_asc(Column::Id)
        .limit(limit + 1)
        .find_also_related(users::Entity)
        .all(conn)
        .await?;
    let (rows, next) = cursor::page(rows, limit, |(i, _)| (i.created_at, i.id));
    Ok((
        rows.into_iter()
            .map(|(i, u)| (Invitation::from(i), u.map(|u| u.name)))
            .collect(),
        next,
    ))
}

pub async fn revoke<C: ConnectionTrait>(
    conn: &C,
    scope: OrgScope,
    id: Uuid,
    now: DateTime<Utc>,
) -> DbResult<()> {
    let res = invitations::Entity::update_many()
        .col_expr(invitations::Column::RevokedAt, Expr::value(now))
        .col_expr(invitations::Column::UpdatedAt, Expr::value(now))
        .filter(invitations::Column::OrgId.eq(scope.org_id()))
        .filter(invitations::Column::Id.eq(id))
        .filter(invitations::Column::AcceptedAt.is_null())
        .filter(invitations::Column::RevokedAt.is_null())
        .exec(conn)
        .await?;
    if res.rows_affected == 0 {
        Err(DbError::NotFound)
    } else {
        Ok(())
    }
}

/// The invitation a token belongs to, with its organization's name and the inviter's name.
pub async fn find_by_token<C: ConnectionTrait>(
    conn: &C,
    token_hash: &str,
) -> DbResult<Option<(Invitation, String, Option<String>)>> {
    let Some((inv, org)) = invitations::Entity::find()
        .filter(invitations::Column::TokenHash.eq(token_hash))
        .find_also_related(organizations::Entity)
        .one(conn)
        .await?
    else {
        return Ok(None);
    };
    let Some(org) = org else { return Ok(None) };
    let inviter = match inv.invited_by {
        Some(id) => users::Entity::find_by_id(id)
            .one(conn)
            .await?
            .map(|u| u.name),
        None => None,
    };
    Ok(Some((inv.into(), org.name, inviter)))
}

/// Spends a pending invitation. `false` when it was accepted, revoked or expired meanwhile.
pub async fn mark_accepted<C: ConnectionTrait>(
    conn: &C,
    id: Uuid,
    now: DateTime<Utc>,
) -> DbResult<bool> {
    let res = invitations::Entity::update_many()
        .col_expr(invitations::Column::AcceptedAt, Expr::value(now))
        .col_expr(invitations::Column::UpdatedAt, Expr::value(now))
        .filter(invitations::Column::Id.eq(id))
        .filter(invitations::Column::AcceptedAt.is_null())
        .filter(invitations::Column::RevokedAt.is_null())
        .filter(invitations::Column::ExpiresAt.gt(now))
        .exec(conn)
        .await?;
    Ok(res.rows_affected == 1)
}
