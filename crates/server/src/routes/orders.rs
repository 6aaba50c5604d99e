//! `/orders/{order_id}...`: the buyer's order page, payment, tickets; `/me/orders`.
//! Access: the order's signed `token` query parameter, or the signed-in buyer's bearer token.

use actix_web::{HttpResponse, get, post, web};
use common::Page;
use common::orders::{Order, OrderAccess, Payment, StartPayment};
use common::page::PageQuery;
use uuid::Uuid;

use crate::auth::principal::AuthUser;
use crate::error::{AppError, AppResult};
use crate::services::buyer_orders::{self, BuyerAccess};
use crate::services::payments;
use crate::state::AppState;

fn access(user: Option<AuthUser>, q: OrderAccess) -> BuyerAccess {
    BuyerAccess {
        user_id: user.map(|u| u.user_id),
        token: q.token,
    }
}

#[utoipa::path(tag = "orders", params(("order_id" = Uuid, Path), OrderAccess), responses((status = 200, body = Order), (status = 404, body = common::Problem, content_type = "application/problem+json")))]
#[get("/orders/{order_id}")]
pub async fn get_order(
    state: web::Data<AppState>,
    user: Option<AuthUser>,
    path: web::Path<Uuid>,
    q: web::Query<OrderAccess>,
) -> AppResult<web::Json<Order>> {
    Ok(web::Json(
        buyer_orders::get(&state, *path, &access(user, q.into_inner())).await?,
    ))
}

/// Give up a pending order: its tickets go back on sale at once.
#[utoipa::path(tag = "orders", params(("order_id" = Uuid, Path), OrderAccess), responses((status = 200, body = Order), (status = 409, body = common::Problem, content_type = "application/problem+json")))]
#[post("/orders/{order_id}/cancel")]
pub async fn cancel_order(
    state: web::Data<AppState>,
    user: Option<AuthUser>,
    path: web::Path<Uuid>,
    q: web::Query<OrderAccess>,
) -> AppResult<web::Json<Order>> {
    Ok(web::Json(
        buyer_orders::cancel(&state, *path, &access(user, q.into_inner())).await?,
    ))
}

/// Start paying: the hold is extended while the payment is in flight; send the buyer to
/// `redirect_url`.
#[utoipa::path(tag = "orders", params(("order_id" = Uuid, Path), OrderAccess), request_body = StartPayment, responses((status = 201, body = Payment), (status = 410, description = "`hold_expired`", body = common::Problem, content_type = "application/problem+json")))]
#[post("/orders/{order_id}/payments")]
pub async fn start_payment(
    state: web::Data<AppState>,
    user: Option<AuthUser>,
    path: web::Path<Uuid>,
    q: web::Query<OrderAccess>,
    body: web::Json<StartPayment>,
) -> AppResult<HttpResponse> {
    let payment = payments::start(
        &state,
        *path,
        &access(user, q.into_inner()),
        body.into_inner(),
    )
    .await?;
    Ok(HttpResponse::Created().json(payment))
}

/// All tickets of a confirmed order as one PDF (one page per ticket).
#[utoipa::path(tag = "orders", params(("order_id" = Uuid, Path), OrderAccess), responses((status = 200, content_type = "application/pdf", body = Vec<u8>)))]
#[get("/orders/{order_id}/tickets.pdf")]
pub async fn download_tickets(
    state: web::Data<AppState>,
    user: Option<AuthUser>,
    path: web::Path<Uuid>,
    q: web::Query<OrderAccess>,
) -> AppResult<HttpResponse> {
    let (name, bytes) = buyer_orders::pdf(&state, *path, &access(user, q.into_inner())).await?;
    Ok(HttpResponse::Ok()
        .content_type("application/pdf")
        .insert_header((
            "Content-Disposition",
            format!("attachment; filename=\"{name}\""),
        ))
        .insert_header(("Cache-Control", "private, no-store"))
        .body(bytes))
}

/// One ticket's signed QR code rendered as `content_type`.
async fn qr_image(
    state: &AppState,
    user: Option<AuthUser>,
    (order_id, ticket_id): (Uuid, Uuid),
    q: OrderAccess,
    content_type: &'static str,
    render: fn(&str) -> Option<Vec<u8>>,
) -> AppResult<HttpResponse> {
    let payload = buyer_orders::qr_payload(state, order_id, ticket_id, &access(user, q)).await?;
    let image = render(&payload)
        .ok_or_else(|| AppError::internal(anyhow::anyhow!("QR encoding failed")))?;
    Ok(HttpResponse::Ok()
        .content_type(content_type)
        .insert_header(("Cache-Control", "private, max-age=3600"))
        .body(image))
}

/// The ticket's QR code as SVG; it carries the Ed25519-signed ticket token.
#[utoipa::path(tag = "orders", params(("order_id" = Uuid, Path), ("ticket_id" = Uuid, Path), OrderAccess), responses((status = 200, content_type = "image/svg+xml", body = String)))]
#[get("/orders/{order_id}/tickets/{ticket_id}/qr.svg")]
pub async fn ticket_qr_svg(
    state: web::Data<AppState>,
    user: Option<AuthUser>,
    path: web::Path<(Uuid, Uuid)>,
    q: web::Query<OrderAccess>,
) -> AppResult<HttpResponse> {
    qr_image(
        &state,
        user,
        path.into_inner(),
        q.into_inner(),
        "image/svg+xml",
        |p| integrations::tickets::qr::svg(p).map(String::into_bytes),
    )
    .await
}

/// The ticket's QR code as PNG (for wallets and email clients).
#[utoipa::path(tag = "orders", params(("order_id" = Uuid, Path), ("ticket_id" = Uuid, Path), OrderAccess), responses((status = 200, content_type = "image/png", body = Vec<u8>)))]
#[get("/orders/{order_id}/tickets/{ticket_id}/qr.png")]
pub async fn ticket_qr_png(
    state: web::Data<AppState>,
    user: Option<AuthUser>,
    path: web::Path<(Uuid, Uuid)>,
    q: web::Query<OrderAccess>,
) -> AppResult<HttpResponse> {
    qr_image(
        &state,
        user,
        path.into_inner(),
        q.into_inner(),
        "image/png",
        |p| integrations::tickets::qr::png(p, 8),
    )
    .await
}

/// "My tickets": orders placed while signed in or with my verified email, newest first.
#[utoipa::path(tag = "me", params(PageQuery), responses((status = 200, body = Page<Order>)))]
#[get("/me/orders")]
pub async fn list_my_orders(
    state: web::Data<AppState>,
    user: AuthUser,
    q: web::Query<PageQuery>,
) -> AppResult<web::Json<Page<Order>>> {
    Ok(web::Json(
        buyer_orders::mine(&state, user.user_id, q.into_inner()).await?,
    ))
}

/// Ask for a refund of some (or all remaining) tickets, inside the event's refund window
/// (`Order.refundable_until`). A platform admin approves it. Accepts an `Idempotency-Key`.
#[utoipa::path(tag = "orders", params(("order_id" = Uuid, Path), OrderAccess), request_body = common::finance::CreateRefund, responses(
    (status = 201, body = common::finance::Refund),
    (status = 409, description = "`refund_window_closed`, `nothing_to_refund` or `conflict`", body = common::Problem, content_type = "application/problem+json"),
))]
#[post("/orders/{order_id}/refunds")]
pub async fn request_refund(
    state: web::Data<AppState>,
    user: Option<AuthUser>,
    req: actix_web::HttpRequest,
    path: web::Path<Uuid>,
    q: web::Query<OrderAccess>,
    body: web::Json<common::finance::CreateRefund>,
) -> AppResult<HttpResponse> {
    let key = crate::routes::finance::idempotency_key(&req);
    let refund = crate::services::refunds::request_by_buyer(
        &state,
        *path,
        &access(user, q.into_inner()),
        body.into_inner(),
        key.as_deref(),
    )
    .await?;
    Ok(HttpResponse::Created().json(refund))
}
