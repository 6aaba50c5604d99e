//! `AppError`: the one error type every handler returns, rendered as RFC 9457 problem+json.
//!
//! Handlers build the error; `http::problem::localize` (a middleware) later renders the body in the
//! request's language with its request id, because `ResponseError` cannot see the request.
//! 5xx bodies are generic; their cause chain is logged once, here.

use actix_web::http::StatusCode;
use actix_web::http::header::{self, HeaderValue};
use actix_web::{HttpResponse, ResponseError};
use common::{ErrorCode, FieldError, Lang, Problem};
use validator::{ValidationErrors, ValidationErrorsKind};

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("{code}: {detail:?}")]
    Coded {
        code: ErrorCode,
        detail: Option<String>,
        errors: Vec<FieldError>,
    },
    #[error("rate limited ({limit} per window, retry in {retry_after_secs}s)")]
    RateLimited { limit: u32, retry_after_secs: u64 },
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

pub type AppResult<T> = Result<T, AppError>;

impl AppError {
    pub fn code(code: ErrorCode) -> AppError {
        AppError::Coded {
            code,
            detail: None,
            errors: Vec::new(),
        }
    }

    pub fn with_detail(code: ErrorCode, detail: impl Into<String>) -> AppError {
        AppError::Coded {
            code,
            detail: Some(detail.into()),
            errors: Vec::new(),
        }
    }

    pub fn not_found() -> AppError {
        AppError::code(ErrorCode::NotFound)
    }

    pub fn forbidden() -> AppError {
        AppError::code(ErrorCode::Forbidden)
    }

    /// 422 with one field error.
    pub fn field(field: &str, code: &str, message: &str) -> AppError {
        AppError::fields(vec![FieldError {
            field: field.into(),
            code: code.into(),
            message: message.into(),
        }])
    }

    pub fn fields(errors: Vec<FieldError>) -> AppError {
        AppError::Coded {
            code: ErrorCode::ValidationFailed,
            detail: None,
            errors,
        }
    }

    /// A field error reported with a more specific code than `validation_failed` (e.g. `slug_taken`).
    pub fn field_conflict(code: ErrorCode, field: &str, message: &str) -> AppError {
        AppError::Coded {
            code,
            detail: None,
            errors: vec![FieldError {
                field: field.into(),
                code: code.as_str().into(),
                message: message.into(),
            }],
        }
    }

    pub fn internal(err: impl Into<anyhow::Error>) -> AppError {
        AppError::Internal(err.into())
    }

    pub fn error_code(&self) -> ErrorCode {
        match self {
            AppError::Coded { code, .. } => *code,
            AppError::RateLimited { .. } => ErrorCode::RateLimited,
            AppError::Internal(_) => ErrorCode::Internal,
        }
    }

    /// The problem body in `lang`; internals never leave the process.
    pub fn problem(&self, lang: Lang, request_id: Option<String>) -> Problem {
        let code = self.error_code();
        let (detail, errors) = match self {
            AppError::Coded { detail, errors, .. } => (detail.clone(), errors.clone()),
            AppError::RateLimited {
                retry_after_secs, ..
            } => (
                Some(match lang {
                    Lang::En => format!("Try again in {retry_after_secs} seconds."),
                    Lang::Fr => format!("Réessayez dans {retry_after_secs} secondes."),
                }),
                Vec::new(),
            ),
            AppError::Internal(_) => (None, Vec::new()),
        };
        Problem {
            type_url: Problem::type_url_for(code),
            title: code.title(lang).to_owned(),
            status: code.status(),
            detail,
            code,
            errors,
            request_id,
        }
    }

    /// Full response, used by the localizing middleware and as the fallback rendering.
    pub fn render(&self, lang: Lang, request_id: Option<String>) -> HttpResponse {
        let problem = self.problem(lang, request_id);
        let mut res = HttpResponse::build(self.status_code());
        res.insert_header((
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/problem+json"),
        ));
        res.insert_header((
            header::CONTENT_LANGUAGE,
            HeaderValue::from_static(lang.as_str()),
        ));
        if let AppError::RateLimited {
            limit,
            retry_after_secs,
        } = self
        {
            res.insert_header((header::RETRY_AFTER, retry_after_secs.to_string()));
            res.insert_header(("RateLimit-Limit", limit.to_string()));
            res.insert_header(("RateLimit-Remaining", "0"));
            res.insert_header(("RateLimit-Reset", retry_after_secs.to_string()));
        }
        if self.error_code() == ErrorCode::AuthenticationRequired
            || self.error_code() == ErrorCode::InvalidToken
        {
            res.insert_header((header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer")));
        }
        res.json(problem)
    }
}

impl ResponseError for AppError {
    fn status_code(&self) -> StatusCode {
        StatusCode::from_u16(self.error_code().status())
            .unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
    }

    fn error_response(&self) -> HttpResponse {
        if let AppError::Internal(err) = self {
            tracing::error!(error.cause_chain = ?err, "request failed");
        }
        self.render(Lang::En, None)
    }
}

/// Raw driver errors (begin/commit) take the same path as repository errors.
impl From<db::DbErr> for AppError {
    fn from(err: db::DbErr) -> AppError {
        AppError::from(db::DbError::from(err))
    }
}

impl From<db::DbError> for AppError {
    fn from(err: db::DbError) -> AppError {
        match err {
            db::DbError::NotFound => AppError::not_found(),
            db::DbError::Conflict(constraint) => match constraint.as_str() {
                "users_email_key" => {
                    AppError::field_conflict(ErrorCode::EmailTaken, "email", "already in use")
                }
                "organizations_slug_key" => {
                    AppError::field_conflict(ErrorCode::SlugTaken, "slug", "already taken")
                }
                "memberships_org_user_key" => AppError::code(ErrorCode::AlreadyMember),
                "coupons_event_id_code_key" => AppError::field_conflict(
                    ErrorCode::Conflict,
                    "code",
                    "this event already has a coupon with this code",
                ),
                _ => AppError::internal(anyhow::anyhow!("unmapped unique constraint {constraint}")),
            },
            db::DbError::Other(e) => AppError::internal(e),
        }
    }
}

/// Runs `validator` rules and turns their failures into field errors with stable codes.
pub fn validate<T: validator::Validate>(value: &T) -> AppResult<()> {
    value
        .validate()
        .map_err(|e| AppError::fields(field_errors(&e)))
}

pub fn field_errors(errors: &ValidationErrors) -> Vec<FieldError> {
    let mut out = Vec::new();
    collect(errors, "", &mut out);
    out.sort_by(|a, b| a.field.cmp(&b.field));
    out
}

fn collect(errors: &ValidationErrors, prefix: &str, out: &mut Vec<FieldError>) {
    for (field, kind) in errors.errors() {
        let path = if prefix.is_empty() {
            field.to_string()
        } else {
            format!("{prefix}.{field}")
        };
        match kind {
            ValidationErrorsKind::Field(list) => {
                for e in list {
                    let message = e
                        .message
                        .as_ref()
                        .map_or_else(|| describe(e), |m| m.to_string());
                    out.push(FieldError {
                        field: path.clone(),
                        code: e.code.to_string(),
                        message,
                    });
                }
            }
            ValidationErrorsKind::Struct(inner) => collect(inner, &path, out),
            ValidationErrorsKind::List(items) => {
                for (i, inner) in items {
                    collect(inner, &format!("{path}[{i}]"), out);
                }
            }
        }
    }
}

fn describe(e: &validator::ValidationError) -> String {
    let param = |k: &str| e.params.get(k).map(|v| v.to_string());
    match (param("min"), param("max"), param("equal")) {
        (_, _, Some(eq)) => format!("must be exactly {eq} characters"),
        (Some(min), Some(max), _) => format!("must be between {min} and {max} characters"),
        (Some(min), None, _) => format!("must be at least {min} characters"),
        (None, Some(max), _) => format!("must be at most {max} characters"),
        _ => format!("is invalid ({})", e.code),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn internal_errors_never_leak_their_cause_into_the_body() {
        let err = AppError::internal(anyhow::anyhow!("password=hunter2 at db.internal:5432"));
        let body = serde_json::to_string(&err.problem(Lang::En, Some("rid".into()))).unwrap();
        assert!(!body.contains("hunter2"));
        assert!(!body.contains("db.internal"));
        assert!(body.contains("\"code\":\"internal\""));
        assert!(body.contains("\"request_id\":\"rid\""));
    }

    #[test]
    fn validation_failures_become_sorted_field_errors_with_codes() {
        let bad = common::auth::Signup {
            email: "nope".into(),
            password: "short".into(),
            name: String::new(),
            language: None,
        };
        let AppError::Coded { code, errors, .. } = validate(&bad).unwrap_err() else {
            panic!("expected a coded error");
        };
        assert_eq!(code, ErrorCode::ValidationFailed);
        let fields: Vec<_> = errors
            .iter()
            .map(|e| (e.field.as_str(), e.code.as_str()))
            .collect();
        assert_eq!(
            fields,
            vec![
                ("email", "invalid_email"),
                ("name", "length"),
                ("password", "password_length")
            ]
        );
    }

    #[test]
    fn titles_follow_the_requested_language() {
        let err = AppError::not_found();
        assert_eq!(err.problem(Lang::Fr, None).title, "Introuvable");
    }
}
