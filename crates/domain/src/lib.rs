//! Pure business rules of Reckot: no IO, no clock, no database. The server, the worker and the SPA
//! all decide the same way because they call these functions.

pub mod checkin;
pub mod codes;
pub mod fees;
pub mod invoices;
pub mod pricing;
pub mod refunds;
pub mod roles;
pub mod sales;
pub mod slug;
pub mod ticket_token;
