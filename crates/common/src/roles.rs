//! Organization roles and the permissions every org-scoped endpoint checks.
//! Which role holds which permission is decided in `domain::roles`.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Owner,
    Admin,
    /// Runs events and sales.
    Manager,
    /// Scans tickets at the door, nothing else.
    CheckinStaff,
    /// Reads, never writes.
    Viewer,
}

impl Role {
    pub const ALL: [Role; 5] = [
        Role::Owner,
        Role::Admin,
        Role::Manager,
        Role::CheckinStaff,
        Role::Viewer,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Owner => "owner",
            Role::Admin => "admin",
            Role::Manager => "manager",
            Role::CheckinStaff => "checkin_staff",
            Role::Viewer => "viewer",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == s)
    }
}

/// What a member may do inside an organization.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Permission {
    /// See the organization, its events and its figures.
    ViewOrg,
    /// Edit name, country, currency, logo.
    ManageSettings,
    /// Invite, change roles, remove members.
    ManageMembers,
    /// Create and edit events and ticket types.
    ManageEvents,
    /// Orders, coupons, refunds.
    ManageSales,
    /// Withdrawals and payout accounts.
    ManagePayouts,
    /// Scan tickets and hand out swag.
    CheckIn,
}

impl Permission {
    pub const ALL: [Permission; 7] = [
        Permission::ViewOrg,
        Permission::ManageSettings,
        Permission::ManageMembers,
        Permission::ManageEvents,
        Permission::ManageSales,
        Permission::ManagePayouts,
        Permission::CheckIn,
    ];
}
