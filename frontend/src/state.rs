//! Client-side state shared by every page: the session (who is signed in, their organizations,
//! the current one) and the interface language, both provided as context by `App`; and the ticket
//! selection carried from an event page to its checkout.

pub mod checkout;
pub mod lang;
pub mod scanner;
pub mod session;
pub mod storage;

pub use session::{AuthStatus, Session, use_session};
