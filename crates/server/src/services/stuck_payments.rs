//! Payments that need a person: still pending `PAYMENT_STUCK_AFTER_MINUTES` after they started,
//! so neither a webhook nor reconciliation settled them (a gateway outage, a payer who never
//! approved and a gateway that never says so). Shown to the organizer with the order and buyer.

use common::finance::StuckPayment;
use db::OrgScope;

use crate::error::AppResult;
use crate::services::order_view;
use crate::state::AppState;

const LIMIT: u64 = 100;

pub async fn list(state: &AppState, scope: OrgScope) -> AppResult<Vec<StuckPayment>> {
    let before = state.now()
        - chrono::Duration::from_std(state.settings.payment_stuck_after)
            .unwrap_or_else(|_| chrono::Duration::hours(1));
    let rows = db::payments::stuck(&state.db, scope, before, LIMIT).await?;
    let mut out = Vec::with_capacity(rows.len());
    for p in rows {
        let order = db::orders::get(&state.db, scope, p.order_id).await?;
        out.push(StuckPayment {
            payment: order_view::payment_dto(state, &p),
            order_id: order.id,
            order_reference: order.reference.clone(),
            event_id: order.event_id,
            buyer: order_view::buyer_of(&order),
        });
    }
    Ok(out)
}
