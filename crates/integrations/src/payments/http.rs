//! HTTP plumbing the gateway clients share: one `reqwest` client per gateway (rustls on ring,
//! with the configured timeout), sending a request and reading the whole answer, and the error
//! mapping every gateway agrees on (timeouts, connection failures, 5xx, 429 and refused
//! credentials mean "unavailable": nothing is known to have happened).

use std::time::Duration;

use reqwest::{Client, RequestBuilder, StatusCode, Url};
use serde::de::DeserializeOwned;

use super::{ConfigError, PaymentError};

/// A client for one gateway. Installs the ring provider for rustls first (idempotent), so no
/// caller can build a client before a provider exists.
pub(crate) fn client(timeout: Duration) -> Result<Client, ConfigError> {
    let _ = rustls::crypto::ring::default_provider().install_default();
    Client::builder()
        .timeout(timeout)
        .connect_timeout(timeout.min(Duration::from_secs(10)))
        .user_agent(concat!("reckot/", env!("CARGO_PKG_VERSION")))
        .build()
        .map_err(|e| ConfigError(format!("cannot build the HTTP client: {e}")))
}

/// The base URL with a trailing slash, so relative paths join under it.
pub(crate) fn base_url(text: &str) -> Result<Url, ConfigError> {
    let with_slash = if text.ends_with('/') {
        text.to_owned()
    } else {
        format!("{text}/")
    };
    let url =
        Url::parse(&with_slash).map_err(|e| ConfigError(format!("base URL {text:?}: {e}")))?;
    match url.scheme() {
        "https" | "http" => Ok(url),
        other => Err(ConfigError(format!("base URL scheme {other:?}"))),
    }
}

pub(crate) fn join(base: &Url, path: &str) -> Result<Url, PaymentError> {
    base.join(path)
        .map_err(|e| PaymentError::Unavailable(format!("bad URL {path:?}: {e}")))
}

/// A whole answer.
pub(crate) struct Reply {
    pub status: StatusCode,
    pub body: Vec<u8>,
}

pub(crate) async fn send(request: RequestBuilder) -> Result<Reply, PaymentError> {
    let response = request.send().await.map_err(transport)?;
    let status = response.status();
    let body = response.bytes().await.map_err(transport)?.to_vec();
    Ok(Reply { status, body })
}

fn transport(error: reqwest::Error) -> PaymentError {
    let what = if error.is_timeout() {
        "timed out"
    } else if error.is_connect() {
        "connection failed"
    } else {
        "request failed"
    };
    PaymentError::Unavailable(format!("{what}: {error}"))
}

impl Reply {
    pub fn json<T: DeserializeOwned>(&self) -> Result<T, PaymentError> {
        serde_json::from_slice(&self.body).map_err(|e| {
            PaymentError::Unavailable(format!("unreadable answer (HTTP {}): {e}", self.status))
        })
    }

    /// The body as JSON, if it is JSON.
    pub fn value(&self) -> Option<serde_json::Value> {
        serde_json::from_slice(&self.body).ok()
    }

    /// The body as text for error messages, shortened.
    pub fn text(&self) -> String {
        let text = String::from_utf8_lossy(&self.body);
        text.chars().take(300).collect()
    }

    /// The mapping all gateways share, for answers that are not a success: `Some` error for
    /// timeouts, throttling, 5xx and refused credentials; `None` when the gateway must decide.
    pub fn common_failure(&self, gateway: &str) -> Option<PaymentError> {
        let status = self.status;
        if status.is_server_error()
            || status == StatusCode::TOO_MANY_REQUESTS
            || status == StatusCode::REQUEST_TIMEOUT
        {
            return Some(PaymentError::Unavailable(format!(
                "{gateway} answered HTTP {status}"
            )));
        }
        if status == StatusCode::UNAUTHORIZED || status == StatusCode::FORBIDDEN {
            return Some(PaymentError::Unavailable(format!(
                "{gateway} refused our credentials (HTTP {status}): {}",
                self.text()
            )));
        }
        None
    }
}

/// The first string found under any of `keys` in a JSON object (or in a list under it).
pub(crate) fn message(value: &serde_json::Value, keys: &[&str]) -> Option<String> {
    keys.iter().find_map(|key| match value.get(key)? {
        serde_json::Value::String(text) => Some(text.clone()),
        serde_json::Value::Array(items) => {
            items.first().and_then(|v| v.as_str()).map(str::to_owned)
        }
        _ => None,
    })
}
