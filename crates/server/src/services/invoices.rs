//! Invoices and credit notes from the server's side.
//!
//! - A paid order gets its invoice inside the transaction that confirms it (right after the
//!   ledger posts the sale), a completed refund of tickets its credit note inside the
//!   transaction that marks it `refunded`, and each organization a monthly platform-fee invoice
//!   per currency from the worker ([`fees`]).
//! - Numbering: one series per (organization, kind, year of issue) — `INV-2026`, `CN-2026`,
//!   `FEE-2026` (see `domain::invoices`). The number is taken from `invoice_counters` with one
//!   conditional UPDATE in the same transaction as its cause, so a series has no gap and no
//!   duplicate under concurrency on both databases, and a rolled-back cause gives its number
//!   back (`db::invoices::take_number`).
//! - A document is a snapshot (lines, totals, customer, language) and never changes. Invoices
//!   and credit notes are in the order's language; fee invoices in French for organizations in
//!   French-speaking countries, English elsewhere (`domain::invoices::fee_invoice_language`).
//! - Totals match the ledger: an invoice's total is the order's `sale` entry, a credit note's
//!   the refund's `refund` entry (negated), a fee invoice's the month's `platform_fee` entries.

use chrono::{DateTime, Datelike, Utc};
use common::invoices::{Invoice, InvoiceKind, InvoiceLine, ListInvoicesQuery};
use common::page::PageQuery;
use common::{Currency, Lang, Money, Page};
use db::invoices::{InvoiceRow, NewInvoice};
use db::orders::{OrderItemRow, OrderRow};
use db::refunds::RefundRow;
use db::{ConnectionTrait, OrgScope};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::error::{AppError, AppResult};
use crate::services::buyer_orders::{self, BuyerAccess};
use crate::services::event_fields::join;
use crate::services::order_lifecycle::lang_of;
use crate::state::AppState;

pub mod fees;
mod render;

pub use fees::issue_monthly_fee_invoices;

/// Who issues fee invoices.
pub const PLATFORM_NAME: &str = "Reckot";

/// A line as stored in `invoices.lines`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct StoredLine {
    pub description: String,
    pub quantity: i64,
    pub unit_minor: i64,
    pub amount_minor: i64,
}

impl From<domain::invoices::Line> for StoredLine {
    fn from(l: domain::invoices::Line) -> StoredLine {
        StoredLine {
            description: l.description,
            quantity: l.quantity,
            unit_minor: l.unit_minor,
            amount_minor: l.amount_minor,
        }
    }
}

pub(crate) fn lines_of(row: &InvoiceRow) -> Vec<StoredLine> {
    serde_json::from_value(row.lines.clone()).unwrap_or_default()
}

pub(crate) fn currency(code: &str) -> Currency {
    Currency::from_code(code).unwrap_or(Currency::XAF)
}

/// What [`issue`] writes besides the number.
pub(crate) struct Draft {
    pub kind: InvoiceKind,
    pub source_key: String,
    pub order_id: Option<Uuid>,
    pub refund_id: Option<Uuid>,
    pub period: Option<String>,
    pub currency: String,
    pub lines: Vec<StoredLine>,
    pub subtotal_minor: i64,
    pub discount_minor: i64,
    pub fee_minor: i64,
    pub total_minor: i64,
    pub issuer_name: String,
    pub buyer_name: String,
    pub buyer_email: Option<String>,
    pub reference: Option<String>,
    pub language: Lang,
}

/// Numbers and stores a document in the caller's transaction; `None` when its cause issued
/// one already.
pub(crate) async fn issue<C: ConnectionTrait>(
    conn: &C,
    scope: OrgScope,
    draft: Draft,
    now: DateTime<Utc>,
) -> AppResult<Option<InvoiceRow>> {
    if db::invoices::find_by_source(conn, scope, &draft.source_key)
        .await?
        .is_some()
    {
        return Ok(None);
    }
    let series = domain::invoices::series(draft.kind, now.year());
    let number = db::invoices::take_number(conn, scope, &series, now).await?;
    let row = db::invoices::insert(
        conn,
        scope,
        NewInvoice {
            kind: draft.kind.as_str(),
            display_number: domain::invoices::display_number(&series, number),
            series,
            number,
            source_key: draft.source_key,
            order_id: draft.order_id,
            refund_id: draft.refund_id,
            period: draft.period,
            currency: draft.currency,
            lines: serde_json::to_value(&draft.lines).map_err(AppError::internal)?,
            subtotal_minor: draft.subtotal_minor,
            discount_minor: draft.discount_minor,
            fee_minor: draft.fee_minor,
            total_minor: draft.total_minor,
            issuer_name: draft.issuer_name,
            buyer_name: draft.buyer_name,
            buyer_email: draft.buyer_email,
            reference: draft.reference,
            language: draft.language.as_str().to_owned(),
        },
        now,
    )
    .await?;
    Ok(Some(row))
}

/// `<event> – <ticket type>` in `lang`, for each ticket type of the order's event.
async fn type_labels<C: ConnectionTrait>(
    conn: &C,
    scope: OrgScope,
    event_id: Uuid,
    lang: Lang,
) -> AppResult<impl Fn(Uuid) -> String + use<C>> {
    let event = db::events::get(conn, scope, event_id).await?;
    let title = join(&event.title_en, &event.title_fr).get(lang).to_owned();
    let types: Vec<(Uuid, String)> = db::ticket_types::list(conn, scope, event_id)
        .await?
        .into_iter()
        .map(|t| (t.id, join(&t.name_en, &t.name_fr).get(lang).to_owned()))
        .collect();
    Ok(move |id: Uuid| {
        let name = types
            .iter()
            .find(|(t, _)| *t == id)
            .map(|(_, n)| n.as_str())
            .unwrap_or("");
        if name.is_empty() {
            title.clone()
        } else {
            format!("{title} – {name}")
        }
    })
}

/// A paid order's invoice (free orders get none), in the confirming transaction.
pub async fn issue_for_order<C: ConnectionTrait>(
    conn: &C,
    scope: OrgScope,
    order: &OrderRow,
    items: &[OrderItemRow],
    now: DateTime<Utc>,
) -> AppResult<()> {
    if order.total_minor <= 0 {
        return Ok(());
    }
    let lang = lang_of(order);
    let label = type_labels(conn, scope, order.event_id, lang).await?;
    let rows: Vec<(String, i64, i64, i64)> = items
        .iter()
        .map(|i| {
            (
                label(i.ticket_type_id),
                i64::from(i.quantity),
                i.unit_price_minor,
                i.subtotal_minor,
            )
        })
        .collect();
    let discount = (order.discount_minor > 0).then(|| {
        let word = lang.pick("Discount", "Remise");
        let text = match &order.coupon_code {
            Some(code) => format!("{word} ({code})"),
            None => word.to_owned(),
        };
        (text, order.discount_minor)
    });
    let buyer_pays =
        common::admin::FeePayer::parse(&order.fee_payer) == common::admin::FeePayer::Buyer;
    let fee = (buyer_pays && order.fee_minor > 0).then(|| {
        (
            lang.pick("Service fee", "Frais de service").to_owned(),
            order.fee_minor,
        )
    });
    let (mut lines, totals) = domain::invoices::order_lines(&rows, discount, fee);
    let mut total = totals.total_minor;
    if total != order.total_minor {
        // Never expected (pricing computes both); the invoice must still match the sale.
        tracing::error!(order.id = %order.id, lines = total, paid = order.total_minor, "invoice lines do not add up to the order total");
        let diff = order.total_minor - total;
        lines.push(domain::invoices::Line {
            description: lang.pick("Adjustment", "Ajustement").to_owned(),
            quantity: 1,
            unit_minor: diff,
            amount_minor: diff,
        });
        total = order.total_minor;
    }
    let issuer = db::orgs::get(conn, scope).await?.name;
    issue(
        conn,
        scope,
        Draft {
            kind: InvoiceKind::Invoice,
            source_key: format!("invoice:{}", order.id),
            order_id: Some(order.id),
            refund_id: None,
            period: None,
            currency: order.currency.clone(),
            lines: lines.into_iter().map(StoredLine::from).collect(),
            subtotal_minor: totals.subtotal_minor,
            discount_minor: totals.discount_minor,
            fee_minor: totals.fee_minor,
            total_minor: total,
            issuer_name: issuer,
            buyer_name: order.buyer_name.clone(),
            buyer_email: Some(order.buyer_email.clone()),
            reference: Some(order.reference.clone()),
            language: lang,
        },
        now,
    )
    .await?;
    Ok(())
}

/// A completed refund's credit note: one line per ticket type and price given back, adding up
/// to the refund. Refunds without tickets (a late payment sent back: no sale, no invoice) get
/// none.
pub async fn issue_for_refund<C: ConnectionTrait>(
    conn: &C,
    scope: OrgScope,
    refund: &RefundRow,
    now: DateTime<Utc>,
) -> AppResult<()> {
    let ticket_ids = db::refunds::ticket_ids(refund);
    if refund.requested_by == common::finance::RefundRequester::System.as_str()
        || ticket_ids.is_empty()
        || refund.amount_minor <= 0
    {
        return Ok(());
    }
    let order = db::orders::get(conn, scope, refund.order_id).await?;
    let lang = lang_of(&order);
    let label = type_labels(conn, scope, order.event_id, lang).await?;
    let items = db::orders::items(conn, scope, order.id).await?;
    let tickets = db::tickets::for_order(conn, scope, order.id).await?;
    // (ticket type, share) -> count, in the order's line order.
    let mut groups: Vec<(Uuid, i64, i64)> = Vec::new();
    for item in &items {
        let mut of_item: Vec<&db::tickets::TicketRow> = tickets
            .iter()
            .filter(|t| t.order_item_id == item.id)
            .collect();
        of_item.sort_by_key(|t| t.position);
        let shares = domain::refunds::ticket_shares(
            item.subtotal_minor - item.discount_minor,
            u32::try_from(of_item.len()).unwrap_or(0),
        );
        for (t, share) in of_item.iter().zip(shares) {
            if !ticket_ids.contains(&t.id) {
                continue;
            }
            match groups
                .iter_mut()
                .find(|(ty, s, _)| *ty == t.ticket_type_id && *s == share)
            {
                Some(g) => g.2 += 1,
                None => groups.push((t.ticket_type_id, share, 1)),
            }
        }
    }
    let mut lines: Vec<StoredLine> = groups
        .into_iter()
        .map(|(ty, share, n)| StoredLine {
            description: label(ty),
            quantity: n,
            unit_minor: share,
            amount_minor: share * n,
        })
        .collect();
    let sum: i64 = lines.iter().map(|l| l.amount_minor).sum();
    if sum != refund.amount_minor {
        tracing::error!(refund.id = %refund.id, lines = sum, refunded = refund.amount_minor, "credit note lines do not add up to the refund");
        lines = vec![StoredLine {
            description: lang.pick("Refund", "Remboursement").to_owned(),
            quantity: 1,
            unit_minor: refund.amount_minor,
            amount_minor: refund.amount_minor,
        }];
    }
    let issuer = db::orgs::get(conn, scope).await?.name;
    issue(
        conn,
        scope,
        Draft {
            kind: InvoiceKind::CreditNote,
            source_key: format!("credit_note:{}", refund.id),
            order_id: Some(order.id),
            refund_id: Some(refund.id),
            period: None,
            currency: refund.currency.clone(),
            lines,
            subtotal_minor: refund.amount_minor,
            discount_minor: 0,
            fee_minor: 0,
            total_minor: refund.amount_minor,
            issuer_name: issuer,
            buyer_name: order.buyer_name.clone(),
            buyer_email: Some(order.buyer_email.clone()),
            reference: Some(order.reference.clone()),
            language: lang,
        },
        now,
    )
    .await?;
    Ok(())
}

pub fn dto(row: &InvoiceRow) -> Invoice {
    let c = currency(&row.currency);
    let m = |minor| Money::from_minor(minor, c);
    Invoice {
        id: row.id,
        org_id: row.org_id,
        kind: InvoiceKind::parse(&row.kind).unwrap_or(InvoiceKind::Invoice),
        series: row.series.clone(),
        number: row.number,
        display_number: row.display_number.clone(),
        order_id: row.order_id,
        order_reference: row.reference.clone(),
        refund_id: row.refund_id,
        period: row.period.clone(),
        lines: lines_of(row)
            .into_iter()
            .map(|l| InvoiceLine {
                description: l.description,
                quantity: l.quantity,
                unit_price: m(l.unit_minor),
                amount: m(l.amount_minor),
            })
            .collect(),
        subtotal: m(row.subtotal_minor),
        discount: m(row.discount_minor),
        fee: m(row.fee_minor),
        total: m(row.total_minor),
        issuer_name: row.issuer_name.clone(),
        customer_name: row.buyer_name.clone(),
        customer_email: row.buyer_email.clone(),
        language: Lang::from_tag(&row.language).unwrap_or_default(),
        issued_at: row.issued_at,
    }
}

/// An organization's documents, newest first.
pub async fn list_for_org(
    state: &AppState,
    scope: OrgScope,
    q: ListInvoicesQuery,
) -> AppResult<Page<Invoice>> {
    let page = PageQuery {
        limit: q.limit,
        cursor: q.cursor,
    };
    let (rows, next_cursor) = db::invoices::list(
        &state.db,
        scope,
        q.kind.map(InvoiceKind::as_str),
        page.cursor.as_deref(),
        page.limit(),
    )
    .await?;
    Ok(Page {
        items: rows.iter().map(dto).collect(),
        next_cursor,
    })
}

/// (file name, PDF) of one of the organization's documents.
pub async fn pdf_for_org(
    state: &AppState,
    scope: OrgScope,
    id: Uuid,
) -> AppResult<(String, Vec<u8>)> {
    let row = db::invoices::get(&state.db, scope, id).await?;
    render::pdf(&state.db, scope, &row).await
}

/// The invoice and credit notes of an order, for its buyer.
pub async fn list_for_buyer(
    state: &AppState,
    order_id: Uuid,
    access: &BuyerAccess,
) -> AppResult<Vec<Invoice>> {
    let (scope, order) = buyer_orders::load(state, order_id, access).await?;
    let rows = db::invoices::for_order(&state.db, scope, order.id).await?;
    Ok(rows.iter().map(dto).collect())
}

/// (file name, PDF) of one document of the buyer's order; another order's is a 404.
pub async fn pdf_for_buyer(
    state: &AppState,
    order_id: Uuid,
    invoice_id: Uuid,
    access: &BuyerAccess,
) -> AppResult<(String, Vec<u8>)> {
    let (scope, order) = buyer_orders::load(state, order_id, access).await?;
    let row = db::invoices::get(&state.db, scope, invoice_id).await?;
    if row.order_id != Some(order.id) {
        return Err(AppError::not_found());
    }
    render::pdf(&state.db, scope, &row).await
}
