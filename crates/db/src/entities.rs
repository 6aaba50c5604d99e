//! sea-orm entities, one module per table, mirroring the migrations.
//!
//! Private to the crate: repositories are the public surface. Enum-like columns (roles, tiers,
//! statuses) are plain `String`s here and are mapped to the `common` enums in the repositories, so
//! adding a variant never needs a database type change.

pub mod capacity_groups;
pub mod categories;
pub mod checkin_devices;
pub mod checkin_lists;
pub mod checkins;
pub mod coupon_email_uses;
pub mod coupons;
pub mod email_tokens;
pub mod events;
pub mod gateway_configs;
pub mod idempotency_keys;
pub mod invitations;
pub mod invoice_counters;
pub mod invoices;
pub mod jobs;
pub mod ledger_accounts;
pub mod ledger_entries;
pub mod memberships;
pub mod order_events;
pub mod order_items;
pub mod orders;
pub mod organizations;
pub mod payments;
pub mod refresh_tokens;
pub mod refunds;
pub mod scans;
pub mod swag_adjustments;
pub mod swag_allowances;
pub mod swag_handouts;
pub mod swag_items;
pub mod ticket_types;
pub mod tickets;
pub mod tier_settings;
pub mod users;
pub mod withdrawals;
