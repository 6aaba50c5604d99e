//! Which role may do what, for hiding controls the server would refuse anyway.
//!
//! LOCAL COPY of `domain::roles::can` (crate `domain` does not expose it yet). Swap this module's
//! body for `pub use domain::roles::can;` once it does, and add `domain` back to Cargo.toml.

use common::{Permission, Role};

/// Owner and admin: everything. Manager: view, events, sales, check-in. Check-in staff: view,
/// check-in. Viewer: view.
pub fn can(role: Role, perm: Permission) -> bool {
    use Permission as P;
    match role {
        Role::Owner | Role::Admin => true,
        Role::Manager => matches!(
            perm,
            P::ViewOrg | P::ManageEvents | P::ManageSales | P::CheckIn
        ),
        Role::CheckinStaff => matches!(perm, P::ViewOrg | P::CheckIn),
        Role::Viewer => matches!(perm, P::ViewOrg),
    }
}
