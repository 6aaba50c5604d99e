//! sea-orm entities, one module per table, mirroring the migrations.
//!
//! Private to the crate: repositories are the public surface. Enum-like columns (roles, tiers,
//! statuses) are plain `String`s here and are mapped to the `common` enums in the repositories, so
//! adding a variant never needs a database type change.

pub mod capacity_groups;
pub mod categories;
pub mod email_tokens;
pub mod events;
pub mod invitations;
pub mod jobs;
pub mod memberships;
pub mod organizations;
pub mod refresh_tokens;
pub mod ticket_types;
pub mod tier_settings;
pub mod users;
