//! What an invoice, a credit note or a platform-fee invoice looks like outside the database:
//! the printable PDF, in English or French.

pub mod pdf;

pub use pdf::{InvoiceDoc, InvoiceDocKind, render as render_pdf};
