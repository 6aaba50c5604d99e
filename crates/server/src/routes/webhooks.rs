//! `/webhooks/{gateway}`: payment gateways report outcomes here. Public (no bearer): the
//! [`VerifiedWebhook`] extractor takes the request exactly as received (method, path, raw query,
//! headers, raw body bytes) and has the gateway authenticate it before anything in it is read.
//! CamPay calls back with GET and query parameters; the others POST a body.

use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpRequest, get, post, web};
use common::ErrorCode;
use futures_util::future::LocalBoxFuture;
use integrations::payments::{TxReport, WebhookError, WebhookRequest};
use serde::Serialize;

use crate::error::{AppError, AppResult};
use crate::services::webhooks::{self, Applied};
use crate::state::AppState;

const MAX_BODY_BYTES: usize = 64 * 1024;

/// A webhook its gateway has authenticated, reduced to the gateway's report.
pub struct VerifiedWebhook {
    pub method: &'static str,
    pub report: TxReport,
}

impl FromRequest for VerifiedWebhook {
    type Error = AppError;
    type Future = LocalBoxFuture<'static, Result<Self, AppError>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let req = req.clone();
        // Gateway notifications are a few kilobytes; refuse big ones before reading them.
        let declared = req
            .headers()
            .get(actix_web::http::header::CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok()?.parse::<usize>().ok());
        if declared.is_some_and(|n| n > MAX_BODY_BYTES) {
            return Box::pin(async { Err(AppError::code(ErrorCode::PayloadTooLarge)) });
        }
        let body = web::Bytes::from_request(&req, payload);
        Box::pin(async move {
            let body = body
                .await
                .map_err(|_| AppError::code(ErrorCode::MalformedRequest))?;
            let state = req
                .app_data::<web::Data<AppState>>()
                .ok_or_else(|| AppError::internal(anyhow::anyhow!("no AppState")))?;
            let name = req.match_info().get("gateway").unwrap_or_default();
            // The test gateway has no webhooks; a disabled gateway is not there at all.
            let gateway = state
                .gateways
                .get(name)
                .filter(|g| g.method() != "test")
                .ok_or_else(AppError::not_found)?;
            let incoming = WebhookRequest {
                method: req.method().as_str().to_owned(),
                path: req.path().to_owned(),
                query: req.query_string().to_owned(),
                headers: req
                    .headers()
                    .iter()
                    .map(|(k, v)| {
                        let value = String::from_utf8_lossy(v.as_bytes()).into_owned();
                        (k.as_str().to_owned(), value)
                    })
                    .collect(),
                body: body.to_vec(),
            };
            let report = gateway
                .verify_webhook(&incoming)
                .await
                .map_err(|e| refused(gateway.method(), e))?;
            Ok(VerifiedWebhook {
                method: gateway.method(),
                report,
            })
        })
    }
}

/// Forged -> 401 (do nothing), Malformed -> 400 (retrying will not help), Unavailable -> 503
/// (the gateway delivers it again later).
fn refused(method: &str, error: WebhookError) -> AppError {
    tracing::warn!(payment.method = method, error = %error, "webhook refused");
    match error {
        WebhookError::Forged(_) => AppError::with_detail(
            ErrorCode::InvalidToken,
            "the webhook could not be authenticated",
        ),
        WebhookError::Malformed(_) => AppError::code(ErrorCode::MalformedRequest),
        WebhookError::Unavailable(_) => AppError::code(ErrorCode::ServiceUnavailable),
        WebhookError::Unsupported => AppError::not_found(),
    }
}

/// What the webhook did (gateways only look at the status code).
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct WebhookReceipt {
    pub outcome: Applied,
}

async fn receive(state: &AppState, hook: VerifiedWebhook) -> AppResult<web::Json<WebhookReceipt>> {
    match webhooks::apply(state, hook.method, &hook.report).await? {
        Applied::Mismatch => Err(AppError::with_detail(
            ErrorCode::Conflict,
            "amount or currency differ from the payment's",
        )),
        outcome => Ok(web::Json(WebhookReceipt { outcome })),
    }
}

/// A gateway reports a payment's outcome (pawaPay, Flutterwave). Authenticated by the gateway's
/// signature over the raw body; settles the payment once, however often it is delivered.
#[utoipa::path(
    tag = "webhooks",
    params(("gateway" = String, Path, description = "`campay`, `pawapay` or `flutterwave`")),
    request_body(content = String, description = "The gateway's own payload, verified byte for byte", content_type = "application/json"),
    responses(
        (status = 200, body = WebhookReceipt),
        (status = 400, description = "Authentic but unreadable", body = common::Problem, content_type = "application/problem+json"),
        (status = 401, description = "Signature missing or wrong: nothing changed", body = common::Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such gateway enabled", body = common::Problem, content_type = "application/problem+json"),
        (status = 409, description = "Amount or currency differ from the payment's: nothing changed", body = common::Problem, content_type = "application/problem+json"),
        (status = 413, description = "Body above 64 KiB", body = common::Problem, content_type = "application/problem+json"),
        (status = 503, description = "Cannot verify now; deliver again later", body = common::Problem, content_type = "application/problem+json"),
    )
)]
#[post("/webhooks/{gateway}")]
pub async fn receive_webhook(
    state: web::Data<AppState>,
    hook: VerifiedWebhook,
) -> AppResult<web::Json<WebhookReceipt>> {
    receive(&state, hook).await
}

/// The same, for gateways that call back with GET and query parameters (CamPay).
#[utoipa::path(
    tag = "webhooks",
    params(("gateway" = String, Path, description = "`campay`")),
    responses(
        (status = 200, body = WebhookReceipt),
        (status = 401, description = "Signature missing or wrong: nothing changed", body = common::Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such gateway enabled", body = common::Problem, content_type = "application/problem+json"),
        (status = 409, description = "Amount or currency differ from the payment's: nothing changed", body = common::Problem, content_type = "application/problem+json"),
        (status = 503, description = "Cannot verify now; deliver again later", body = common::Problem, content_type = "application/problem+json"),
    )
)]
#[get("/webhooks/{gateway}")]
pub async fn receive_query_webhook(
    state: web::Data<AppState>,
    hook: VerifiedWebhook,
) -> AppResult<web::Json<WebhookReceipt>> {
    receive(&state, hook).await
}
