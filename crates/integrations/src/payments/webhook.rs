//! What a webhook handler hands a gateway to verify: the request exactly as received (method,
//! path, raw query, headers, raw body bytes), and the ways verification can fail. Nothing in a
//! webhook is parsed for meaning until its signature or shared secret has been checked.

use std::collections::BTreeMap;

/// One incoming webhook, as received.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WebhookRequest {
    /// `POST`, `GET`, ...
    pub method: String,
    /// The request path without the query (`/api/v1/webhooks/pawapay`).
    pub path: String,
    /// The raw query string without `?` (CamPay sends its callback as query parameters).
    pub query: String,
    /// Header names and values in the order received.
    pub headers: Vec<(String, String)>,
    /// The raw body, byte for byte.
    pub body: Vec<u8>,
}

impl WebhookRequest {
    /// The first value of a header, by case-insensitive name.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }

    /// Flat parameters from the query string, a form body or a JSON object body (later sources
    /// win): CamPay's callback arrives in any of the three. JSON numbers become their text.
    pub(crate) fn params(&self) -> Result<BTreeMap<String, String>, WebhookError> {
        let mut params: BTreeMap<String, String> = serde_urlencoded::from_str(&self.query)
            .map_err(|e| WebhookError::Malformed(format!("query string: {e}")))?;
        let content_type = self
            .header("content-type")
            .unwrap_or_default()
            .to_ascii_lowercase();
        if self.body.iter().all(u8::is_ascii_whitespace) {
            return Ok(params);
        }
        if content_type.starts_with("application/x-www-form-urlencoded") {
            let form: BTreeMap<String, String> = serde_urlencoded::from_bytes(&self.body)
                .map_err(|e| WebhookError::Malformed(format!("form body: {e}")))?;
            params.extend(form);
        } else if content_type.starts_with("application/json") || self.body.starts_with(b"{") {
            let object: serde_json::Map<String, serde_json::Value> =
                serde_json::from_slice(&self.body)
                    .map_err(|e| WebhookError::Malformed(format!("JSON body: {e}")))?;
            for (key, value) in object {
                let text = match value {
                    serde_json::Value::String(text) => text,
                    serde_json::Value::Null => continue,
                    other => other.to_string(),
                };
                params.insert(key, text);
            }
        }
        Ok(params)
    }
}

#[derive(Debug, thiserror::Error)]
pub enum WebhookError {
    /// This gateway sends no webhooks.
    #[error("this gateway has no webhooks")]
    Unsupported,
    /// Missing or wrong signature, digest or secret, an expired signature, or a reference the
    /// gateway does not know: refuse it (401) and do nothing.
    #[error("webhook refused: {0}")]
    Forged(String),
    /// Authentic but unreadable: answer 400 (the gateway will not fix it by retrying).
    #[error("malformed webhook: {0}")]
    Malformed(String),
    /// It could not be checked now (the gateway's key or status endpoint is unreachable): answer
    /// 503 so the gateway delivers it again later.
    #[error("cannot verify the webhook now: {0}")]
    Unavailable(String),
}
