//! Flutterwave v3: Standard hosted checkout (`POST /v3/payments`; card, mobile money and more on
//! Flutterwave's page), verification by transaction id or by our `tx_ref`, refunds
//! (`POST /v3/transactions/{id}/refund`, partial allowed) and payouts to mobile money
//! (`POST /v3/transfers`). Bearer secret-key auth; amounts are JSON numbers in major units, sent
//! here as exact decimal text; answers are wrapped in `{status, message, data}`.
//!
//! A payment's `provider_ref` is its `tx_ref`, which is our payment id (Flutterwave's numeric id
//! exists only once the buyer pays). Refunds and transfers are named by Flutterwave's ids.
//!
//! Webhooks: `flutterwave-signature` (base64 HMAC-SHA256 of the raw body keyed with the secret
//! hash) binds the body, so its content is believed; a webhook with only the legacy `verif-hash`
//! (the secret hash in clear, compared in constant time) binds nothing, so its transaction is
//! fetched from the API and that answer is the report.

use std::time::Duration;

use async_trait::async_trait;
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as B64;
use hmac::{Hmac, Mac as _};
use reqwest::{StatusCode, Url};
use secrecy::{ExposeSecret, SecretString};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use sha2::Sha256;
use subtle::ConstantTimeEq as _;
use uuid::Uuid;

use super::http::{self, Reply};
use super::msisdn::{self, Country, Operator};
use super::{
    ConfigError, DeclineCode, GatewayError, PaymentError, PaymentGateway, PaymentStatus,
    PayoutRequest, RefundRequest, StartRequest, Started, Transfer, TxKind, TxReport, WebhookError,
    WebhookEvent, WebhookRequest, amount,
};

pub const API_URL: &str = "https://api.flutterwave.com/v3/";

#[derive(Debug, Clone)]
pub struct FlutterwaveConfig {
    /// [`API_URL`] (test or live is the key's prefix), or a stub's URL.
    pub base_url: String,
    /// `FLWSECK_TEST-...` or `FLWSECK-...`.
    pub secret_key: SecretString,
    /// The dashboard's webhook "secret hash".
    pub secret_hash: SecretString,
    /// Where checkout returns the buyer; `{payment_id}`, `{order_id}` and `{order_token}` are
    /// replaced (Flutterwave appends `status`, `tx_ref` and `transaction_id`).
    pub return_url: String,
    /// The checkout page's title.
    pub title: String,
    /// `payment_options` for checkout (`"card, mobilemoneyfranco"`); `None` lets the dashboard
    /// decide.
    pub payment_options: Option<String>,
    /// Where national numbers are read for payouts in currencies of several countries (XOF).
    pub default_country: Country,
    pub timeout: Duration,
}

pub struct Flutterwave {
    base: Url,
    http: reqwest::Client,
    secret_key: SecretString,
    secret_hash: SecretString,
    return_url: String,
    title: String,
    payment_options: Option<String>,
    default_country: Country,
}

#[derive(Deserialize)]
#[serde(bound(deserialize = "T: Deserialize<'de>"))]
struct Envelope<T> {
    #[serde(default = "none")]
    data: Option<T>,
}

fn none<T>() -> Option<T> {
    None
}

#[derive(Serialize)]
struct CheckoutBody<'a> {
    tx_ref: String,
    amount: Box<RawValue>,
    currency: &'a str,
    redirect_url: String,
    customer: Customer<'a>,
    customizations: Customizations<'a>,
    meta: serde_json::Value,
    #[serde(skip_serializing_if = "Option::is_none")]
    payment_options: Option<&'a str>,
}

#[derive(Serialize)]
struct Customer<'a> {
    email: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    phonenumber: Option<&'a str>,
}

#[derive(Serialize)]
struct Customizations<'a> {
    title: &'a str,
    description: String,
}

#[derive(Deserialize)]
struct Link {
    link: String,
}

/// A charge as verify answers and `charge.completed` webhooks describe it.
#[derive(Debug, Deserialize)]
struct Charge {
    id: u64,
    tx_ref: String,
    status: String,
    amount: serde_json::Value,
    currency: String,
    #[serde(default)]
    processor_response: Option<String>,
}

/// A transfer as its status and `transfer.completed` webhooks describe it.
#[derive(Debug, Deserialize)]
struct TransferData {
    id: u64,
    #[serde(default)]
    reference: Option<String>,
    status: String,
    amount: serde_json::Value,
    currency: String,
    #[serde(default)]
    complete_message: Option<String>,
}

#[derive(Debug, Deserialize)]
struct RefundData {
    id: u64,
    #[serde(default)]
    tx_id: Option<u64>,
    status: String,
    #[serde(default)]
    amount_refunded: serde_json::Value,
    #[serde(default)]
    currency: Option<String>,
}

#[derive(Serialize)]
struct RefundBody {
    amount: Box<RawValue>,
    #[serde(skip_serializing_if = "Option::is_none")]
    comments: Option<String>,
}

#[derive(Serialize)]
struct TransferBody<'a> {
    account_bank: &'static str,
    account_number: String,
    amount: Box<RawValue>,
    currency: &'a str,
    debit_currency: &'a str,
    narration: &'a str,
    reference: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    beneficiary_name: Option<&'a str>,
}

#[derive(Deserialize)]
struct WebhookBody {
    event: String,
    data: serde_json::Value,
}

impl Flutterwave {
    pub fn new(config: FlutterwaveConfig) -> Result<Flutterwave, ConfigError> {
        Ok(Flutterwave {
            base: http::base_url(&config.base_url)?,
            http: http::client(config.timeout)?,
            secret_key: config.secret_key,
            secret_hash: config.secret_hash,
            return_url: config.return_url,
            title: config.title,
            payment_options: config.payment_options,
            default_country: config.default_country,
        })
    }

    async fn call<T: DeserializeOwned>(
        &self,
        request: reqwest::RequestBuilder,
    ) -> Result<T, PaymentError> {
        let reply = http::send(request.bearer_auth(self.secret_key.expose_secret())).await?;
        if !reply.status.is_success() {
            return Err(flutterwave_error(&reply));
        }
        let envelope: Envelope<T> = reply.json()?;
        envelope.data.ok_or_else(|| {
            PaymentError::Unavailable(format!(
                "Flutterwave answered without data: {}",
                reply.text()
            ))
        })
    }

    fn url(&self, path: &str) -> Result<Url, PaymentError> {
        http::join(&self.base, path)
    }

    /// The charge for our `tx_ref`, or for Flutterwave's numeric id.
    async fn charge(&self, reference: &str) -> Result<Charge, PaymentError> {
        let request = if !reference.is_empty() && reference.bytes().all(|b| b.is_ascii_digit()) {
            self.http
                .get(self.url(&format!("transactions/{reference}/verify"))?)
        } else {
            self.http
                .get(self.url("transactions/verify_by_reference")?)
                .query(&[("tx_ref", reference)])
        };
        self.call(request)
            .await
            .map_err(|e| not_found(e, reference))
    }

    async fn transfer(&self, id: &str) -> Result<TransferData, PaymentError> {
        numeric(id)?;
        self.call(self.http.get(self.url(&format!("transfers/{id}"))?))
            .await
            .map_err(|e| not_found(e, id))
    }

    async fn refund_data(&self, id: &str) -> Result<RefundData, PaymentError> {
        numeric(id)?;
        self.call(self.http.get(self.url(&format!("refunds/{id}"))?))
            .await
            .map_err(|e| not_found(e, id))
    }

    fn verify_signature(&self, request: &WebhookRequest) -> Result<bool, WebhookError> {
        let secret = self.secret_hash.expose_secret().as_bytes();
        if let Some(hash) = request.header("verif-hash")
            && !bool::from(hash.trim().as_bytes().ct_eq(secret))
        {
            return Err(WebhookError::Forged("wrong verif-hash".into()));
        }
        match request.header("flutterwave-signature") {
            Some(signature) => {
                let given = decode_signature(signature.trim()).ok_or_else(|| {
                    WebhookError::Forged("unreadable flutterwave-signature".into())
                })?;
                let mut mac = Hmac::<Sha256>::new_from_slice(secret)
                    .map_err(|_| WebhookError::Forged("unusable secret hash".into()))?;
                mac.update(&request.body);
                mac.verify_slice(&given)
                    .map_err(|_| WebhookError::Forged("wrong flutterwave-signature".into()))?;
                Ok(true)
            }
            None if request.header("verif-hash").is_some() => Ok(false),
            None => Err(WebhookError::Forged(
                "no verif-hash or flutterwave-signature".into(),
            )),
        }
    }
}

#[async_trait]
impl PaymentGateway for Flutterwave {
    fn method(&self) -> &'static str {
        "flutterwave"
    }

    async fn start(&self, request: &StartRequest) -> Result<Started, GatewayError> {
        let tx_ref = request.payment_id.to_string();
        let body = CheckoutBody {
            tx_ref: tx_ref.clone(),
            amount: number(request.amount_minor, &request.currency)?,
            currency: &request.currency,
            redirect_url: super::return_url(&self.return_url, request),
            customer: Customer {
                email: &request.buyer_email,
                phonenumber: request.buyer_phone.as_deref(),
            },
            customizations: Customizations {
                title: &self.title,
                description: super::order_description(request),
            },
            meta: serde_json::json!({
                "order_id": request.order_id.to_string(),
                "order_reference": request.order_reference,
            }),
            payment_options: self.payment_options.as_deref(),
        };
        let link: Link = self
            .call(self.http.post(self.url("payments")?).json(&body))
            .await?;
        Ok(Started {
            redirect_url: Some(link.link),
            provider_ref: Some(tx_ref),
            dial_code: None,
        })
    }

    async fn query(&self, kind: TxKind, provider_ref: &str) -> Result<TxReport, PaymentError> {
        match kind {
            TxKind::Payment => charge_report(self.charge(provider_ref).await?),
            TxKind::Payout => transfer_report(self.transfer(provider_ref).await?),
            TxKind::Refund => {
                let refund = self.refund_data(provider_ref).await?;
                let currency = match (&refund.currency, refund.tx_id) {
                    (Some(currency), _) => currency.clone(),
                    (None, Some(tx_id)) => self.charge(&tx_id.to_string()).await?.currency,
                    (None, None) => {
                        return Err(PaymentError::Unavailable(
                            "Flutterwave refund without currency or transaction".into(),
                        ));
                    }
                };
                Ok(TxReport {
                    kind: TxKind::Refund,
                    provider_ref: refund.id.to_string(),
                    reference_id: None,
                    status: refund_status(&refund.status),
                    amount_minor: amount::parse_json_amount(&refund.amount_refunded, &currency)
                        .map_err(|e| PaymentError::Unavailable(e.to_string()))?,
                    currency,
                })
            }
        }
    }

    async fn refund(&self, request: &RefundRequest) -> Result<Transfer, PaymentError> {
        let id = if request.payment_ref.bytes().all(|b| b.is_ascii_digit()) {
            request.payment_ref.clone()
        } else {
            self.charge(&request.payment_ref).await?.id.to_string()
        };
        let body = RefundBody {
            amount: number_text(request.amount_minor, &request.currency)?,
            comments: request.reason.clone(),
        };
        let refund: RefundData = self
            .call(
                self.http
                    .post(self.url(&format!("transactions/{id}/refund"))?)
                    .json(&body),
            )
            .await
            .map_err(|e| not_found(e, &request.payment_ref))?;
        Ok(Transfer {
            provider_ref: refund.id.to_string(),
            status: refund_status(&refund.status),
        })
    }

    async fn payout(&self, request: &PayoutRequest) -> Result<Transfer, PaymentError> {
        let country = Country::for_currency(&request.currency).unwrap_or(self.default_country);
        let number = msisdn::normalize(&request.phone, country)
            .map_err(|e| PaymentError::declined(DeclineCode::InvalidPhone, e.to_string()))?;
        let body = TransferBody {
            account_bank: mobile_money_bank(&request.currency, request.operator)?,
            account_number: number,
            amount: number_text(request.amount_minor, &request.currency)?,
            currency: &request.currency,
            debit_currency: &request.currency,
            narration: &request.description,
            reference: request.payout_id.to_string(),
            beneficiary_name: request.recipient_name.as_deref(),
        };
        let transfer: TransferData = self
            .call(self.http.post(self.url("transfers")?).json(&body))
            .await?;
        Ok(Transfer {
            provider_ref: transfer.id.to_string(),
            status: transfer_status(&transfer.status, transfer.complete_message.as_deref()),
        })
    }

    async fn verify_webhook(&self, request: &WebhookRequest) -> Result<WebhookEvent, WebhookError> {
        let bound = self.verify_signature(request)?;
        let body: WebhookBody = serde_json::from_slice(&request.body)
            .map_err(|e| WebhookError::Malformed(e.to_string()))?;
        let unavailable = |e: PaymentError| match e {
            PaymentError::NotFound(r) => WebhookError::Forged(format!("unknown transaction {r}")),
            other => WebhookError::Unavailable(other.to_string()),
        };
        match body.event.as_str() {
            "charge.completed" => {
                let charge: Charge = serde_json::from_value(body.data)
                    .map_err(|e| WebhookError::Malformed(e.to_string()))?;
                if bound {
                    charge_report(charge).map_err(|e| WebhookError::Malformed(e.to_string()))
                } else {
                    let fetched = self
                        .charge(&charge.id.to_string())
                        .await
                        .map_err(unavailable)?;
                    charge_report(fetched).map_err(|e| WebhookError::Unavailable(e.to_string()))
                }
            }
            "transfer.completed" => {
                let transfer: TransferData = serde_json::from_value(body.data)
                    .map_err(|e| WebhookError::Malformed(e.to_string()))?;
                if bound {
                    transfer_report(transfer).map_err(|e| WebhookError::Malformed(e.to_string()))
                } else {
                    let fetched = self
                        .transfer(&transfer.id.to_string())
                        .await
                        .map_err(unavailable)?;
                    transfer_report(fetched).map_err(|e| WebhookError::Unavailable(e.to_string()))
                }
            }
            other => Err(WebhookError::Malformed(format!(
                "unhandled event {other:?}"
            ))),
        }
    }
}

fn charge_report(charge: Charge) -> Result<TxReport, PaymentError> {
    let amount_minor = amount::parse_json_amount(&charge.amount, &charge.currency)
        .map_err(|e| PaymentError::Unavailable(e.to_string()))?;
    let status = match charge.status.to_ascii_lowercase().as_str() {
        "successful" => PaymentStatus::Succeeded,
        "failed" | "cancelled" => PaymentStatus::Failed(
            charge
                .processor_response
                .filter(|r| !r.is_empty())
                .unwrap_or(charge.status),
        ),
        _ => PaymentStatus::Pending,
    };
    Ok(TxReport {
        kind: TxKind::Payment,
        reference_id: Uuid::parse_str(&charge.tx_ref).ok(),
        provider_ref: charge.tx_ref,
        status,
        amount_minor,
        currency: charge.currency,
    })
}

fn transfer_report(transfer: TransferData) -> Result<TxReport, PaymentError> {
    Ok(TxReport {
        kind: TxKind::Payout,
        provider_ref: transfer.id.to_string(),
        reference_id: transfer
            .reference
            .as_deref()
            .and_then(|r| Uuid::parse_str(r).ok()),
        status: transfer_status(&transfer.status, transfer.complete_message.as_deref()),
        amount_minor: amount::parse_json_amount(&transfer.amount, &transfer.currency)
            .map_err(|e| PaymentError::Unavailable(e.to_string()))?,
        currency: transfer.currency,
    })
}

fn transfer_status(status: &str, message: Option<&str>) -> PaymentStatus {
    match status.to_ascii_uppercase().as_str() {
        "SUCCESSFUL" => PaymentStatus::Succeeded,
        "FAILED" => PaymentStatus::Failed(
            message
                .filter(|m| !m.is_empty())
                .unwrap_or("FAILED")
                .to_owned(),
        ),
        _ => PaymentStatus::Pending,
    }
}

fn refund_status(status: &str) -> PaymentStatus {
    match status.to_ascii_lowercase().as_str() {
        "completed" | "successful" => PaymentStatus::Succeeded,
        "failed" => PaymentStatus::Failed("refund failed".into()),
        _ => PaymentStatus::Pending,
    }
}

/// The operator code Flutterwave wants as `account_bank` for a mobile-money transfer.
fn mobile_money_bank(
    currency: &str,
    operator: Option<Operator>,
) -> Result<&'static str, PaymentError> {
    Ok(match (currency, operator) {
        ("XAF" | "XOF", _) => "FMM",
        ("RWF" | "UGX" | "TZS" | "ZMW", _) => "MPS",
        ("GHS", Some(Operator::Mtn)) => "MTN",
        ("GHS", Some(Operator::Vodafone)) => "VODAFONE",
        ("GHS", Some(Operator::Airtel | Operator::Tigo)) => "TIGO",
        ("GHS", _) => {
            return Err(PaymentError::declined(
                DeclineCode::UnsupportedOperator,
                "Ghana payouts need the operator (MTN, Vodafone or AirtelTigo)",
            ));
        }
        ("MWK", _) => "AIRTELMW",
        _ => {
            return Err(PaymentError::declined(
                DeclineCode::UnsupportedCurrency,
                format!("no Flutterwave mobile-money payouts in {currency} here"),
            ));
        }
    })
}

fn number(amount_minor: i64, currency: &str) -> Result<Box<RawValue>, GatewayError> {
    number_text(amount_minor, currency).map_err(GatewayError::from)
}

fn number_text(amount_minor: i64, currency: &str) -> Result<Box<RawValue>, PaymentError> {
    amount::json_number(amount_minor, currency)
        .map_err(|e| PaymentError::declined(DeclineCode::InvalidAmount, e.to_string()))
}

fn numeric(id: &str) -> Result<(), PaymentError> {
    if !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit()) {
        Ok(())
    } else {
        Err(PaymentError::NotFound(id.to_owned()))
    }
}

/// Flutterwave answers an unknown reference with 400/404 and "No transaction was found".
fn not_found(error: PaymentError, reference: &str) -> PaymentError {
    match error {
        PaymentError::Declined(d)
            if d.message.to_ascii_lowercase().contains("not found")
                || d.message.to_ascii_lowercase().contains("no transaction") =>
        {
            PaymentError::NotFound(reference.to_owned())
        }
        other => other,
    }
}

/// Base64 as documented, or hex as some integrations send it.
fn decode_signature(text: &str) -> Option<Vec<u8>> {
    if text.len() == 64 && text.bytes().all(|b| b.is_ascii_hexdigit()) {
        return (0..32)
            .map(|i| u8::from_str_radix(&text[2 * i..2 * i + 2], 16).ok())
            .collect();
    }
    B64.decode(text).ok()
}

fn flutterwave_error(reply: &Reply) -> PaymentError {
    if let Some(error) = reply.common_failure("Flutterwave") {
        return error;
    }
    let message = reply
        .value()
        .and_then(|v| http::message(&v, &["message"]))
        .unwrap_or_else(|| reply.text());
    if reply.status == StatusCode::NOT_FOUND {
        return PaymentError::NotFound(message);
    }
    let lower = message.to_ascii_lowercase();
    let code = if lower.contains("phone") || lower.contains("account number") {
        DeclineCode::InvalidPhone
    } else if lower.contains("currency") {
        DeclineCode::UnsupportedCurrency
    } else if lower.contains("insufficient") || lower.contains("balance") {
        DeclineCode::InsufficientFunds
    } else if lower.contains("amount") {
        DeclineCode::InvalidAmount
    } else if lower.contains("refund") && lower.contains("already") {
        DeclineCode::InvalidState
    } else {
        DeclineCode::Rejected
    };
    PaymentError::declined(code, message)
}

#[cfg(test)]
mod tests;
