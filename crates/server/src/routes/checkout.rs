//! `/public/events/{slug}/quote` and `/public/events/{slug}/orders`: pricing and placing orders.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, post, web};
use common::ErrorCode;
use common::orders::{CreateOrder, Order, PriceBreakdown, QuoteOrder};
use sha2::{Digest, Sha256};

use crate::auth::principal::AuthUser;
use crate::error::{AppError, AppResult};
use crate::http::client::client_ip;
use crate::http::problem::request_lang;
use crate::services::checkout::{self, Caller, IdemKey};
use crate::state::AppState;

/// The price breakdown of a selection (and coupon) without reserving anything.
#[utoipa::path(tag = "checkout", params(("slug" = String, Path)), request_body = QuoteOrder, responses((status = 200, body = PriceBreakdown)))]
#[post("/public/events/{slug}/quote")]
pub async fn quote_order(
    state: web::Data<AppState>,
    slug: web::Path<String>,
    body: web::Json<QuoteOrder>,
) -> AppResult<web::Json<PriceBreakdown>> {
    Ok(web::Json(
        checkout::quote(&state, &slug, body.into_inner()).await?,
    ))
}

/// Reserve tickets: answers the pending order with its hold expiry (or the confirmed order when
/// it costs nothing). Send an `Idempotency-Key` header (e.g. a UUID per checkout attempt): a retry
/// with the same key and body returns the first answer; the same key with another body is a 422
/// `idempotency_key_reused`; while the first is still running, a 409 `idempotency_conflict`.
/// Signed-in buyers may omit their name and email.
#[utoipa::path(
    tag = "checkout",
    params(("slug" = String, Path), ("Idempotency-Key" = Option<String>, Header, description = "Unique per attempt; 1 to 255 characters")),
    request_body = CreateOrder,
    responses(
        (status = 201, body = Order),
        (status = 409, description = "`sold_out`, `coupon_exhausted`, `hold_limit_reached` or `idempotency_conflict`", body = common::Problem, content_type = "application/problem+json"),
        (status = 422, description = "`validation_failed`, `coupon_invalid` or `idempotency_key_reused`", body = common::Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many orders from this address", body = common::Problem, content_type = "application/problem+json"),
    )
)]
#[post("/public/events/{slug}/orders")]
pub async fn create_order(
    state: web::Data<AppState>,
    req: HttpRequest,
    user: Option<AuthUser>,
    slug: web::Path<String>,
    body: web::Bytes,
) -> AppResult<HttpResponse> {
    let input: CreateOrder = serde_json::from_slice(&body).map_err(|e| {
        AppError::with_detail(ErrorCode::MalformedRequest, format!("invalid JSON: {e}"))
    })?;
    let caller = Caller {
        user_id: user.map(|u| u.user_id),
        client_ip: client_ip(&req, state.settings.trust_forwarded_for),
        lang: request_lang(&req),
    };
    let key = match req.headers().get("idempotency-key") {
        None => None,
        Some(v) => {
            let key = v.to_str().unwrap_or_default().trim();
            if key.is_empty() || key.len() > 255 {
                return Err(AppError::field(
                    "Idempotency-Key",
                    "invalid",
                    "1 to 255 visible characters",
                ));
            }
            Some(IdemKey {
                // Scoped to the caller: a signed-in user, else the client address.
                scope: match caller.user_id {
                    Some(id) => format!("user:{id}"),
                    None => format!("client:{}", caller.client_ip),
                },
                key: key.to_owned(),
                // The request is the path and the exact body.
                request_hash: hex::encode(Sha256::digest([slug.as_bytes(), b"\n", &body].concat())),
            })
        }
    };
    if let Some(key) = &key {
        // A read first: replays and conflicts are answered without writing anything.
        let seen = db::idempotency::lookup(
            &state.db,
            &key.scope,
            &key.key,
            &key.request_hash,
            state.now(),
        )
        .await?;
        match seen {
            Some(db::idempotency::Begin::Replay { status, body }) => {
                let status = StatusCode::from_u16(status).unwrap_or(StatusCode::OK);
                return Ok(HttpResponse::build(status)
                    .content_type("application/json")
                    .insert_header(("Idempotent-Replayed", "true"))
                    .body(body));
            }
            Some(db::idempotency::Begin::InProgress) => {
                return Err(AppError::code(ErrorCode::IdempotencyConflict));
            }
            Some(db::idempotency::Begin::Mismatch) => {
                return Err(AppError::code(ErrorCode::IdempotencyKeyReused));
            }
            Some(db::idempotency::Begin::Started) | None => {}
        }
    }
    let order = checkout::place(&state, &slug, &caller, input, key.as_ref()).await?;
    Ok(HttpResponse::Created().json(order))
}
