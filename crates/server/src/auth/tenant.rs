//! `Tenant`: the one place tenancy is enforced. Every `/api/v1/orgs/{org_id}/...` handler takes a
//! `Tenant`, which proves the caller is a member of that organization (else 404, so strangers
//! cannot even learn it exists) and hands out the `OrgScope` repositories require, only after the
//! role's permission is checked (else 403).

use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpRequest};
use common::{ErrorCode, Permission, Role};
use db::OrgScope;
use futures_util::future::LocalBoxFuture;
use uuid::Uuid;

use crate::auth::principal::{AuthUser, state_of};
use crate::error::{AppError, AppResult};

#[derive(Debug, Clone)]
pub struct Tenant {
    pub user_id: Uuid,
    pub org_id: Uuid,
    pub role: Role,
    pub suspended: bool,
}

impl Tenant {
    /// The single permission check of a handler. Suspended organizations can still be read.
    pub fn require(&self, permission: Permission) -> AppResult<OrgScope> {
        if !domain::roles::can(self.role, permission) {
            return Err(AppError::forbidden());
        }
        if self.suspended && permission != Permission::ViewOrg {
            return Err(AppError::code(ErrorCode::OrgSuspended));
        }
        Ok(OrgScope::from_verified_membership(self.org_id))
    }
}

impl FromRequest for Tenant {
    type Error = AppError;
    type Future = LocalBoxFuture<'static, Result<Tenant, AppError>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let auth = AuthUser::from_request(req, payload).into_inner();
        let state = state_of(req);
        // A malformed id names no organization the caller belongs to: 404 like any stranger.
        let org_id = req
            .match_info()
            .get("org_id")
            .and_then(|s| Uuid::parse_str(s).ok());
        Box::pin(async move {
            let AuthUser { user_id } = auth?;
            let state = state?;
            let org_id = org_id.ok_or_else(AppError::not_found)?;
            let membership = db::orgs::membership(&state.db, org_id, user_id)
                .await?
                .ok_or_else(AppError::not_found)?;
            tracing::Span::current().record("org.id", tracing::field::display(org_id));
            Ok(Tenant {
                user_id,
                org_id,
                role: membership.role,
                suspended: membership.suspended,
            })
        })
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn tenant(role: Role, suspended: bool) -> Tenant {
        Tenant {
            user_id: Uuid::new_v4(),
            org_id: Uuid::new_v4(),
            role,
            suspended,
        }
    }

    #[test]
    fn a_member_without_the_permission_is_refused_with_forbidden() {
        let err = tenant(Role::Viewer, false)
            .require(Permission::ManageMembers)
            .unwrap_err();
        assert_eq!(err.error_code(), ErrorCode::Forbidden);
    }

    #[test]
    fn a_suspended_organization_can_be_read_but_not_changed() {
        assert!(
            tenant(Role::Owner, true)
                .require(Permission::ViewOrg)
                .is_ok()
        );
        let err = tenant(Role::Owner, true)
            .require(Permission::ManageSettings)
            .unwrap_err();
        assert_eq!(err.error_code(), ErrorCode::OrgSuspended);
    }
}
