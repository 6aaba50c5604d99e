//! Which role may do what inside an organization, and who may change whose role.

use common::{Permission, Role};

/// The permission matrix every org-scoped endpoint consults.
pub fn can(role: Role, permission: Permission) -> bool {
    use Permission::*;
    match role {
        Role::Owner | Role::Admin => true,
        Role::Manager => matches!(permission, ViewOrg | ManageEvents | ManageSales | CheckIn),
        Role::CheckinStaff => matches!(permission, ViewOrg | CheckIn),
        Role::Viewer => matches!(permission, ViewOrg),
    }
}

/// Whether `actor` may give `target_role` to someone, or change/remove a member who has `current`.
/// Only owners touch owners; admins manage everyone else.
pub fn may_assign(actor: Role, current: Option<Role>, target_role: Option<Role>) -> bool {
    if !can(actor, Permission::ManageMembers) {
        return false;
    }
    let touches_owner = current == Some(Role::Owner) || target_role == Some(Role::Owner);
    !touches_owner || actor == Role::Owner
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn check_in_staff_can_scan_and_read_but_nothing_else() {
        assert!(can(Role::CheckinStaff, Permission::CheckIn));
        assert!(can(Role::CheckinStaff, Permission::ViewOrg));
        for p in [
            Permission::ManageSettings,
            Permission::ManageMembers,
            Permission::ManageEvents,
            Permission::ManageSales,
            Permission::ManagePayouts,
        ] {
            assert!(!can(Role::CheckinStaff, p), "{p:?}");
        }
    }

    #[test]
    fn viewers_only_read() {
        for p in Permission::ALL {
            assert_eq!(can(Role::Viewer, p), p == Permission::ViewOrg, "{p:?}");
        }
    }

    #[test]
    fn managers_run_events_and_sales_but_not_money_out_or_members() {
        assert!(can(Role::Manager, Permission::ManageEvents));
        assert!(can(Role::Manager, Permission::ManageSales));
        assert!(!can(Role::Manager, Permission::ManagePayouts));
        assert!(!can(Role::Manager, Permission::ManageMembers));
    }

    #[test]
    fn only_owners_grant_or_take_away_ownership() {
        assert!(may_assign(
            Role::Owner,
            Some(Role::Viewer),
            Some(Role::Owner)
        ));
        assert!(!may_assign(
            Role::Admin,
            Some(Role::Viewer),
            Some(Role::Owner)
        ));
        assert!(!may_assign(
            Role::Admin,
            Some(Role::Owner),
            Some(Role::Viewer)
        ));
        assert!(!may_assign(Role::Admin, Some(Role::Owner), None));
        assert!(may_assign(
            Role::Admin,
            Some(Role::Viewer),
            Some(Role::Manager)
        ));
        assert!(!may_assign(
            Role::Manager,
            Some(Role::Viewer),
            Some(Role::Viewer)
        ));
    }
}
