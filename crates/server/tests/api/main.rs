//! Black-box API tests: the real app (in-process) on a fresh database per test, SQLite and
//! PostgreSQL. One test binary keeps link time down.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

mod accounts;
mod admin;
mod checkin;
mod checkin_offline;
mod checkin_stats;
mod checkout;
mod cli;
mod coupons;
mod events;
mod finance;
mod gateway_configs;
mod invitations;
mod invoices;
mod jobs;
mod members;
mod openapi_drift;
mod orgs;
mod payments;
mod problems;
mod public;
mod sessions;
mod swag;
mod tenancy;
