//! An organization's events (`/orgs/:org_id/events...`): the list with status tabs, the
//! new-event form, the event page (form, publishing, cover, theme, ticket types, capacity), and
//! its sales pages: bookings (list, detail) and coupons.

pub mod actions;
pub mod booking;
pub mod bookings;
pub mod capacity;
pub mod checkin;
pub mod checkin_bars;
pub mod checkin_devices;
pub mod checkin_form;
pub mod checkin_log;
pub mod checkin_types;
pub mod coupon_fields;
pub mod coupon_form;
pub mod coupons;
pub mod cover;
pub mod draft;
pub mod edit;
pub mod form;
pub mod list;
pub mod live;
pub mod nav;
pub mod new;
pub mod swag;
pub mod swag_form;
pub mod swag_handouts;
pub mod swag_stock;
pub mod theme;
pub mod ticket_form;
pub mod tickets;
