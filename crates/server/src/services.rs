//! Services own transactions and apply domain rules. HTTP handlers, the worker and (later) the AI
//! assistant's tools call these same functions, under the same permission checks.

pub mod accounts;
pub mod admin;
pub mod admin_jobs;
pub mod bookings;
pub mod buyer_orders;
pub mod categories;
pub mod checkin;
pub mod checkin_stats;
pub mod checkout;
pub mod coupons;
pub mod event_fields;
pub mod events;
pub mod gateway_configs;
pub mod invitations;
pub mod invoices;
pub mod ledger;
pub mod mail;
pub mod members;
pub mod order_access;
pub mod order_delivery;
pub mod order_lifecycle;
pub mod order_view;
pub mod orgs;
pub mod payments;
pub mod profile;
pub mod public_events;
pub mod rate_limits;
pub mod reconcile;
pub mod refunds;
pub mod sessions;
pub mod stuck_payments;
pub mod swag;
pub mod ticket_types;
pub mod webhooks;
pub mod withdrawals;
