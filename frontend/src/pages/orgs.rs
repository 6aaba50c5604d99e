//! Organization pages: creation, and under `/orgs/:org_id` a layout that loads the organization
//! (provided as [`layout::OrgCtx`]) around the dashboard, members, finance and settings pages.

pub mod dashboard;
pub mod finance;
pub mod finance_lists;
pub mod invitations;
pub mod invite;
pub mod invoices;
pub mod layout;
pub mod logo;
pub mod member_row;
pub mod members;
pub mod new;
pub mod settings;
pub mod stuck_payments;
pub mod withdraw;
