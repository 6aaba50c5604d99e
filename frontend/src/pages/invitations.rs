//! Pages reached from invitation emails.

pub mod accept;
