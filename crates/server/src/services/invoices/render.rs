//! A stored document as a PDF: its snapshot formatted for reading (exact amounts with their
//! currency, labels in the document's language).

use common::invoices::InvoiceKind;
use common::{Currency, Lang};
use db::invoices::InvoiceRow;
use db::{ConnectionTrait, OrgScope};
use integrations::invoices::pdf::DocLine;
use integrations::invoices::{InvoiceDoc, InvoiceDocKind, render_pdf};

use super::{currency, lines_of};
use crate::error::AppResult;
use crate::services::order_delivery::format_money;

pub(super) async fn pdf<C: ConnectionTrait>(
    conn: &C,
    scope: OrgScope,
    row: &InvoiceRow,
) -> AppResult<(String, Vec<u8>)> {
    let kind = InvoiceKind::parse(&row.kind).unwrap_or(InvoiceKind::Invoice);
    // A credit note names the invoice it corrects.
    let corrects = match (kind, row.order_id) {
        (InvoiceKind::CreditNote, Some(order_id)) => {
            db::invoices::find_by_source(conn, scope, &format!("invoice:{order_id}"))
                .await?
                .map(|i| i.display_number)
        }
        _ => None,
    };
    let lang = Lang::from_tag(&row.language).unwrap_or_default();
    let doc = document(row, kind, corrects);
    Ok((
        format!("{}.pdf", row.display_number),
        render_pdf(lang, &doc),
    ))
}

fn document(row: &InvoiceRow, kind: InvoiceKind, corrects: Option<String>) -> InvoiceDoc {
    let c: Currency = currency(&row.currency);
    let money = |minor: i64| format_money(minor, c);
    InvoiceDoc {
        kind: match kind {
            InvoiceKind::Invoice => InvoiceDocKind::Invoice,
            InvoiceKind::CreditNote => InvoiceDocKind::CreditNote,
            InvoiceKind::FeeInvoice => InvoiceDocKind::FeeInvoice,
        },
        number: row.display_number.clone(),
        issued_at: row.issued_at,
        issuer: row.issuer_name.clone(),
        customer_name: row.buyer_name.clone(),
        customer_email: row.buyer_email.clone(),
        order_reference: row.reference.clone(),
        corrects,
        period: row.period.clone(),
        event_title: None,
        lines: lines_of(row)
            .into_iter()
            .map(|l| DocLine {
                description: l.description,
                quantity: l.quantity,
                unit_price: money(l.unit_minor),
                amount: money(l.amount_minor),
            })
            .collect(),
        // The lines already show the discount and the service fee; the total follows them.
        subtotals: Vec::new(),
        total: money(row.total_minor),
    }
}
