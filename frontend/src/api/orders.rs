//! Orders: the buyer's checkout (`/public/events/{slug}/quote` and `/orders`), their order page
//! (`/orders/{order_id}?token=`: read, cancel, pay), the test gateway, "My tickets" (`/me/orders`)
//! and the organizer's bookings (`/orgs/{org_id}/.../orders`).
//!
//! Buyer routes take the order's `access_token` as `?token=`; it is optional when signed in as the
//! buyer.

use common::Page;
use common::orders::{
    CancelOrder, CreateOrder, ListOrdersQuery, Order, OrderDetail, OrderSummary, Payment,
    PriceBreakdown, QuoteOrder, StartPayment, TestGatewayPayment,
};
use uuid::Uuid;

use super::{ApiError, Body, Method, fetch_empty, fetch_json, fetch_json_with, query, send};
use crate::time::date_string;
use crate::util::encode;

fn with_token(path: String, token: Option<&str>) -> String {
    format!("{path}{}", query(&[("token", token)]))
}

/// `POST /public/events/{slug}/quote`: the price breakdown, nothing reserved.
pub async fn quote_order(slug: &str, body: &QuoteOrder) -> Result<PriceBreakdown, ApiError> {
    let path = format!("/public/events/{}/quote", encode(slug));
    fetch_json(Method::Post, &path, Body::json(body)?).await
}

/// `POST /public/events/{slug}/orders` with `Idempotency-Key`: 201, the order (pending with
/// `expires_at`, or confirmed at once when the total is 0). The same key is sent again on retry.
pub async fn create_order(
    slug: &str,
    body: &CreateOrder,
    idempotency_key: &str,
) -> Result<Order, ApiError> {
    let path = format!("/public/events/{}/orders", encode(slug));
    fetch_json_with(
        Method::Post,
        &path,
        Body::json(body)?,
        &[("Idempotency-Key", idempotency_key)],
    )
    .await
}

/// `GET /orders/{order_id}?token=` (a lapsed hold is expired on read).
pub async fn get_order(order_id: Uuid, token: Option<&str>) -> Result<Order, ApiError> {
    let path = with_token(format!("/orders/{order_id}"), token);
    fetch_json(Method::Get, &path, Body::None).await
}

/// `POST /orders/{order_id}/cancel?token=`: gives a pending order's tickets back.
pub async fn cancel_order(order_id: Uuid, token: Option<&str>) -> Result<Order, ApiError> {
    let path = with_token(format!("/orders/{order_id}/cancel"), token);
    fetch_json(Method::Post, &path, Body::None).await
}

/// `POST /orders/{order_id}/payments?token=`: 201, a payment whose `redirect_url` is the
/// gateway's page.
pub async fn start_payment(
    order_id: Uuid,
    token: Option<&str>,
    body: &StartPayment,
) -> Result<Payment, ApiError> {
    let path = with_token(format!("/orders/{order_id}/payments"), token);
    fetch_json(Method::Post, &path, Body::json(body)?).await
}

/// `GET /test-gateway/payments/{payment_id}?token=`.
pub async fn get_test_payment(
    payment_id: Uuid,
    token: Option<&str>,
) -> Result<TestGatewayPayment, ApiError> {
    let path = with_token(format!("/test-gateway/payments/{payment_id}"), token);
    fetch_json(Method::Get, &path, Body::None).await
}

/// `POST /test-gateway/payments/{payment_id}/approve?token=` or `/decline?token=`.
pub async fn decide_test_payment(
    payment_id: Uuid,
    token: Option<&str>,
    approve: bool,
) -> Result<TestGatewayPayment, ApiError> {
    let action = if approve { "approve" } else { "decline" };
    let path = with_token(
        format!("/test-gateway/payments/{payment_id}/{action}"),
        token,
    );
    fetch_json(Method::Post, &path, Body::None).await
}

/// `GET /me/orders?cursor=`: the signed-in person's orders, newest first.
pub async fn list_my_orders(cursor: Option<&str>) -> Result<Page<Order>, ApiError> {
    let q = query(&[("limit", Some("20")), ("cursor", cursor)]);
    fetch_json(Method::Get, &format!("/me/orders{q}"), Body::None).await
}

// ---- organizer side ----

fn list_query(q: &ListOrdersQuery) -> String {
    let ticket_type = q.ticket_type_id.map(|t| t.to_string());
    let from = q.from.as_ref().map(date_string);
    let to = q.to.as_ref().map(date_string);
    let limit = q.limit.map(|l| l.to_string());
    query(&[
        ("status", q.status.map(|s| s.as_str())),
        ("ticket_type_id", ticket_type.as_deref()),
        ("from", from.as_deref()),
        ("to", to.as_deref()),
        ("q", q.q.as_deref()),
        ("limit", limit.as_deref()),
        ("cursor", q.cursor.as_deref()),
    ])
}

/// `GET /orgs/{org_id}/events/{event_id}/orders?status=&ticket_type_id=&from=&to=&q=&cursor=`.
pub async fn list_orders(
    org_id: Uuid,
    event_id: Uuid,
    q: &ListOrdersQuery,
) -> Result<Page<OrderSummary>, ApiError> {
    let path = format!("/orgs/{org_id}/events/{event_id}/orders{}", list_query(q));
    fetch_json(Method::Get, &path, Body::None).await
}

/// `GET /orgs/{org_id}/events/{event_id}/orders.csv` (same filters, no paging): the file's bytes.
pub async fn export_orders_csv(
    org_id: Uuid,
    event_id: Uuid,
    q: &ListOrdersQuery,
) -> Result<Vec<u8>, ApiError> {
    let filters = ListOrdersQuery {
        limit: None,
        cursor: None,
        ..q.clone()
    };
    let path = format!(
        "/orgs/{org_id}/events/{event_id}/orders.csv{}",
        list_query(&filters)
    );
    let resp = send(Method::Get, &path, Body::None).await?;
    resp.binary()
        .await
        .map_err(|e| ApiError::Network(e.to_string()))
}

/// `GET /orgs/{org_id}/orders/{order_id}`: the order and its history.
pub async fn get_org_order(org_id: Uuid, order_id: Uuid) -> Result<OrderDetail, ApiError> {
    let path = format!("/orgs/{org_id}/orders/{order_id}");
    fetch_json(Method::Get, &path, Body::None).await
}

/// `POST /orgs/{org_id}/orders/{order_id}/cancel`.
pub async fn cancel_org_order(
    org_id: Uuid,
    order_id: Uuid,
    body: &CancelOrder,
) -> Result<OrderDetail, ApiError> {
    let path = format!("/orgs/{org_id}/orders/{order_id}/cancel");
    fetch_json(Method::Post, &path, Body::json(body)?).await
}

/// `POST /orgs/{org_id}/orders/{order_id}/resend`: 202, the tickets are emailed again.
pub async fn resend_order_tickets(org_id: Uuid, order_id: Uuid) -> Result<(), ApiError> {
    let path = format!("/orgs/{org_id}/orders/{order_id}/resend");
    fetch_empty(Method::Post, &path, Body::None).await
}
