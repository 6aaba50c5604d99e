//! Invoices and credit notes: the organization's (`/orgs/{org_id}/invoices`, with PDFs) and a
//! buyer's, for one order (`/orders/{order_id}/invoices`, by the order's token or as its
//! signed-in buyer).

use actix_web::{HttpResponse, get, web};
use common::invoices::{Invoice, ListInvoicesQuery};
use common::orders::OrderAccess;
use common::{Page, Permission};
use uuid::Uuid;

use crate::auth::principal::AuthUser;
use crate::auth::tenant::Tenant;
use crate::error::AppResult;
use crate::services::buyer_orders::BuyerAccess;
use crate::services::invoices;
use crate::state::AppState;

fn access(user: Option<AuthUser>, q: OrderAccess) -> BuyerAccess {
    BuyerAccess {
        user_id: user.map(|u| u.user_id),
        token: q.token,
    }
}

fn pdf_response((name, bytes): (String, Vec<u8>)) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("application/pdf")
        .insert_header((
            "Content-Disposition",
            format!("attachment; filename=\"{name}\""),
        ))
        .insert_header(("Cache-Control", "private, no-store"))
        .body(bytes)
}

/// Invoices issued for paid orders, credit notes for refunds and the platform's monthly fee
/// invoices, newest first.
#[utoipa::path(tag = "finance", params(("org_id" = Uuid, Path), ListInvoicesQuery), responses((status = 200, body = Page<Invoice>)))]
#[get("/orgs/{org_id}/invoices")]
pub async fn list_invoices(
    state: web::Data<AppState>,
    tenant: Tenant,
    q: web::Query<ListInvoicesQuery>,
) -> AppResult<web::Json<Page<Invoice>>> {
    let scope = tenant.require(Permission::ManagePayouts)?;
    Ok(web::Json(
        invoices::list_for_org(&state, scope, q.into_inner()).await?,
    ))
}

/// One invoice, credit note or fee invoice as a PDF, in the language it was issued in.
#[utoipa::path(tag = "finance", params(("org_id" = Uuid, Path), ("invoice_id" = Uuid, Path)), responses(
    (status = 200, content_type = "application/pdf", body = Vec<u8>),
    (status = 404, body = common::Problem, content_type = "application/problem+json"),
))]
#[get("/orgs/{org_id}/invoices/{invoice_id}.pdf")]
pub async fn download_invoice(
    state: web::Data<AppState>,
    tenant: Tenant,
    path: web::Path<(Uuid, Uuid)>,
) -> AppResult<HttpResponse> {
    let scope = tenant.require(Permission::ManagePayouts)?;
    let (_, invoice_id) = path.into_inner();
    Ok(pdf_response(
        invoices::pdf_for_org(&state, scope, invoice_id).await?,
    ))
}

/// The order's invoice and its credit notes, oldest first (empty for a free or unpaid order).
#[utoipa::path(tag = "finance", params(("order_id" = Uuid, Path), OrderAccess), responses(
    (status = 200, body = Vec<Invoice>),
    (status = 404, body = common::Problem, content_type = "application/problem+json"),
))]
#[get("/orders/{order_id}/invoices")]
pub async fn list_order_invoices(
    state: web::Data<AppState>,
    user: Option<AuthUser>,
    path: web::Path<Uuid>,
    q: web::Query<OrderAccess>,
) -> AppResult<web::Json<Vec<Invoice>>> {
    Ok(web::Json(
        invoices::list_for_buyer(&state, *path, &access(user, q.into_inner())).await?,
    ))
}

/// One of the order's invoices or credit notes as a PDF.
#[utoipa::path(tag = "finance", params(("order_id" = Uuid, Path), ("invoice_id" = Uuid, Path), OrderAccess), responses(
    (status = 200, content_type = "application/pdf", body = Vec<u8>),
    (status = 404, body = common::Problem, content_type = "application/problem+json"),
))]
#[get("/orders/{order_id}/invoices/{invoice_id}.pdf")]
pub async fn download_order_invoice(
    state: web::Data<AppState>,
    user: Option<AuthUser>,
    path: web::Path<(Uuid, Uuid)>,
    q: web::Query<OrderAccess>,
) -> AppResult<HttpResponse> {
    let (order_id, invoice_id) = path.into_inner();
    Ok(pdf_response(
        invoices::pdf_for_buyer(&state, order_id, invoice_id, &access(user, q.into_inner()))
            .await?,
    ))
}
