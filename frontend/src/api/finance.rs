//! Money after the sale, for organizers: an organization's balances and ledger
//! (`/orgs/{org_id}/balances`, `/ledger`), its withdrawals and refunds, the refund of a booking;
//! and the buyer's refund request on their order page (`/orders/{order_id}/refunds?token=`).
//! The platform administrators' side (approving, rejecting, jobs) is in [`super::admin`].

use common::Page;
use common::finance::{
    Balance, CreateRefund, CreateWithdrawal, LedgerEntry, ListLedgerQuery, ListRefundsQuery,
    ListWithdrawalsQuery, Refund, Withdrawal,
};
use uuid::Uuid;

use super::{ApiError, Body, Method, fetch_json, fetch_json_with, query};

/// `GET /orgs/{org_id}/payments/stuck`: payments pending long after they started, oldest first.
pub async fn list_stuck_payments(
    org_id: Uuid,
) -> Result<Vec<common::finance::StuckPayment>, ApiError> {
    fetch_json(
        Method::Get,
        &format!("/orgs/{org_id}/payments/stuck"),
        Body::None,
    )
    .await
}

/// `GET /orgs/{org_id}/invoices?kind=&limit=&cursor=`: invoices, credit notes and fee
/// invoices, newest first.
pub async fn list_invoices(
    org_id: Uuid,
    q: &common::invoices::ListInvoicesQuery,
) -> Result<Page<common::invoices::Invoice>, ApiError> {
    let limit = q.limit.map(|l| l.to_string());
    let qs = query(&[
        ("kind", q.kind.map(|k| k.as_str())),
        ("limit", limit.as_deref()),
        ("cursor", q.cursor.as_deref()),
    ]);
    fetch_json(
        Method::Get,
        &format!("/orgs/{org_id}/invoices{qs}"),
        Body::None,
    )
    .await
}

/// `GET /orgs/{org_id}/invoices/{invoice_id}.pdf`: the PDF's bytes (fetched with the token).
pub async fn download_invoice(org_id: Uuid, invoice_id: Uuid) -> Result<Vec<u8>, ApiError> {
    let path = format!("/orgs/{org_id}/invoices/{invoice_id}.pdf");
    let resp = super::send(Method::Get, &path, Body::None).await?;
    resp.binary()
        .await
        .map_err(|e| ApiError::Network(e.to_string()))
}

/// `GET /orders/{order_id}/invoices?token=`: the order's invoice, then its credit notes.
pub async fn list_order_invoices(
    order_id: Uuid,
    token: &str,
) -> Result<Vec<common::invoices::Invoice>, ApiError> {
    let qs = query(&[("token", Some(token))]);
    fetch_json(
        Method::Get,
        &format!("/orders/{order_id}/invoices{qs}"),
        Body::None,
    )
    .await
}

/// `GET /orgs/{org_id}/balances`: one balance per currency the organization has sold in.
pub async fn list_balances(org_id: Uuid) -> Result<Vec<Balance>, ApiError> {
    fetch_json(Method::Get, &format!("/orgs/{org_id}/balances"), Body::None).await
}

/// `GET /orgs/{org_id}/ledger?currency=&limit=&cursor=`: entries, newest first.
pub async fn list_ledger_entries(
    org_id: Uuid,
    q: &ListLedgerQuery,
) -> Result<Page<LedgerEntry>, ApiError> {
    let limit = q.limit.map(|l| l.to_string());
    let qs = query(&[
        ("currency", q.currency.map(|c| c.code())),
        ("limit", limit.as_deref()),
        ("cursor", q.cursor.as_deref()),
    ]);
    fetch_json(
        Method::Get,
        &format!("/orgs/{org_id}/ledger{qs}"),
        Body::None,
    )
    .await
}

/// `GET /orgs/{org_id}/withdrawals?status=&limit=&cursor=`: newest first.
pub async fn list_withdrawals(
    org_id: Uuid,
    q: &ListWithdrawalsQuery,
) -> Result<Page<Withdrawal>, ApiError> {
    let limit = q.limit.map(|l| l.to_string());
    let qs = query(&[
        ("status", q.status.map(|s| s.as_str())),
        ("limit", limit.as_deref()),
        ("cursor", q.cursor.as_deref()),
    ]);
    let path = format!("/orgs/{org_id}/withdrawals{qs}");
    fetch_json(Method::Get, &path, Body::None).await
}

/// `POST /orgs/{org_id}/withdrawals` with `Idempotency-Key` (one per form submission): 201;
/// 409 `insufficient_balance`; field errors on `amount` and `destination.*`.
pub async fn create_withdrawal(
    org_id: Uuid,
    body: &CreateWithdrawal,
    idempotency_key: &str,
) -> Result<Withdrawal, ApiError> {
    fetch_json_with(
        Method::Post,
        &format!("/orgs/{org_id}/withdrawals"),
        Body::json(body)?,
        &[("Idempotency-Key", idempotency_key)],
    )
    .await
}

/// `GET /orgs/{org_id}/refunds?status=&limit=&cursor=`: newest first.
pub async fn list_refunds(org_id: Uuid, q: &ListRefundsQuery) -> Result<Page<Refund>, ApiError> {
    let limit = q.limit.map(|l| l.to_string());
    let qs = query(&[
        ("status", q.status.map(|s| s.as_str())),
        ("limit", limit.as_deref()),
        ("cursor", q.cursor.as_deref()),
    ]);
    fetch_json(
        Method::Get,
        &format!("/orgs/{org_id}/refunds{qs}"),
        Body::None,
    )
    .await
}

/// `POST /orgs/{org_id}/orders/{order_id}/refunds` with `Idempotency-Key`: 201; empty
/// `ticket_ids` refunds every ticket not refunded yet; 409 `nothing_to_refund`.
pub async fn create_order_refund(
    org_id: Uuid,
    order_id: Uuid,
    body: &CreateRefund,
    idempotency_key: &str,
) -> Result<Refund, ApiError> {
    let path = format!("/orgs/{org_id}/orders/{order_id}/refunds");
    fetch_json_with(
        Method::Post,
        &path,
        Body::json(body)?,
        &[("Idempotency-Key", idempotency_key)],
    )
    .await
}

/// `POST /orders/{order_id}/refunds?token=` (the buyer) with `Idempotency-Key`: 201; 409
/// `refund_window_closed` or `nothing_to_refund`.
pub async fn request_refund(
    order_id: Uuid,
    token: Option<&str>,
    body: &CreateRefund,
    idempotency_key: &str,
) -> Result<Refund, ApiError> {
    let path = format!("/orders/{order_id}/refunds{}", query(&[("token", token)]));
    fetch_json_with(
        Method::Post,
        &path,
        Body::json(body)?,
        &[("Idempotency-Key", idempotency_key)],
    )
    .await
}
