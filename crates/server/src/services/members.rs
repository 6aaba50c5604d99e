//! Members: list, change role, remove. An organization always keeps at least one owner, and only
//! owners can make or unmake owners.

use common::orgs::{Member, UpdateMember};
use common::page::PageQuery;
use common::{ErrorCode, Page};
use db::OrgScope;
use uuid::Uuid;

use crate::auth::tenant::Tenant;
use crate::error::{AppError, AppResult};
use crate::state::AppState;

fn to_dto(m: db::members::Member) -> Member {
    Member {
        user_id: m.user_id,
        email: m.email,
        name: m.name,
        role: m.role,
        joined_at: m.joined_at,
    }
}

pub async fn list(state: &AppState, scope: OrgScope, page: PageQuery) -> AppResult<Page<Member>> {
    let (rows, next_cursor) =
        db::members::list(&state.db, scope, page.cursor.as_deref(), page.limit()).await?;
    Ok(Page {
        items: rows.into_iter().map(to_dto).collect(),
        next_cursor,
    })
}

pub async fn update_role(
    state: &AppState,
    tenant: &Tenant,
    scope: OrgScope,
    user_id: Uuid,
    input: UpdateMember,
) -> AppResult<Member> {
    let now = state.now();
    let tx = db::begin_write(&state.db)
        .await
        .map_err(AppError::internal)?;
    db::orgs::lock(&tx, scope).await?;
    let current = db::members::find(&tx, scope, user_id)
        .await?
        .ok_or_else(AppError::not_found)?;
    if !domain::roles::may_assign(tenant.role, Some(current.role), Some(input.role)) {
        return Err(AppError::forbidden());
    }
    db::members::set_role(&tx, scope, user_id, input.role, now).await?;
    ensure_an_owner_remains(&tx, scope).await?;
    let updated = db::members::find(&tx, scope, user_id)
        .await?
        .ok_or_else(AppError::not_found)?;
    tx.commit().await.map_err(AppError::internal)?;
    Ok(to_dto(updated))
}

/// Removes a member; anyone may remove themselves (leave), as long as an owner remains.
pub async fn remove(state: &AppState, tenant: &Tenant, user_id: Uuid) -> AppResult<()> {
    let scope = if user_id == tenant.user_id {
        tenant.require(common::Permission::ViewOrg)?
    } else {
        tenant.require(common::Permission::ManageMembers)?
    };
    let tx = db::begin_write(&state.db)
        .await
        .map_err(AppError::internal)?;
    db::orgs::lock(&tx, scope).await?;
    let current = db::members::find(&tx, scope, user_id)
        .await?
        .ok_or_else(AppError::not_found)?;
    if user_id != tenant.user_id
        && !domain::roles::may_assign(tenant.role, Some(current.role), None)
    {
        return Err(AppError::forbidden());
    }
    db::members::remove(&tx, scope, user_id).await?;
    ensure_an_owner_remains(&tx, scope).await?;
    tx.commit().await.map_err(AppError::internal)?;
    Ok(())
}

async fn ensure_an_owner_remains<C: db::ConnectionTrait>(
    conn: &C,
    scope: OrgScope,
) -> AppResult<()> {
    if db::members::count_owners(conn, scope).await? == 0 {
        // Returning early drops the transaction, which rolls the change back.
        return Err(AppError::code(ErrorCode::LastOwner));
    }
    Ok(())
}
