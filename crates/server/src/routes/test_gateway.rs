//! `/test-gateway/payments/{payment_id}`: the development gateway's "hosted page" API. Only
//! when `TEST_GATEWAY` is on (never in production); the order's token is the proof.

use actix_web::{get, post, web};
use common::orders::{OrderAccess, TestGatewayPayment};
use uuid::Uuid;

use crate::error::{AppError, AppResult};
use crate::services::payments;
use crate::state::AppState;

fn token(q: OrderAccess) -> AppResult<String> {
    q.token.ok_or_else(AppError::not_found)
}

#[utoipa::path(tag = "test-gateway", params(("payment_id" = Uuid, Path), OrderAccess), responses((status = 200, body = TestGatewayPayment)))]
#[get("/test-gateway/payments/{payment_id}")]
pub async fn get_test_payment(
    state: web::Data<AppState>,
    path: web::Path<Uuid>,
    q: web::Query<OrderAccess>,
) -> AppResult<web::Json<TestGatewayPayment>> {
    Ok(web::Json(
        payments::test_view(&state, *path, &token(q.into_inner())?).await?,
    ))
}

/// The buyer approves: the payment succeeds and the order is confirmed.
#[utoipa::path(tag = "test-gateway", params(("payment_id" = Uuid, Path), OrderAccess), responses((status = 200, body = TestGatewayPayment)))]
#[post("/test-gateway/payments/{payment_id}/approve")]
pub async fn approve_test_payment(
    state: web::Data<AppState>,
    path: web::Path<Uuid>,
    q: web::Query<OrderAccess>,
) -> AppResult<web::Json<TestGatewayPayment>> {
    Ok(web::Json(
        payments::test_decide(&state, *path, &token(q.into_inner())?, true).await?,
    ))
}

/// The buyer declines: the payment fails; the order stays pending (until its hold lapses, or
/// three payments have failed).
#[utoipa::path(tag = "test-gateway", params(("payment_id" = Uuid, Path), OrderAccess), responses((status = 200, body = TestGatewayPayment)))]
#[post("/test-gateway/payments/{payment_id}/decline")]
pub async fn decline_test_payment(
    state: web::Data<AppState>,
    path: web::Path<Uuid>,
    q: web::Query<OrderAccess>,
) -> AppResult<web::Json<TestGatewayPayment>> {
    Ok(web::Json(
        payments::test_decide(&state, *path, &token(q.into_inner())?, false).await?,
    ))
}
