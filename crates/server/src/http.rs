//! The HTTP surface: app assembly, middleware, static SPA, health and API docs.

pub mod app;
pub mod client;
pub mod health;
pub mod problem;
pub mod security;
pub mod social;
pub mod spa;
