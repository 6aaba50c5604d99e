//! Invoices and credit notes: an organization's invoice for each paid order and credit note for
//! each completed refund (issued to the buyer), and the platform's monthly fee invoice to the
//! organization. Each kind is numbered without gaps per organization and year
//! (`INV-2026-000001`, `CN-2026-000001`, `FEE-2026-000001`); a document never changes once
//! issued, and each can be downloaded as a PDF in English or French.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::{Lang, Money};

/// What a document is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum InvoiceKind {
    /// The organization's invoice to the buyer of a paid order.
    Invoice,
    /// The organization's credit note to the buyer for a completed refund (it cancels that
    /// part of the invoice).
    CreditNote,
    /// The platform's invoice to the organization for a month's platform fees.
    FeeInvoice,
}

impl InvoiceKind {
    pub const ALL: &'static [InvoiceKind] = &[
        InvoiceKind::Invoice,
        InvoiceKind::CreditNote,
        InvoiceKind::FeeInvoice,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            InvoiceKind::Invoice => "invoice",
            InvoiceKind::CreditNote => "credit_note",
            InvoiceKind::FeeInvoice => "fee_invoice",
        }
    }

    pub fn parse(s: &str) -> Option<InvoiceKind> {
        Self::ALL.iter().copied().find(|v| v.as_str() == s)
    }
}

/// One line; `amount = unit_price × quantity` (a discount line is negative).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InvoiceLine {
    /// In the document's language.
    pub description: String,
    pub quantity: i64,
    pub unit_price: Money,
    pub amount: Money,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Invoice {
    pub id: Uuid,
    pub org_id: Uuid,
    pub kind: InvoiceKind,
    /// `INV-2026`, `CN-2026`, `FEE-2026`: numbers run without gaps within a series.
    pub series: String,
    pub number: i64,
    /// `INV-2026-000123`.
    pub display_number: String,
    /// The paid order (invoices and credit notes).
    pub order_id: Option<Uuid>,
    /// The order's reference as the buyer knows it.
    pub order_reference: Option<String>,
    /// The refund a credit note is for.
    pub refund_id: Option<Uuid>,
    /// The month a fee invoice covers, `YYYY-MM`.
    pub period: Option<String>,
    pub lines: Vec<InvoiceLine>,
    /// The lines before discount and fee.
    pub subtotal: Money,
    pub discount: Money,
    /// The service fee the buyer paid, one of the lines (zero on credit notes and fee
    /// invoices).
    pub fee: Money,
    /// What the document is for, positive; a credit note takes it off.
    pub total: Money,
    /// Who issued it: the organization (invoices, credit notes) or the platform (fee invoices).
    pub issuer_name: String,
    /// Who it is addressed to: the buyer, or the organization for fee invoices.
    pub customer_name: String,
    pub customer_email: Option<String>,
    pub language: Lang,
    pub issued_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
pub struct ListInvoicesQuery {
    pub kind: Option<InvoiceKind>,
    pub limit: Option<u64>,
    pub cursor: Option<String>,
}
