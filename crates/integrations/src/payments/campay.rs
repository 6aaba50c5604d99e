//! CamPay (Cameroon, XAF; MTN and Orange mobile money): a USSD push to the payer's phone
//! (`POST collect/`), or a hosted payment link (MoMo and card) when we have no number; status by
//! `GET transaction/{reference}/`; payouts by `POST withdraw/`, and refunds the same way, back
//! to the payer's number (CamPay has no refund API).
//!
//! Authentication is either a permanent app token or the app's API username and password, which
//! buy a temporary token (`POST token/`) renewed shortly before it expires, and once more if
//! CamPay answers 401. The scheme word is `Token`, not `Bearer`.
//!
//! Callbacks carry a `signature` JWT (HS256 with the app's webhook key) that binds none of the
//! parameters, so a verified callback is only a trigger: the report comes from a status query.
//!
//! Our ids travel as `external_reference`: the payment id as is, `refund-<id>` and `payout-<id>`
//! for the others, so a callback tells which kind of transaction it is about.

use std::time::{Duration, Instant};

use async_trait::async_trait;
use reqwest::header::AUTHORIZATION;
use reqwest::{Method, StatusCode, Url};
use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::http::{self, Reply};
use super::msisdn::{self, Country, Operator};
use super::{
    ConfigError, DeclineCode, GatewayError, PaymentError, PaymentGateway, PaymentStatus,
    PayoutRequest, RefundRequest, StartRequest, Started, Transfer, TxKind, TxReport, WebhookError,
    WebhookEvent, WebhookRequest, amount,
};

pub const SANDBOX_URL: &str = "https://demo.campay.net/api/";
pub const LIVE_URL: &str = "https://www.campay.net/api/";
const CURRENCY: &str = "XAF";

/// How we authenticate to CamPay.
#[derive(Debug, Clone)]
pub enum CampayAuth {
    /// The dashboard's permanent access token ("APP KEYS").
    Token(SecretString),
    /// The app's API username and password, exchanged for temporary tokens.
    Credentials {
        username: String,
        password: SecretString,
    },
}

#[derive(Debug, Clone)]
pub struct CampayConfig {
    /// [`SANDBOX_URL`], [`LIVE_URL`], or a stub's URL.
    pub base_url: String,
    pub auth: CampayAuth,
    /// The app's webhook key: callbacks are signed with it.
    pub webhook_key: SecretString,
    /// Where the hosted payment link returns the buyer; `{payment_id}`, `{order_id}` and
    /// `{order_token}` are replaced.
    pub return_url: String,
    pub timeout: Duration,
}

pub struct Campay {
    base: Url,
    http: reqwest::Client,
    auth: CampayAuth,
    webhook_key: SecretString,
    return_url: String,
    token: tokio::sync::Mutex<Option<CachedToken>>,
}

struct CachedToken {
    value: SecretString,
    renew_at: Instant,
}

/// `POST collect/`'s answer: CamPay's reference and what the payer dials to confirm.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Collected {
    pub reference: String,
    #[serde(default)]
    pub ussd_code: Option<String>,
    #[serde(default)]
    pub operator: Option<String>,
}

#[derive(Serialize)]
struct CollectBody<'a> {
    amount: String,
    currency: &'a str,
    from: String,
    description: String,
    external_reference: String,
}

#[derive(Serialize)]
struct PaymentLinkBody<'a> {
    amount: String,
    currency: &'a str,
    description: String,
    external_reference: String,
    redirect_url: String,
    failure_redirect_url: String,
    payment_options: &'a str,
    email: &'a str,
}

#[derive(Deserialize)]
struct PaymentLink {
    link: String,
    #[serde(default)]
    reference: Option<String>,
}

#[derive(Serialize)]
struct WithdrawBody<'a> {
    amount: String,
    currency: &'a str,
    to: String,
    description: String,
    external_reference: String,
}

#[derive(Deserialize)]
struct Withdrawn {
    reference: String,
    #[serde(default)]
    status: Option<String>,
}

#[derive(Debug, Deserialize)]
struct Transaction {
    reference: String,
    #[serde(default)]
    external_reference: Option<String>,
    status: String,
    #[serde(default)]
    amount: serde_json::Value,
    #[serde(default)]
    currency: Option<String>,
    #[serde(default)]
    reason: Option<String>,
    #[serde(default)]
    phone_number: Option<String>,
}

#[derive(Deserialize)]
struct TokenAnswer {
    token: String,
    #[serde(default)]
    expires_in: Option<u64>,
}

impl Campay {
    pub fn new(config: CampayConfig) -> Result<Campay, ConfigError> {
        Ok(Campay {
            base: http::base_url(&config.base_url)?,
            http: http::client(config.timeout)?,
            auth: config.auth,
            webhook_key: config.webhook_key,
            return_url: config.return_url,
            token: tokio::sync::Mutex::new(None),
        })
    }

    /// Asks the payer's phone to approve a payment (USSD push).
    pub async fn collect(
        &self,
        request: &StartRequest,
        phone: &str,
    ) -> Result<Collected, PaymentError> {
        let body = CollectBody {
            amount: xaf(request.amount_minor, &request.currency)?,
            currency: CURRENCY,
            from: cameroon_mobile(phone)?,
            description: super::order_description(request),
            external_reference: request.payment_id.to_string(),
        };
        let reply = self.call(Method::POST, "collect/", Some(&body)).await?;
        if !reply.status.is_success() {
            return Err(campay_error(&reply));
        }
        reply.json()
    }

    /// A hosted page where the buyer pays by mobile money or card.
    async fn payment_link(&self, request: &StartRequest) -> Result<Started, PaymentError> {
        let back = super::return_url(&self.return_url, request);
        let body = PaymentLinkBody {
            amount: xaf(request.amount_minor, &request.currency)?,
            currency: CURRENCY,
            description: super::order_description(request),
            external_reference: request.payment_id.to_string(),
            redirect_url: back.clone(),
            failure_redirect_url: back,
            payment_options: "MOMO,CARD",
            email: &request.buyer_email,
        };
        let reply = self
            .call(Method::POST, "get_payment_link/", Some(&body))
            .await?;
        if !reply.status.is_success() {
            return Err(campay_error(&reply));
        }
        let link: PaymentLink = reply.json()?;
        Ok(Started {
            redirect_url: Some(link.link),
            provider_ref: link.reference,
            dial_code: None,
        })
    }

    async fn transaction(&self, reference: &str) -> Result<Transaction, PaymentError> {
        if reference.is_empty()
            || !reference
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-')
        {
            return Err(PaymentError::NotFound(reference.to_owned()));
        }
        let path = format!("transaction/{reference}/");
        let reply = self.call(Method::GET, &path, None::<&()>).await?;
        if reply.status == StatusCode::NOT_FOUND {
            return Err(PaymentError::NotFound(reference.to_owned()));
        }
        if !reply.status.is_success() {
            return Err(campay_error(&reply));
        }
        reply.json()
    }

    async fn withdraw(
        &self,
        amount_minor: i64,
        currency: &str,
        to: String,
        description: String,
        external_reference: String,
    ) -> Result<Transfer, PaymentError> {
        let body = WithdrawBody {
            amount: xaf(amount_minor, currency)?,
            currency: CURRENCY,
            to,
            description,
            external_reference,
        };
        let reply = self.call(Method::POST, "withdraw/", Some(&body)).await?;
        if !reply.status.is_success() {
            return Err(campay_error(&reply));
        }
        let answer: Withdrawn = reply.json()?;
        Ok(Transfer {
            provider_ref: answer.reference,
            status: answer
                .status
                .as_deref()
                .map_or(PaymentStatus::Pending, |s| status(s, None)),
        })
    }

    /// One authenticated call; a 401 with a temporary token renews it and tries once more
    /// (CamPay did nothing with a request it refused).
    async fn call<B: Serialize + ?Sized>(
        &self,
        method: Method,
        path: &str,
        body: Option<&B>,
    ) -> Result<Reply, PaymentError> {
        let url = http::join(&self.base, path)?;
        let mut renewed = false;
        loop {
            let token = self.token().await?;
            let mut request = self
                .http
                .request(method.clone(), url.clone())
                .header(AUTHORIZATION, format!("Token {}", token.expose_secret()));
            if let Some(body) = body {
                request = request.json(body);
            }
            let reply = http::send(request).await?;
            let temporary = matches!(self.auth, CampayAuth::Credentials { .. });
            if reply.status == StatusCode::UNAUTHORIZED && temporary && !renewed {
                renewed = true;
                *self.token.lock().await = None;
                continue;
            }
            return Ok(reply);
        }
    }

    /// The permanent token, or a temporary one that has some life left (fetched if not).
    async fn token(&self) -> Result<SecretString, PaymentError> {
        let (username, password) = match &self.auth {
            CampayAuth::Token(token) => return Ok(token.clone()),
            CampayAuth::Credentials { username, password } => (username, password),
        };
        let mut cached = self.token.lock().await;
        if let Some(token) = cached.as_ref()
            && Instant::now() < token.renew_at
        {
            return Ok(token.value.clone());
        }
        let url = http::join(&self.base, "token/")?;
        let body = serde_json::json!({
            "username": username,
            "password": password.expose_secret(),
        });
        let reply = http::send(self.http.post(url).json(&body)).await?;
        if !reply.status.is_success() {
            return Err(PaymentError::Unavailable(format!(
                "CamPay refused the app credentials (HTTP {})",
                reply.status
            )));
        }
        let answer: TokenAnswer = reply.json()?;
        let lifetime = Duration::from_secs(answer.expires_in.unwrap_or(3600));
        // Renew a minute early, or a fifth of the lifetime early for short-lived tokens.
        let margin = (lifetime / 5).min(Duration::from_secs(60));
        let value = SecretString::from(answer.token);
        *cached = Some(CachedToken {
            value: value.clone(),
            renew_at: Instant::now() + lifetime - margin,
        });
        Ok(value)
    }

    fn report(&self, kind: TxKind, tx: Transaction) -> Result<TxReport, PaymentError> {
        let currency = tx.currency.unwrap_or_else(|| CURRENCY.to_owned());
        let amount_minor = amount::parse_json_amount(&tx.amount, &currency).map_err(|e| {
            PaymentError::Unavailable(format!("CamPay sent an unreadable amount: {e}"))
        })?;
        let (reference_kind, reference_id) = tx
            .external_reference
            .as_deref()
            .map(parse_external_reference)
            .unwrap_or((None, None));
        Ok(TxReport {
            kind: reference_kind.unwrap_or(kind),
            provider_ref: tx.reference,
            reference_id,
            status: status(&tx.status, tx.reason.as_deref()),
            amount_minor,
            currency,
        })
    }

    fn verify_signature(&self, jwt: &str) -> Result<(), WebhookError> {
        let mut validation = jsonwebtoken::Validation::new(jsonwebtoken::Algorithm::HS256);
        validation.required_spec_claims.clear();
        validation.validate_exp = false;
        validation.validate_nbf = false;
        validation.validate_aud = false;
        let key =
            jsonwebtoken::DecodingKey::from_secret(self.webhook_key.expose_secret().as_bytes());
        jsonwebtoken::decode::<serde_json::Value>(jwt, &key, &validation)
            .map(|_| ())
            .map_err(|e| WebhookError::Forged(format!("CamPay signature: {e}")))
    }
}

#[async_trait]
impl PaymentGateway for Campay {
    fn method(&self) -> &'static str {
        "campay"
    }

    async fn start(&self, request: &StartRequest) -> Result<Started, GatewayError> {
        match request
            .buyer_phone
            .as_deref()
            .filter(|p| !p.trim().is_empty())
        {
            Some(phone) => {
                let collected = self.collect(request, phone).await?;
                Ok(Started {
                    redirect_url: None,
                    provider_ref: Some(collected.reference),
                    dial_code: collected.ussd_code,
                })
            }
            None => Ok(self.payment_link(request).await?),
        }
    }

    async fn query(&self, kind: TxKind, provider_ref: &str) -> Result<TxReport, PaymentError> {
        let tx = self.transaction(provider_ref).await?;
        self.report(kind, tx)
    }

    /// A withdrawal of the refunded amount to the payer's number. CamPay does not deduplicate:
    /// after `Unavailable`, query before trying again.
    async fn refund(&self, request: &RefundRequest) -> Result<Transfer, PaymentError> {
        let phone = match &request.payer_phone {
            Some(phone) => phone.clone(),
            None => self
                .transaction(&request.payment_ref)
                .await?
                .phone_number
                .ok_or_else(|| {
                    PaymentError::declined(
                        DeclineCode::InvalidState,
                        "CamPay did not say which number paid; give the payer's number",
                    )
                })?,
        };
        let description = request
            .reason
            .clone()
            .unwrap_or_else(|| "Refund".to_owned());
        self.withdraw(
            request.amount_minor,
            &request.currency,
            cameroon_mobile(&phone)?,
            description,
            format!("refund-{}", request.refund_id),
        )
        .await
    }

    async fn payout(&self, request: &PayoutRequest) -> Result<Transfer, PaymentError> {
        if let Some(operator) = request.operator
            && !matches!(operator, Operator::Mtn | Operator::Orange)
        {
            return Err(PaymentError::declined(
                DeclineCode::UnsupportedOperator,
                format!("CamPay pays out to MTN and Orange only, not {operator}"),
            ));
        }
        self.withdraw(
            request.amount_minor,
            &request.currency,
            cameroon_mobile(&request.phone)?,
            request.description.clone(),
            format!("payout-{}", request.payout_id),
        )
        .await
    }

    async fn verify_webhook(&self, request: &WebhookRequest) -> Result<WebhookEvent, WebhookError> {
        let params = request.params()?;
        let signature = params
            .get("signature")
            .ok_or_else(|| WebhookError::Forged("CamPay callback without a signature".into()))?;
        self.verify_signature(signature)?;
        let reference = params
            .get("reference")
            .ok_or_else(|| WebhookError::Malformed("no reference".into()))?;
        // The signature binds nothing: what happened is what CamPay says when asked.
        let kind = params
            .get("external_reference")
            .and_then(|r| parse_external_reference(r).0)
            .unwrap_or(TxKind::Payment);
        self.query(kind, reference).await.map_err(|e| match e {
            PaymentError::NotFound(r) => WebhookError::Forged(format!("unknown reference {r:?}")),
            other => WebhookError::Unavailable(other.to_string()),
        })
    }
}

/// Whole francs: CamPay refuses decimals (ER201) and serves XAF only.
fn xaf(amount_minor: i64, currency: &str) -> Result<String, PaymentError> {
    if currency != CURRENCY {
        return Err(PaymentError::declined(
            DeclineCode::UnsupportedCurrency,
            format!("CamPay takes XAF only, not {currency}"),
        ));
    }
    amount::format_amount(amount_minor, currency)
        .map_err(|e| PaymentError::declined(DeclineCode::InvalidAmount, e.to_string()))
}

/// `2376XXXXXXXX`: CamPay serves Cameroonian mobile numbers only (ER101 otherwise).
fn cameroon_mobile(phone: &str) -> Result<String, PaymentError> {
    let msisdn = msisdn::normalize(phone, Country::CAMEROON)
        .map_err(|e| PaymentError::declined(DeclineCode::InvalidPhone, e.to_string()))?;
    if msisdn.starts_with("2376") {
        Ok(msisdn)
    } else {
        Err(PaymentError::declined(
            DeclineCode::InvalidPhone,
            format!(
                "{} is not a Cameroonian mobile number",
                msisdn::mask(&msisdn)
            ),
        ))
    }
}

fn status(text: &str, reason: Option<&str>) -> PaymentStatus {
    match text.to_ascii_uppercase().as_str() {
        "SUCCESSFUL" | "SUCCESS" => PaymentStatus::Succeeded,
        "FAILED" => PaymentStatus::Failed(
            reason
                .filter(|r| !r.is_empty())
                .unwrap_or("FAILED")
                .to_owned(),
        ),
        _ => PaymentStatus::Pending,
    }
}

/// `<uuid>` (payment), `refund-<uuid>`, `payout-<uuid>`.
fn parse_external_reference(text: &str) -> (Option<TxKind>, Option<Uuid>) {
    let (kind, id) = if let Some(id) = text.strip_prefix("refund-") {
        (TxKind::Refund, id)
    } else if let Some(id) = text.strip_prefix("payout-") {
        (TxKind::Payout, id)
    } else {
        (TxKind::Payment, text)
    };
    match Uuid::parse_str(id) {
        Ok(uuid) => (Some(kind), Some(uuid)),
        Err(_) => (None, None),
    }
}

/// CamPay's errors: `ERxxx` codes anywhere in a 4xx body, else the message.
fn campay_error(reply: &Reply) -> PaymentError {
    if let Some(error) = reply.common_failure("CamPay") {
        return error;
    }
    let text = String::from_utf8_lossy(&reply.body);
    let message = reply
        .value()
        .and_then(|v| http::message(&v, &["message", "detail", "non_field_errors", "error"]))
        .unwrap_or_else(|| reply.text());
    let code = if text.contains("ER101") {
        DeclineCode::InvalidPhone
    } else if text.contains("ER102") {
        DeclineCode::UnsupportedOperator
    } else if text.contains("ER201") {
        DeclineCode::InvalidAmount
    } else if text.contains("ER301") {
        DeclineCode::InsufficientFunds
    } else if reply.status == StatusCode::NOT_FOUND {
        return PaymentError::NotFound(message);
    } else {
        DeclineCode::Rejected
    };
    PaymentError::declined(code, message)
}

#[cfg(test)]
mod tests;
