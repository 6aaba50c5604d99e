//! The contract shared by the API server and its clients (the Leptos SPA and partners' typed code).
//!
//! Everything here compiles natively and to `wasm32-unknown-unknown`. OpenAPI derives sit behind the
//! `openapi` feature so the SPA does not pay for them. Mapping to and from database rows lives in the
//! server, never here.

pub mod admin;
pub mod auth;
pub mod checkin;
pub mod checkin_stats;
pub mod coupons;
pub mod error;
pub mod events;
pub mod finance;
pub mod gateways;
pub mod invoices;
pub mod lang;
pub mod localized;
pub mod money;
pub mod orders;
pub mod orgs;
pub mod page;
pub mod public;
pub mod roles;
pub mod swag;
pub mod users;

pub use error::{ErrorCode, FieldError, Problem};
pub use lang::Lang;
pub use localized::Localized;
pub use money::{Currency, Money};
pub use page::Page;
pub use roles::{Permission, Role};
