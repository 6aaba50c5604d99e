//! Organizer bookings: `/orgs/{org_id}/events/{event_id}/orders[.csv]` and
//! `/orgs/{org_id}/orders/{order_id}[/cancel|/resend]`.

use actix_web::{HttpResponse, get, post, web};
use common::orders::{CancelOrder, ListOrdersQuery, OrderDetail, OrderSummary};
use common::{Page, Permission};
use uuid::Uuid;

use crate::auth::tenant::Tenant;
use crate::error::AppResult;
use crate::services::bookings;
use crate::state::AppState;

/// Newest first; filter by status, ticket type, creation day; `q` matches buyer name or email
/// (contains), order reference or ticket code (exact).
#[utoipa::path(tag = "bookings", params(("org_id" = Uuid, Path), ("event_id" = Uuid, Path), ListOrdersQuery), responses((status = 200, body = Page<OrderSummary>)))]
#[get("/orgs/{org_id}/events/{event_id}/orders")]
pub async fn list_orders(
    state: web::Data<AppState>,
    tenant: Tenant,
    path: web::Path<(Uuid, Uuid)>,
    q: web::Query<ListOrdersQuery>,
) -> AppResult<web::Json<Page<OrderSummary>>> {
    let scope = tenant.require(Permission::ViewOrg)?;
    Ok(web::Json(
        bookings::list(&state, scope, path.1, q.into_inner()).await?,
    ))
}

/// The same filters as the list, one row per ticket, as CSV.
#[utoipa::path(tag = "bookings", params(("org_id" = Uuid, Path), ("event_id" = Uuid, Path), ListOrdersQuery), responses((status = 200, content_type = "text/csv", body = String)))]
#[get("/orgs/{org_id}/events/{event_id}/orders.csv")]
pub async fn export_orders(
    state: web::Data<AppState>,
    tenant: Tenant,
    path: web::Path<(Uuid, Uuid)>,
    q: web::Query<ListOrdersQuery>,
) -> AppResult<HttpResponse> {
    let scope = tenant.require(Permission::ViewOrg)?;
    let (name, bytes) = bookings::export_csv(&state, scope, path.1, q.into_inner()).await?;
    Ok(HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header((
            "Content-Disposition",
            format!("attachment; filename=\"{name}\""),
        ))
        .body(bytes))
}

#[utoipa::path(tag = "bookings", params(("org_id" = Uuid, Path), ("order_id" = Uuid, Path)), responses((status = 200, body = OrderDetail)))]
#[get("/orgs/{org_id}/orders/{order_id}")]
pub async fn get_booking(
    state: web::Data<AppState>,
    tenant: Tenant,
    path: web::Path<(Uuid, Uuid)>,
) -> AppResult<web::Json<OrderDetail>> {
    let scope = tenant.require(Permission::ViewOrg)?;
    Ok(web::Json(bookings::detail(&state, scope, path.1).await?))
}

/// Cancel a pending or confirmed booking: its tickets are voided and go back on sale, the buyer
/// is told by email. (Refunds come with payments.)
#[utoipa::path(tag = "bookings", params(("org_id" = Uuid, Path), ("order_id" = Uuid, Path)), request_body = CancelOrder, responses((status = 200, body = OrderDetail), (status = 409, body = common::Problem, content_type = "application/problem+json")))]
#[post("/orgs/{org_id}/orders/{order_id}/cancel")]
pub async fn cancel_booking(
    state: web::Data<AppState>,
    tenant: Tenant,
    path: web::Path<(Uuid, Uuid)>,
    body: web::Json<CancelOrder>,
) -> AppResult<web::Json<OrderDetail>> {
    let scope = tenant.require(Permission::ManageSales)?;
    Ok(web::Json(
        bookings::cancel(&state, scope, tenant.user_id, path.1, body.into_inner()).await?,
    ))
}

/// Send the confirmation email with the tickets again.
#[utoipa::path(tag = "bookings", params(("org_id" = Uuid, Path), ("order_id" = Uuid, Path)), responses((status = 202, description = "Queued")))]
#[post("/orgs/{org_id}/orders/{order_id}/resend")]
pub async fn resend_tickets(
    state: web::Data<AppState>,
    tenant: Tenant,
    path: web::Path<(Uuid, Uuid)>,
) -> AppResult<HttpResponse> {
    let scope = tenant.require(Permission::ManageSales)?;
    bookings::resend(&state, scope, tenant.user_id, path.1).await?;
    Ok(HttpResponse::Accepted().finish())
}
