//! `OrgScope`: proof that the caller may touch one organization's data. Every repository function
//! on tenant data takes one, and filters by its `org_id`, so an unscoped query cannot be written
//! from outside this crate (entities are private).

use uuid::Uuid;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OrgScope {
    org_id: Uuid,
}

impl OrgScope {
    /// Only for the server's `Tenant` extractor, after it has loaded the caller's membership and
    /// checked the permission.
    pub fn from_verified_membership(org_id: Uuid) -> OrgScope {
        OrgScope { org_id }
    }

    /// For background jobs and platform administration, which act for the platform itself.
    /// Loudly named so that reviews notice it.
    pub fn for_platform_operation(org_id: Uuid) -> OrgScope {
        OrgScope { org_id }
    }

    /// For the buyer's side of a sale: the organization owning a published event being bought
    /// from, or an order whose signed access token the caller presented. Loudly named so that
    /// reviews notice it.
    pub fn for_buyer_of(org_id: Uuid) -> OrgScope {
        OrgScope { org_id }
    }

    pub fn org_id(&self) -> Uuid {
        self.org_id
    }
}
