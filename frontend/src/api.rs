//! The typed HTTP client of the REST API (`/api/v1`): one async function per operation, named like
//! the operation, in the submodules. Every call sends `Accept-Language` and, when signed in,
//! `Authorization: Bearer`; a 401 with a token held triggers one shared refresh and one retry.
//! Errors decode RFC 9457 problem bodies into [`ApiError::Problem`].

pub mod admin;
pub mod auth;
pub mod checkin;
pub mod coupons;
pub mod events;
pub mod finance;
pub mod me;
pub mod members;
pub mod orders;
pub mod orgs;
pub mod public;
pub mod scanner;
pub mod stream;
pub mod swag;

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use common::{ErrorCode, FieldError, Lang, Problem};
use futures_util::future::{FutureExt, LocalBoxFuture, Shared};
use gloo_net::http::{Request, RequestBuilder, Response};
use serde::Serialize;
use serde::de::DeserializeOwned;
use wasm_bindgen::JsValue;

pub const API_BASE: &str = "/api/v1";

/// What a call can fail with.
#[derive(Debug, Clone, PartialEq)]
pub enum ApiError {
    /// The server answered with a problem (or a non-JSON error, turned into one). Boxed: a
    /// problem is large, and `Result<T, ApiError>` travels everywhere.
    Problem(Box<Problem>),
    /// No answer: offline, DNS, CORS, aborted.
    Network(String),
}

impl ApiError {
    pub fn code(&self) -> Option<ErrorCode> {
        match self {
            ApiError::Problem(p) => Some(p.code),
            ApiError::Network(_) => None,
        }
    }

    pub fn is(&self, code: ErrorCode) -> bool {
        self.code() == Some(code)
    }

    /// The error reported on `field`, if any. A bare `slug_taken` belongs to `slug`, a bare
    /// `coupon_invalid` / `coupon_exhausted` to `coupon_code`.
    pub fn field(&self, field: &str) -> Option<FieldError> {
        let ApiError::Problem(p) = self else {
            return None;
        };
        if let Some(fe) = p.errors.iter().find(|e| e.field == field) {
            return Some(fe.clone());
        }
        // Codes that belong to one field when the server names none.
        let owner = match p.code {
            ErrorCode::SlugTaken => "slug",
            ErrorCode::CouponInvalid | ErrorCode::CouponExhausted => "coupon_code",
            _ => return None,
        };
        (field == owner && p.errors.is_empty()).then(|| FieldError {
            field: owner.into(),
            code: p.code.as_str().into(),
            message: p.title.clone(),
        })
    }

    /// Every error reported on `field` (a field can break several rules at once), its list items
    /// (`allowed_emails[2]`) included.
    pub fn field_all(&self, field: &str) -> Vec<FieldError> {
        let item = format!("{field}[");
        let all: Vec<FieldError> = self
            .field_errors()
            .iter()
            .filter(|e| e.field == field || e.field.starts_with(&item))
            .cloned()
            .collect();
        if all.is_empty() {
            self.field(field).into_iter().collect()
        } else {
            all
        }
    }

    /// Every field error of a problem (none for other failures).
    pub fn field_errors(&self) -> &[FieldError] {
        match self {
            ApiError::Problem(p) => &p.errors,
            ApiError::Network(_) => &[],
        }
    }

    /// Client-side validation failures, shaped like the server's; `None` when there are none.
    pub fn invalid(errors: &[(&str, &str)]) -> Option<ApiError> {
        if errors.is_empty() {
            return None;
        }
        Some(ApiError::Problem(Box::new(Problem {
            type_url: Problem::type_url_for(ErrorCode::ValidationFailed),
            title: String::new(),
            status: 422,
            detail: None,
            code: ErrorCode::ValidationFailed,
            errors: errors
                .iter()
                .map(|(field, code)| FieldError {
                    field: (*field).into(),
                    code: (*code).into(),
                    message: String::new(),
                })
                .collect(),
            request_id: None,
        })))
    }

    /// One field refused on the client, shaped like the server's refusal.
    pub fn invalid_field(field: &str, code: &str) -> ApiError {
        ApiError::invalid(&[(field, code)])
            .unwrap_or_else(|| ApiError::from_code(ErrorCode::ValidationFailed))
    }

    /// An error decided on the client (a file too large, a wrong type), shaped like the server's.
    pub fn from_code(code: ErrorCode) -> ApiError {
        ApiError::Problem(Box::new(Problem {
            type_url: Problem::type_url_for(code),
            title: String::new(),
            status: code.status(),
            detail: None,
            code,
            errors: Vec::new(),
            request_id: None,
        }))
    }

    fn from_status(status: u16) -> ApiError {
        let code = match status {
            400 => ErrorCode::MalformedRequest,
            401 => ErrorCode::AuthenticationRequired,
            403 => ErrorCode::Forbidden,
            404 => ErrorCode::NotFound,
            413 => ErrorCode::PayloadTooLarge,
            415 => ErrorCode::UnsupportedMediaType,
            429 => ErrorCode::RateLimited,
            502..=504 => ErrorCode::ServiceUnavailable,
            _ => ErrorCode::Internal,
        };
        ApiError::from_code(code)
    }
}

thread_local! {
    static TOKEN: RefCell<Option<String>> = const { RefCell::new(None) };
    static LANG: Cell<Lang> = const { Cell::new(Lang::En) };
    static REFRESHING: RefCell<Option<Shared<LocalBoxFuture<'static, Option<String>>>>> = const { RefCell::new(None) };
    static ON_EXPIRED: RefCell<Option<Rc<dyn Fn()>>> = const { RefCell::new(None) };
}

/// Holds the access token in memory (never in storage).
pub fn set_token(token: Option<String>) {
    TOKEN.with(|t| *t.borrow_mut() = token);
}

pub fn token() -> Option<String> {
    TOKEN.with(|t| t.borrow().clone())
}

/// The language sent as `Accept-Language`.
pub fn set_lang(lang: Lang) {
    LANG.with(|l| l.set(lang));
}

/// Called when the session could not be refreshed after a 401 (the person is signed out).
pub fn on_session_expired(f: impl Fn() + 'static) {
    ON_EXPIRED.with(|c| *c.borrow_mut() = Some(Rc::new(f)));
}

/// Exchanges the refresh cookie for a new access token; concurrent callers share one request, so a
/// rotating refresh token is never presented twice.
pub async fn refresh_shared() -> Option<String> {
    let fut = REFRESHING.with(|r| {
        r.borrow_mut()
            .get_or_insert_with(|| {
                async {
                    let token = auth::refresh().await.ok().map(|t| t.access_token);
                    set_token(token.clone());
                    REFRESHING.with(|r| *r.borrow_mut() = None);
                    token
                }
                .boxed_local()
                .shared()
            })
            .clone()
    });
    fut.await
}

#[derive(Clone, Copy)]
pub(crate) enum Method {
    Get,
    Post,
    Put,
    Patch,
    Delete,
}

/// A request body.
pub(crate) enum Body {
    None,
    Json(String),
    /// Raw bytes (a `File`/`Blob`) with their content type.
    Raw(JsValue, String),
}

impl Body {
    pub(crate) fn json<T: Serialize>(value: &T) -> Result<Body, ApiError> {
        serde_json::to_string(value)
            .map(Body::Json)
            .map_err(|e| ApiError::Network(e.to_string()))
    }
}

fn builder(method: Method, url: &str) -> RequestBuilder {
    match method {
        Method::Get => Request::get(url),
        Method::Post => Request::post(url),
        Method::Put => Request::put(url),
        Method::Patch => Request::patch(url),
        Method::Delete => Request::delete(url),
    }
}

async fn send_once(
    method: Method,
    path: &str,
    body: &Body,
    token: Option<&str>,
    headers: &[(&str, &str)],
) -> Result<Response, ApiError> {
    let url = format!("{API_BASE}{path}");
    let lang = LANG.with(Cell::get);
    let mut b = builder(method, &url)
        .header("Accept", "application/json")
        .header("Accept-Language", lang.as_str());
    if let Some(t) = token {
        b = b.header("Authorization", &format!("Bearer {t}"));
    }
    for (k, v) in headers {
        b = b.header(k, v);
    }
    let req = match body {
        Body::None => b.build(),
        Body::Json(s) => b
            .header("Content-Type", "application/json")
            .body(s.as_str()),
        Body::Raw(v, ct) => b.header("Content-Type", ct).body(v.clone()),
    }
    .map_err(|e| ApiError::Network(e.to_string()))?;
    req.send()
        .await
        .map_err(|e| ApiError::Network(e.to_string()))
}

/// Sends a request, refreshing the session and retrying once on a 401; returns the successful response.
pub(crate) async fn send(method: Method, path: &str, body: Body) -> Result<Response, ApiError> {
    send_with(method, path, body, &[]).await
}

/// [`send`] with extra request headers (e.g. `Idempotency-Key`).
pub(crate) async fn send_with(
    method: Method,
    path: &str,
    body: Body,
    headers: &[(&str, &str)],
) -> Result<Response, ApiError> {
    let used = token();
    let resp = send_once(method, path, &body, used.as_deref(), headers).await?;
    let resp = if resp.status() == 401 && used.is_some() && !path.starts_with("/auth/") {
        // Another call may already have refreshed the token.
        let current = token();
        let fresh = if current.is_some() && current != used {
            current
        } else {
            refresh_shared().await
        };
        match fresh {
            Some(t) => send_once(method, path, &body, Some(&t), headers).await?,
            None => {
                if let Some(f) = ON_EXPIRED.with(|c| c.borrow().clone()) {
                    f();
                }
                resp
            }
        }
    } else {
        resp
    };
    if resp.ok() {
        Ok(resp)
    } else {
        Err(problem_of(resp).await)
    }
}

async fn problem_of(resp: Response) -> ApiError {
    let status = resp.status();
    match resp.text().await {
        Ok(text) => serde_json::from_str::<Problem>(&text)
            .map(|p| ApiError::Problem(Box::new(p)))
            .unwrap_or_else(|_| ApiError::from_status(status)),
        Err(_) => ApiError::from_status(status),
    }
}

/// A call answering JSON.
pub(crate) async fn fetch_json<T: DeserializeOwned>(
    method: Method,
    path: &str,
    body: Body,
) -> Result<T, ApiError> {
    let resp = send(method, path, body).await?;
    resp.json::<T>()
        .await
        .map_err(|e| ApiError::Network(e.to_string()))
}

/// [`fetch_json`] with extra request headers.
pub(crate) async fn fetch_json_with<T: DeserializeOwned>(
    method: Method,
    path: &str,
    body: Body,
    headers: &[(&str, &str)],
) -> Result<T, ApiError> {
    let resp = send_with(method, path, body, headers).await?;
    resp.json::<T>()
        .await
        .map_err(|e| ApiError::Network(e.to_string()))
}

/// A call answering 202/204 with a body we do not need.
pub(crate) async fn fetch_empty(method: Method, path: &str, body: Body) -> Result<(), ApiError> {
    send(method, path, body).await.map(|_| ())
}

/// A same-origin text resource outside the API (a stylesheet): no token, no refresh.
pub(crate) async fn fetch_text(url: &str) -> Result<String, ApiError> {
    let resp = Request::get(url)
        .send()
        .await
        .map_err(|e| ApiError::Network(e.to_string()))?;
    if !resp.ok() {
        return Err(ApiError::from_status(resp.status()));
    }
    resp.text()
        .await
        .map_err(|e| ApiError::Network(e.to_string()))
}

/// `?q=&cursor=` style query strings; empty values are left out.
pub(crate) fn query(params: &[(&str, Option<&str>)]) -> String {
    let parts: Vec<String> = params
        .iter()
        .filter_map(|(k, v)| {
            v.filter(|v| !v.is_empty())
                .map(|v| format!("{k}={}", crate::util::encode(v)))
        })
        .collect();
    if parts.is_empty() {
        String::new()
    } else {
        format!("?{}", parts.join("&"))
    }
}
