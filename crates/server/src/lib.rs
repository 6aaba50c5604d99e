//! The Reckot server: REST API, worker and command line, in one binary (`reckot`).

pub mod auth;
pub mod bootstrap;
pub mod cache;
pub mod cli;
pub mod clock;
pub mod content;
pub mod dev_stubs;
pub mod error;
pub mod gateways;
pub mod http;
pub mod jobs;
pub mod live;
pub mod openapi;
pub mod routes;
pub mod sealed;
pub mod services;
pub mod settings;
pub mod state;
