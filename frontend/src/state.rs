//! Client-side state shared by every page: the session (who is signed in, their organizations,
//! the current one) and the interface language. Both are provided as context by `App`.

pub mod lang;
pub mod session;
pub mod storage;

pub use session::{AuthStatus, Session, use_session};
