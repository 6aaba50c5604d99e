//! Authentication building blocks: password hashing, access tokens, single-use secret tokens,
//! and the extractors that turn a request into a known user or tenant.

pub mod jwt;
pub mod password;
pub mod principal;
pub mod refresh_cookie;
pub mod secret_token;
pub mod tenant;
