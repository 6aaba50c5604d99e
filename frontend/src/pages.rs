//! One module per feature; each page owns its data loading, loading and error states.

pub mod account;
pub mod admin;
pub mod auth;
pub mod events;
pub mod home;
pub mod invitations;
pub mod orders;
pub mod orgs;
pub mod public;
pub mod scan;
