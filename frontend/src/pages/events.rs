//! An organization's events (`/orgs/:org_id/events...`): the list with status tabs, the
//! new-event form, and the event page (form, publishing, cover, theme, ticket types, capacity).

pub mod actions;
pub mod capacity;
pub mod cover;
pub mod draft;
pub mod edit;
pub mod form;
pub mod list;
pub mod new;
pub mod theme;
pub mod ticket_form;
pub mod tickets;
