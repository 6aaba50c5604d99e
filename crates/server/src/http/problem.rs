//! Renders every error as problem+json in the request's language with its request id, and echoes
//! the request id in `X-Request-Id` on every response.

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderName, HeaderValue};
use actix_web::middleware::Next;
use actix_web::{
    Error, HttpMessage, HttpRequest, error::JsonPayloadError, error::PathError,
    error::QueryPayloadError,
};
use common::{ErrorCode, FieldError, Lang};
use tracing_actix_web::RequestId;

use crate::error::AppError;

pub const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// The language of a request: `Accept-Language`, else English.
pub fn request_lang(req: &HttpRequest) -> Lang {
    req.headers()
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .and_then(Lang::from_accept_language)
        .unwrap_or_default()
}

pub async fn localize(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, Error> {
    let lang = request_lang(req.request());
    let request_id = req.extensions().get::<RequestId>().map(|id| id.to_string());
    let mut res = next.call(req).await?.map_into_boxed_body();
    if let Some(app_err) = res
        .response()
        .error()
        .and_then(|e| e.as_error::<AppError>())
    {
        let rendered = app_err.render(lang, request_id.clone());
        res = res.into_response(rendered);
    }
    if let Some(id) = request_id.and_then(|id| HeaderValue::from_str(&id).ok()) {
        res.headers_mut().insert(REQUEST_ID, id);
    }
    Ok(res)
}

/// Body errors: a missing field is a field error; anything else unreadable is malformed.
pub fn json_error(err: JsonPayloadError, _req: &HttpRequest) -> Error {
    let app = match &err {
        JsonPayloadError::Deserialize(e) => missing_field(&e.to_string()).map_or_else(
            || AppError::with_detail(ErrorCode::MalformedRequest, e.to_string()),
            |field| {
                AppError::fields(vec![FieldError {
                    field,
                    code: "required".into(),
                    message: "is required".into(),
                }])
            },
        ),
        JsonPayloadError::ContentType => {
            AppError::with_detail(ErrorCode::UnsupportedMediaType, "expected application/json")
        }
        JsonPayloadError::Overflow { .. } | JsonPayloadError::OverflowKnownLength { .. } => {
            AppError::code(ErrorCode::PayloadTooLarge)
        }
        other => AppError::with_detail(ErrorCode::MalformedRequest, other.to_string()),
    };
    app.into()
}

pub fn query_error(err: QueryPayloadError, _req: &HttpRequest) -> Error {
    AppError::with_detail(ErrorCode::MalformedRequest, err.to_string()).into()
}

/// A path segment that does not parse (e.g. a malformed id) names nothing: 404.
pub fn path_error(_err: PathError, _req: &HttpRequest) -> Error {
    AppError::not_found().into()
}

fn missing_field(message: &str) -> Option<String> {
    let rest = message.strip_prefix("missing field `")?;
    Some(rest.split('`').next()?.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serde_missing_field_messages_name_the_field() {
        assert_eq!(
            missing_field("missing field `email` at line 1 column 2"),
            Some("email".into())
        );
        assert_eq!(missing_field("invalid type: integer"), None);
    }
}
