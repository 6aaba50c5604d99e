//! Persistence for Reckot: connection setup, migrations, sea-orm entities (private) and, as they
//! are added, the tenant-scoped repositories that form this crate's public surface.
//!
//! Works on SQLite and PostgreSQL from the same code. Unique-violation errors are mapped to the
//! constraint names declared in the migrations by [`unique_violation`] on both backends.

mod connect;
mod constraint;
mod cursor;
pub(crate) mod entities;
mod error;
mod scope;
mod transaction;

pub mod capacity_groups;
pub mod categories;
pub mod checkin;
pub mod checkin_devices;
pub mod checkin_stats;
pub mod checkin_tickets;
pub mod coupons;
pub mod events;
pub mod gateway_configs;
pub mod group_commit;
pub mod idempotency;
pub mod inventory;
pub mod invitations;
pub mod invoices;
pub mod jobs;
pub mod ledger;
pub mod members;
pub mod order_events;
pub mod orders;
pub mod orgs;
pub mod payments;
pub mod refunds;
pub mod swag;
#[cfg(any(test, feature = "testing"))]
pub mod testing;
pub mod ticket_types;
pub mod tickets;
pub mod tiers;
pub mod tokens;
pub mod users;
pub mod withdrawals;

#[cfg(test)]
mod schema_tests;

pub use connect::{connect, connect_with, migrate};
pub use constraint::unique_violation;
pub use error::{DbError, DbResult};
pub use scope::OrgScope;
pub use sea_orm::{
    ConnectionTrait, DatabaseConnection, DatabaseTransaction, DbBackend, DbErr, TransactionTrait,
};
pub use transaction::{WriteTx, begin_write};
