//! What a ticket looks like outside the database: its QR code (SVG for the web, PNG for wallets
//! and email clients), the printable PDF sent with the order confirmation, and the event's date
//! and time as a person in the event's time zone reads it.

pub mod pdf;
pub mod qr;
pub mod when;

pub use pdf::{TicketPage, render as render_pdf};
pub use when::format_when;
