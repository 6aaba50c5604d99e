//! Pages anyone can read: event discovery (on the home page) and the event page `/e/:slug`.

pub mod discover;
pub mod event;
pub mod share;
pub mod tickets;
