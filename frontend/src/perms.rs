//! Which role may do what, for hiding controls the server would refuse anyway. The rules are the
//! server's own (`domain::roles`), so the SPA and the API never disagree.

pub use domain::roles::{can, may_assign};
