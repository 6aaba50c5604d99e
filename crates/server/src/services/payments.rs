//! Paying an order: start a payment through a gateway (extending the hold while it is in
//! flight), then settle it when the gateway reports. Settling is idempotent (a conditional
//! UPDATE from `pending`), and a success confirms the order in the same transaction.

use common::ErrorCode;
use common::orders::ActorKind;
use common::orders::{Payment, StartPayment, TestGatewayPayment};
use db::OrgScope;
use integrations::payments::{GatewayError, StartRequest};
use uuid::Uuid;

use crate::error::{AppError, AppResult};
use crate::services::buyer_orders::{self, BuyerAccess};
use crate::services::checkout::after_inventory_change;
use crate::services::event_fields::join;
use crate::services::order_lifecycle::Actor;
use crate::services::{order_access, order_lifecycle, order_view};
use crate::state::AppState;

mod payer;

use payer::payer;

/// Declined attempts after which a pending order gives its tickets back.
pub const MAX_FAILED_PAYMENTS: usize = 3;

pub async fn start(
    state: &AppState,
    order_id: Uuid,
    access: &BuyerAccess,
    input: StartPayment,
) -> AppResult<Payment> {
    let (scope, order) = buyer_orders::load_fresh(state, order_id, access).await?;
    match order.status.as_str() {
        "pending" => {}
        "expired" => return Err(AppError::code(ErrorCode::HoldExpired)),
        _ => {
            return Err(AppError::with_detail(
                ErrorCode::Conflict,
                "this order is not waiting for payment",
            ));
        }
    }
    if order.total_minor == 0 {
        return Err(AppError::with_detail(ErrorCode::Conflict, "nothing to pay"));
    }
    let gateway = state
        .gateways
        .methods_for(&order.currency)
        .contains(&input.method)
        .then(|| state.gateways.get(input.method.as_str()))
        .flatten()
        .ok_or_else(|| {
            AppError::field(
                "method",
                "unavailable",
                "this payment method is not available",
            )
        })?;
    let (phone, operator) = payer(&input, order.buyer_phone.as_deref(), &order.currency)?;
    let now = state.now();
    let tx = db::begin_write(&state.db).await?;
    let payment = db::payments::insert(
        &tx,
        scope,
        order.id,
        gateway.method(),
        order.total_minor,
        &order.currency,
        now,
    )
    .await?;
    let until = now
        + chrono::Duration::from_std(state.settings.payment_hold)
            .unwrap_or_else(|_| chrono::Duration::minutes(15));
    let extended = db::orders::extend_hold(&tx, scope, order.id, until, now).await?;
    db::order_events::record(
        &tx,
        scope,
        order.id,
        db::order_events::NewOrderEvent {
            kind: "payment_started",
            actor: ActorKind::Buyer,
            actor_user_id: access.user_id,
            note: Some(gateway.method().to_owned()),
            ..Default::default()
        },
        now,
    )
    .await?;
    if extended {
        db::order_events::record(
            &tx,
            scope,
            order.id,
            db::order_events::NewOrderEvent {
                kind: "hold_extended",
                actor: ActorKind::System,
                note: Some(until.to_rfc3339()),
                ..Default::default()
            },
            now,
        )
        .await?;
    }
    tx.commit().await?;
    let request = StartRequest {
        payment_id: payment.id,
        order_id: order.id,
        order_reference: order.reference.clone(),
        amount_minor: order.total_minor,
        currency: order.currency.clone(),
        buyer_email: order.buyer_email.clone(),
        buyer_phone: phone,
        order_token: order_access::token(state, order.id),
    };
    match state
        .gateways
        .start(gateway.as_ref(), &request, operator)
        .await
    {
        Ok(started) => {
            if let Some(reference) = &started.provider_ref {
                db::payments::set_provider_ref(&state.db, scope, payment.id, reference, now)
                    .await?;
            }
            if started.redirect_url.is_some() || started.dial_code.is_some() {
                // Kept, so that a reload of the order page still shows where to pay.
                db::payments::set_instructions(
                    &state.db,
                    scope,
                    payment.id,
                    started.redirect_url.as_deref(),
                    started.dial_code.as_deref(),
                    now,
                )
                .await?;
            }
        }
        Err(GatewayError::Declined(reason)) => {
            settle(state, scope, payment.id, false, Some(&reason)).await?;
            return Err(AppError::with_detail(ErrorCode::PaymentDeclined, reason));
        }
        Err(GatewayError::Unavailable(reason)) => {
            tracing::warn!(payment.id = %payment.id, error = %reason, "gateway unavailable");
            // The outcome is unknown (a timeout may hide an accepted payment): a real gateway's
            // payment stays pending for reconciliation to settle; the test gateway has none.
            if gateway.method() == "test" {
                settle(state, scope, payment.id, false, Some("gateway unavailable")).await?;
            }
            return Err(AppError::code(ErrorCode::ServiceUnavailable));
        }
    };
    let payment = db::payments::get(&state.db, scope, payment.id).await?;
    let dto = order_view::payment_dto(state, &payment);
    Ok(dto)
}

/// Records the gateway's verdict once; a success confirms a pending order (or, if its hold
/// lapsed meanwhile, takes the tickets again when they are still there). Returns whether this
/// call settled the payment.
pub async fn settle(
    state: &AppState,
    scope: OrgScope,
    payment_id: Uuid,
    succeeded: bool,
    failure_reason: Option<&str>,
) -> AppResult<bool> {
    let now = state.now();
    let tx = db::begin_write(&state.db).await?;
    let status = if succeeded { "succeeded" } else { "failed" };
    if !db::payments::settle(&tx, scope, payment_id, status, failure_reason, now).await? {
        return Ok(false);
    }
    let payment = db::payments::get(&tx, scope, payment_id).await?;
    let order = db::orders::get(&tx, scope, payment.order_id).await?;
    let items = db::orders::items(&tx, scope, order.id).await?;
    let mut confirmed = false;
    if succeeded {
        if order.status == "expired" {
            confirmed =
                revive_and_confirm(&tx, state, scope, &order, &items, &payment, now).await?;
        } else {
            confirmed =
                order_lifecycle::confirm(&tx, state, scope, &order, &items, Actor::GATEWAY, now)
                    .await?;
            if !confirmed {
                // Cancelled meanwhile, or paid a second time: this money has nothing to buy.
                db::order_events::record(
                    &tx,
                    scope,
                    order.id,
                    db::order_events::NewOrderEvent {
                        kind: "paid_after_close",
                        actor: ActorKind::Gateway,
                        note: Some("refunded automatically".into()),
                        ..Default::default()
                    },
                    now,
                )
                .await?;
                crate::services::refunds::open_for_late_payment(&tx, scope, &order, &payment, now)
                    .await?;
            }
        }
    } else {
        db::order_events::record(
            &tx,
            scope,
            order.id,
            db::order_events::NewOrderEvent {
                kind: "payment_failed",
                actor: ActorKind::Gateway,
                note: failure_reason.map(str::to_owned),
                ..Default::default()
            },
            now,
        )
        .await?;
        let failures = db::payments::for_order(&tx, scope, order.id)
            .await?
            .iter()
            .filter(|p| p.status == "failed")
            .count();
        if failures >= MAX_FAILED_PAYMENTS {
            // Failed for good: give the tickets back rather than block them until expiry.
            order_lifecycle::release(
                &tx,
                scope,
                order.id,
                "cancelled",
                Actor::SYSTEM,
                Some(format!("{failures} payment attempts failed")),
                now,
            )
            .await?;
        }
    }
    let event = db::events::get(&tx, scope, order.event_id).await?;
    tx.commit().await?;
    after_inventory_change(state, &event, confirmed).await;
    Ok(true)
}

/// A payment succeeded after its order's hold lapsed: the buyer paid, so take the tickets again
/// if they are still available; otherwise the money goes back at once (an automatic refund).
async fn revive_and_confirm(
    tx: &db::WriteTx,
    state: &AppState,
    scope: OrgScope,
    order: &db::orders::OrderRow,
    items: &[db::orders::OrderItemRow],
    payment: &db::payments::PaymentRow,
    now: chrono::DateTime<chrono::Utc>,
) -> AppResult<bool> {
    let claims = db::orders::claims(items);
    // A savepoint: a partial hold (one type taken, the next sold out) must leave no trace, while
    // the settled payment around it still commits.
    let attempt = tx.savepoint().await?;
    let revived = db::inventory::hold(&attempt, scope, &claims).await?.is_ok()
        && db::orders::transition(&attempt, scope, order.id, "expired", "pending", now).await?;
    if revived {
        attempt.commit().await?;
    } else {
        attempt.rollback().await?;
        db::order_events::record(
            tx,
            scope,
            order.id,
            db::order_events::NewOrderEvent {
                kind: "paid_after_expiry",
                actor: ActorKind::Gateway,
                note: Some("tickets sold out meanwhile; refunded automatically".into()),
                ..Default::default()
            },
            now,
        )
        .await?;
        crate::services::refunds::open_for_late_payment(tx, scope, order, payment, now).await?;
        return Ok(false);
    }
    if let Some(coupon_id) = order.coupon_id
        && let Ok(coupon) = db::coupons::get(tx, scope, order.event_id, coupon_id).await
    {
        // The buyer paid the discounted price: honour it even if the coupon ran out meanwhile.
        let _ = db::coupons::reserve_use(tx, scope, &coupon, &order.holder_key, now).await?;
    }
    order_lifecycle::confirm(tx, state, scope, order, items, Actor::GATEWAY, now).await
}

// ---- the test gateway's page ----

async fn test_payment(
    state: &AppState,
    payment_id: Uuid,
    token: &str,
) -> AppResult<(OrgScope, db::payments::PaymentRow)> {
    if !state.settings.test_gateway {
        return Err(AppError::not_found());
    }
    let (org_id, order_id) = db::payments::owner_org(&state.db, payment_id).await?;
    if !order_access::verify(state, order_id, token) {
        return Err(AppError::not_found());
    }
    let scope = OrgScope::for_buyer_of(org_id);
    let payment = db::payments::get(&state.db, scope, payment_id).await?;
    if payment.method != "test" {
        return Err(AppError::not_found());
    }
    Ok((scope, payment))
}

pub async fn test_view(
    state: &AppState,
    payment_id: Uuid,
    token: &str,
) -> AppResult<TestGatewayPayment> {
    let (scope, payment) = test_payment(state, payment_id, token).await?;
    let order = db::orders::get(&state.db, scope, payment.order_id).await?;
    let event = db::events::get(&state.db, scope, order.event_id).await?;
    let dto = order_view::payment_dto(state, &payment);
    Ok(TestGatewayPayment {
        id: payment.id,
        order_id: order.id,
        order_reference: order.reference.clone(),
        event_title: join(&event.title_en, &event.title_fr),
        amount: dto.amount,
        status: dto.status,
        return_url: order_view::page_path(state, order.id),
    })
}

pub async fn test_decide(
    state: &AppState,
    payment_id: Uuid,
    token: &str,
    approve: bool,
) -> AppResult<TestGatewayPayment> {
    let (scope, _) = test_payment(state, payment_id, token).await?;
    settle(
        state,
        scope,
        payment_id,
        approve,
        (!approve).then_some("declined on the test gateway page"),
    )
    .await?;
    test_view(state, payment_id, token).await
}
