//! Invitations: an emailed, single-use link bound to one address, valid for 7 days.

use chrono::Duration;
use common::orgs::{
    AcceptInvitation, CreateInvitation, Invitation, InvitationPreview, InvitationStatus,
    Organization,
};
use common::page::PageQuery;
use common::{ErrorCode, Lang, Page};
use db::OrgScope;
use uuid::Uuid;

use crate::auth::secret_token;
use crate::auth::tenant::Tenant;
use crate::error::{AppError, AppResult, validate};
use crate::services::mail::{self, EmailJob};
use crate::state::AppState;

const VALID_DAYS: i64 = 7;

fn to_dto(
    inv: db::invitations::Invitation,
    inviter: Option<String>,
    now: chrono::DateTime<chrono::Utc>,
) -> Invitation {
    Invitation {
        id: inv.id,
        status: inv.status(now),
        email: inv.email,
        role: inv.role,
        invited_by: inviter,
        expires_at: inv.expires_at,
        created_at: inv.created_at,
    }
}

pub async fn list(
    state: &AppState,
    scope: OrgScope,
    page: PageQuery,
) -> AppResult<Page<Invitation>> {
    let now = state.now();
    let (rows, next_cursor) =
        db::invitations::list_pending(&state.db, scope, now, page.cursor.as_deref(), page.limit())
            .await?;
    Ok(Page {
        items: rows.into_iter().map(|(i, by)| to_dto(i, by, now)).collect(),
        next_cursor,
    })
}

pub async fn create(
    state: &AppState,
    tenant: &Tenant,
    scope: OrgScope,
    input: CreateInvitation,
    lang: Lang,
) -> AppResult<Invitation> {
    validate(&input)?;
    if !domain::roles::may_assign(tenant.role, None, Some(input.role)) {
        return Err(AppError::forbidden());
    }
    let now = state.now();
    let tx = db::begin_write(&state.db)
        .await
        .map_err(AppError::internal)?;
    if let Some(user) = db::users::find_by_email(&tx, &input.email).await?
        && db::members::find(&tx, scope, user.id).await?.is_some()
    {
        return Err(AppError::field_conflict(
            ErrorCode::AlreadyMember,
            "email",
            "already a member",
        ));
    }
    let org = db::orgs::get(&tx, scope).await?;
    let inviter = db::users::find(&tx, tenant.user_id)
        .await?
        .ok_or_else(AppError::not_found)?;
    let token = secret_token::generate();
    let new = db::invitations::NewInvitation {
        email: &input.email,
        role: input.role,
        token_hash: &secret_token::hash(&token),
        invited_by: tenant.user_id,
        expires_at: now + Duration::days(VALID_DAYS),
    };
    let invitation = db::invitations::insert(&tx, scope, new, now).await?;
    let job = EmailJob::Invitation {
        to: invitation.email.clone(),
        lang,
        org_name: org.name,
        inviter_name: inviter.name.clone(),
        role: invitation.role,
        link: mail::link(state, &format!("/invitations/accept?token={token}")),
    };
    mail::enqueue(&tx, state, &job).await?;
    tx.commit().await.map_err(AppError::internal)?;
    state.jobs_ready.notify_one();
    Ok(to_dto(invitation, Some(inviter.name), now))
}

pub async fn revoke(state: &AppState, scope: OrgScope, id: Uuid) -> AppResult<()> {
    Ok(db::invitations::revoke(&state.db, scope, id, state.now()).await?)
}

async fn pending_by_token(
    state: &AppState,
    token: &str,
) -> AppResult<(db::invitations::Invitation, String, Option<String>)> {
    let found =
        db::invitations::find_by_token(&state.db, &secret_token::hash(token.trim())).await?;
    match found {
        Some((inv, org, by)) if inv.status(state.now()) == InvitationStatus::Pending => {
            Ok((inv, org, by))
        }
        _ => Err(AppError::code(ErrorCode::InvitationInvalid)),
    }
}

pub async fn preview(state: &AppState, token: &str) -> AppResult<InvitationPreview> {
    let (inv, organization_name, invited_by) = pending_by_token(state, token).await?;
    Ok(InvitationPreview {
        organization_name,
        email: inv.email,
        role: inv.role,
        invited_by,
        expires_at: inv.expires_at,
    })
}

/// Joins the organization, if the signed-in account's verified address is the invited one.
pub async fn accept(
    state: &AppState,
    user_id: Uuid,
    input: AcceptInvitation,
) -> AppResult<Organization> {
    validate(&input)?;
    let (inv, _, _) = pending_by_token(state, &input.token).await?;
    let user = db::users::find(&state.db, user_id)
        .await?
        .ok_or_else(|| AppError::code(ErrorCode::InvalidToken))?;
    if user.email_verified_at.is_none() {
        return Err(AppError::code(ErrorCode::EmailNotVerified));
    }
    if user.email != inv.email {
        return Err(AppError::code(ErrorCode::InvitationEmailMismatch));
    }
    let now = state.now();
    // The invitation names the organization; accepting it is the platform acting on its behalf.
    let scope = OrgScope::for_platform_operation(inv.org_id);
    let tx = db::begin_write(&state.db)
        .await
        .map_err(AppError::internal)?;
    if !db::invitations::mark_accepted(&tx, inv.id, now).await? {
        return Err(AppError::code(ErrorCode::InvitationInvalid));
    }
    db::members::add(&tx, scope, user_id, inv.role, now).await?;
    let org = db::orgs::get(&tx, scope).await?;
    tx.commit().await.map_err(AppError::internal)?;
    Ok(crate::services::orgs::to_dto(org, inv.role))
}
