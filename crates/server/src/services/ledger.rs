//! The organizations' ledger from the server's side: what a paid order, a refund and a
//! withdrawal post, and the balances and entries organizers read. Postings run inside the
//! transaction of the change that causes them, and each has a unique source key, so a replayed
//! cause posts nothing more.

use chrono::{DateTime, Utc};
use common::finance::{Balance, LedgerEntry, LedgerEntryKind, ListLedgerQuery};
use common::page::PageQuery;
use common::{Currency, Money, Page};
use db::ledger::NewEntry;
use db::orders::OrderRow;
use db::{ConnectionTrait, OrgScope};

use crate::error::AppResult;
use crate::state::AppState;

fn currency(code: &str) -> Currency {
    Currency::from_code(code).unwrap_or(Currency::XAF)
}

/// A paid order: what the buyer paid, less the platform's fee, available after the settlement
/// delay. Free orders post nothing.
pub async fn post_sale<C: ConnectionTrait>(
    conn: &C,
    state: &AppState,
    scope: OrgScope,
    order: &OrderRow,
    now: DateTime<Utc>,
) -> AppResult<()> {
    if order.total_minor <= 0 {
        return Ok(());
    }
    let available_at = now
        + chrono::Duration::from_std(state.settings.money.funds_available_after)
            .unwrap_or_else(|_| chrono::Duration::hours(48));
    let entry = |kind: LedgerEntryKind, amount_minor: i64, key: &str| NewEntry {
        currency: order.currency.clone(),
        kind: kind.as_str(),
        amount_minor,
        available_at,
        source_key: format!("{key}:{}", order.id),
        order_id: Some(order.id),
        refund_id: None,
        withdrawal_id: None,
        memo: Some(order.reference.clone()),
    };
    db::ledger::post(
        conn,
        scope,
        entry(LedgerEntryKind::Sale, order.total_minor, "sale"),
        now,
    )
    .await?;
    if order.fee_minor > 0 {
        db::ledger::post(
            conn,
            scope,
            entry(LedgerEntryKind::PlatformFee, -order.fee_minor, "fee"),
            now,
        )
        .await?;
    }
    Ok(())
}

/// Every currency's balance, with the withdrawal limits that apply to it.
pub async fn balances(state: &AppState, scope: OrgScope) -> AppResult<Vec<Balance>> {
    let sums = db::ledger::balances(&state.db, scope, state.now()).await?;
    let mut out: Vec<Balance> = sums
        .into_iter()
        .map(|s| {
            let c = currency(&s.currency);
            balance(state, c, s.pending, s.available, s.paid_out)
        })
        .collect();
    if out.is_empty() {
        // A new organization sees its own currency at zero rather than nothing.
        let org = db::orgs::get(&state.db, scope).await?;
        out.push(balance(state, org.currency, 0, 0, 0));
    }
    Ok(out)
}

fn balance(state: &AppState, c: Currency, pending: i64, available: i64, paid_out: i64) -> Balance {
    let m = |minor| Money::from_minor(minor, c);
    Balance {
        currency: c,
        pending: m(pending),
        available: m(available),
        paid_out: m(paid_out),
        withdrawal_minimum: m(state.settings.money.withdrawal_minimum(c)),
        withdrawal_maximum: state.settings.money.withdrawal_maximum(c).map(m),
    }
}

pub async fn entries(
    state: &AppState,
    scope: OrgScope,
    q: ListLedgerQuery,
) -> AppResult<Page<LedgerEntry>> {
    let page = PageQuery {
        limit: q.limit,
        cursor: q.cursor,
    };
    let (rows, next_cursor) = db::ledger::list(
        &state.db,
        scope,
        q.currency.map(Currency::code),
        page.cursor.as_deref(),
        page.limit(),
    )
    .await?;
    Ok(Page {
        items: rows
            .into_iter()
            .map(|r| LedgerEntry {
                id: r.id,
                kind: LedgerEntryKind::parse(&r.kind).unwrap_or(LedgerEntryKind::Adjustment),
                amount: Money::from_minor(r.amount_minor, currency(&r.currency)),
                available_at: r.available_at,
                order_id: r.order_id,
                order_reference: r.order_id.and(r.memo.clone()),
                refund_id: r.refund_id,
                withdrawal_id: r.withdrawal_id,
                memo: r.memo,
                created_at: r.created_at,
            })
            .collect(),
        next_cursor,
    })
}
