//! The monthly platform-fee invoice: on the first worker tick of a month, each organization
//! that paid platform fees last month gets one invoice per currency, summing that month's
//! `platform_fee` ledger entries (UTC calendar month, by when the entry was posted).
//!
//! Idempotent: the invoice's source key (and the unique (organization, kind, period, currency)
//! key) lets a rerun — the next tick, a second worker, a restart — issue nothing more. Each
//! organization is issued in its own transaction with its number, so one failure does not block
//! the others, and a failed one gives its number back.

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use common::Lang;
use common::invoices::InvoiceKind;
use db::OrgScope;

use super::{Draft, PLATFORM_NAME, StoredLine, issue};
use crate::error::AppResult;
use crate::state::AppState;

/// The month before `now`'s: (`YYYY-MM`, first instant, first instant of `now`'s month).
pub fn previous_period(now: DateTime<Utc>) -> (String, DateTime<Utc>, DateTime<Utc>) {
    let (y, m) = domain::invoices::previous_month(now.year(), now.month());
    let start = |y: i32, m: u32| {
        NaiveDate::from_ymd_opt(y, m, 1)
            .and_then(|d| d.and_hms_opt(0, 0, 0))
            .map(|d| d.and_utc())
            .unwrap_or(now)
    };
    (
        domain::invoices::period(y, m),
        start(y, m),
        start(now.year(), now.month()),
    )
}

/// Issues last month's fee invoices still missing; returns how many were issued.
pub async fn issue_monthly_fee_invoices(state: &AppState) -> AppResult<usize> {
    let now = state.now();
    let (period, from, to) = previous_period(now);
    let totals = db::invoices::platform_fees_between(&state.db, from, to).await?;
    let mut issued = 0;
    for total in totals.into_iter().filter(|t| t.fee_minor > 0) {
        // The platform invoices its own fees to each organization.
        let scope = OrgScope::for_platform_operation(total.org_id);
        let tx = db::begin_write(&state.db).await?;
        let org = db::orgs::get(&tx, scope).await?;
        let lang = Lang::from_tag(domain::invoices::fee_invoice_language(&org.country))
            .unwrap_or_default();
        let month = integrations::invoices::pdf::format_period(&period, lang);
        let n = total.entries;
        let description = match (lang, n) {
            (Lang::En, 1) => format!("Platform fee on 1 paid order in {month}"),
            (Lang::En, _) => format!("Platform fees on {n} paid orders in {month}"),
            (Lang::Fr, 1) => format!("Frais de plateforme sur 1 commande payée en {month}"),
            (Lang::Fr, _) => format!("Frais de plateforme sur {n} commandes payées en {month}"),
        };
        let draft = Draft {
            kind: InvoiceKind::FeeInvoice,
            source_key: format!("fee_invoice:{}:{period}:{}", org.id, total.currency),
            order_id: None,
            refund_id: None,
            period: Some(period.clone()),
            currency: total.currency.clone(),
            lines: vec![StoredLine {
                description,
                quantity: 1,
                unit_minor: total.fee_minor,
                amount_minor: total.fee_minor,
            }],
            subtotal_minor: total.fee_minor,
            discount_minor: 0,
            fee_minor: 0,
            total_minor: total.fee_minor,
            issuer_name: PLATFORM_NAME.to_owned(),
            buyer_name: org.name.clone(),
            buyer_email: None,
            reference: None,
            language: lang,
        };
        if issue(&tx, scope, draft, now).await?.is_some() {
            issued += 1;
        }
        tx.commit().await?;
    }
    Ok(issued)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_previous_period_of_january_is_last_december() {
        let now = DateTime::parse_from_rfc3339("2027-01-01T00:30:00Z")
            .unwrap_or_default()
            .with_timezone(&Utc);
        let (period, from, to) = previous_period(now);
        assert_eq!(period, "2026-12");
        assert_eq!(from.to_rfc3339(), "2026-12-01T00:00:00+00:00");
        assert_eq!(to.to_rfc3339(), "2027-01-01T00:00:00+00:00");
    }
}
