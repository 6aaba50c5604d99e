//! Schema migrations for Reckot: one set of migrations that runs unchanged on SQLite and PostgreSQL.
//!
//! Owns the DDL, the seed rows the application needs to start (tier settings), and the registry of
//! named unique indexes ([`unique_keys`]). Rules: never edit a migration once it has been applied
//! anywhere; add a new one. Every migration has a working `down`, and CI runs up -> down -> up.

mod helpers;
mod m20261125_000001_users_and_auth;
mod m20261125_000002_organizations;
mod m20261125_000003_jobs;
mod m20261125_000004_events;
mod m20261125_000005_checkout;
mod m20261125_000006_checkin;
mod m20261125_000007_swag_and_devices;
mod m20261207_000008_money;
mod m20261207_000009_invoices;
mod m20261207_000010_gateways_and_payment_instructions;

pub use helpers::UniqueKey;
pub use sea_orm_migration::{MigrationTrait, MigratorTrait};

/// The ordered list of migrations.
pub struct Migrator;

#[sea_orm_migration::async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261125_000001_users_and_auth::Migration),
            Box::new(m20261125_000002_organizations::Migration),
            Box::new(m20261125_000003_jobs::Migration),
            Box::new(m20261125_000004_events::Migration),
            Box::new(m20261125_000005_checkout::Migration),
            Box::new(m20261125_000006_checkin::Migration),
            Box::new(m20261125_000007_swag_and_devices::Migration),
            Box::new(m20261207_000008_money::Migration),
            Box::new(m20261207_000009_invoices::Migration),
            Box::new(m20261207_000010_gateways_and_payment_instructions::Migration),
        ]
    }
}

/// Every named unique index the migrations create, in migration order.
///
/// PostgreSQL reports the index name on a violation, SQLite only `table.column, ...` (it names the
/// index only for expression indexes). The db crate maps SQLite's column list back to the name with
/// this registry, so both backends give the server the same constraint name. A migration that adds
/// or drops a unique index must update this list; a test compares it with the real schema.
pub fn unique_keys() -> impl Iterator<Item = &'static UniqueKey> {
    m20261125_000001_users_and_auth::UNIQUE_KEYS
        .iter()
        .chain(m20261125_000002_organizations::UNIQUE_KEYS)
        .chain(m20261125_000004_events::UNIQUE_KEYS)
        .chain(m20261125_000005_checkout::UNIQUE_KEYS)
        .chain(m20261125_000006_checkin::UNIQUE_KEYS)
        .chain(m20261125_000007_swag_and_devices::UNIQUE_KEYS)
        .chain(m20261207_000008_money::UNIQUE_KEYS)
        .chain(m20261207_000009_invoices::UNIQUE_KEYS)
        .chain(m20261207_000010_gateways_and_payment_instructions::UNIQUE_KEYS)
}
