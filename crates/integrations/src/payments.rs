//! Payment gateways behind one trait: the checkout starts a payment and sends the buyer where
//! the gateway says; the gateway reports the outcome later (a verified webhook, or a status query
//! by the reconciliation job; for the test gateway, the buyer's click).
//!
//! - [`TestGateway`]: development only, never moves money.
//! - [`campay::Campay`]: CamPay (Cameroon, XAF; MTN and Orange mobile money).
//! - [`pawapay::Pawapay`]: pawaPay API v2 (mobile money in about 20 African countries).
//! - [`flutterwave::Flutterwave`]: Flutterwave v3 hosted checkout, refunds and transfers.
//!
//! Money is integer minor units everywhere; [`amount`] turns it into each gateway's decimal text
//! and back, exactly. [`msisdn`] normalizes phone numbers and names operators. Webhooks are
//! authenticated over the raw request before anything in them is believed ([`webhook`]).
//! Stub servers for all three gateways live in [`stubs`] (feature `test-stubs`).

use async_trait::async_trait;
use uuid::Uuid;

pub mod amount;
pub mod campay;
pub mod flutterwave;
mod http;
pub mod msisdn;
pub mod pawapay;
#[cfg(feature = "test-stubs")]
pub mod stubs;
pub mod webhook;

pub use msisdn::{Country, Operator};
pub use webhook::{WebhookError, WebhookRequest};

#[derive(Debug, Clone)]
pub struct StartRequest {
    pub payment_id: Uuid,
    pub order_id: Uuid,
    pub order_reference: String,
    /// Integer minor units of `currency`.
    pub amount_minor: i64,
    pub currency: String,
    pub buyer_email: String,
    pub buyer_phone: Option<String>,
    /// The buyer's signed order access token, for pages that must come back to the order.
    pub order_token: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Started {
    /// Where to send the buyer (a hosted payment page), if anywhere.
    pub redirect_url: Option<String>,
    /// The gateway's own reference for this payment.
    pub provider_ref: Option<String>,
    /// What the payer dials to confirm on their phone (CamPay's USSD code, e.g. `*126#`).
    pub dial_code: Option<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum GatewayError {
    /// The gateway refused the payment outright (bad number, unsupported currency, ...).
    #[error("declined: {0}")]
    Declined(String),
    /// The gateway could not be reached or answered nonsense; nothing is known to have happened.
    #[error("gateway unavailable: {0}")]
    Unavailable(String),
}

/// Where a payment, refund or payout stands at the gateway.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PaymentStatus {
    /// Accepted and not final yet (waiting for the payer, processing, in reconciliation).
    Pending,
    Succeeded,
    /// Final failure, with the gateway's reason.
    Failed(String),
}

impl PaymentStatus {
    pub fn is_final(&self) -> bool {
        !matches!(self, PaymentStatus::Pending)
    }
}

/// Which kind of money movement a reference names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TxKind {
    /// Money in from a buyer (collect, deposit, checkout).
    Payment,
    /// Money back to a buyer for an earlier payment.
    Refund,
    /// Money out to an organizer or any other recipient.
    Payout,
}

/// What a gateway says about one transaction: from a verified webhook or from a status query.
/// Two deliveries of the same webhook give equal reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TxReport {
    pub kind: TxKind,
    /// The gateway's reference (the one `start`, `refund` or `payout` returned).
    pub provider_ref: String,
    /// Our own id (payment, refund or payout) when the gateway echoes it.
    pub reference_id: Option<Uuid>,
    pub status: PaymentStatus,
    /// Integer minor units of `currency`, as the gateway reports them (compare with what you
    /// expected before believing a success).
    pub amount_minor: i64,
    pub currency: String,
}

/// A verified webhook is a report on one transaction.
pub type WebhookEvent = TxReport;

/// Give back (part of) a payment.
#[derive(Debug, Clone)]
pub struct RefundRequest {
    /// Our refund id: the gateway's idempotency key where it has one.
    pub refund_id: Uuid,
    /// The payment's `provider_ref`, as `start` returned it.
    pub payment_ref: String,
    /// Integer minor units; at most what was paid.
    pub amount_minor: i64,
    pub currency: String,
    /// The payer's number, for gateways that refund by paying out to it (CamPay). When absent,
    /// it is read from the original transaction.
    pub payer_phone: Option<String>,
    pub reason: Option<String>,
}

/// Send money to a mobile-money account.
#[derive(Debug, Clone)]
pub struct PayoutRequest {
    /// Our payout id: the gateway's idempotency key where it has one.
    pub payout_id: Uuid,
    pub amount_minor: i64,
    pub currency: String,
    /// The recipient's number, in any usual notation (`+237 6 70 00 00 00`, `670000000`, ...).
    pub phone: String,
    /// The recipient's operator; when absent the gateway works it out from the number.
    pub operator: Option<Operator>,
    pub recipient_name: Option<String>,
    /// A short text for the recipient's statement.
    pub description: String,
}

/// A refund or payout the gateway accepted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Transfer {
    pub provider_ref: String,
    pub status: PaymentStatus,
}

/// Why a gateway refused an operation, in words the server can map to an error code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeclineCode {
    InvalidPhone,
    UnsupportedOperator,
    UnsupportedCurrency,
    InvalidAmount,
    AmountOutOfBounds,
    InsufficientFunds,
    PayerNotFound,
    NotApproved,
    LimitReached,
    /// The account is not allowed this operation (payouts disabled, refunds not allowed, ...).
    NotAllowed,
    /// The transaction is not in a state that allows this (refund of an unfinished payment, ...).
    InvalidState,
    /// Anything else the gateway refused.
    Rejected,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{code:?}: {message}")]
pub struct Decline {
    pub code: DeclineCode,
    pub message: String,
}

impl Decline {
    pub fn new(code: DeclineCode, message: impl Into<String>) -> Self {
        Decline {
            code,
            message: message.into(),
        }
    }
}

/// A gateway client could not be built from its settings.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid payment gateway configuration: {0}")]
pub struct ConfigError(pub String);

/// Errors of the operations beyond `start`.
#[derive(Debug, thiserror::Error)]
pub enum PaymentError {
    /// The gateway (or our own validation, before calling it) refused; nothing happened.
    #[error("declined: {0}")]
    Declined(Decline),
    /// Timeout, connection failure, 5xx, rate limit, bad credentials or an unreadable answer: the
    /// outcome is unknown, so query the status before retrying anything but an idempotent call.
    #[error("gateway unavailable: {0}")]
    Unavailable(String),
    /// The gateway does not know this reference.
    #[error("unknown reference {0:?}")]
    NotFound(String),
    /// This gateway does not offer the operation.
    #[error("not supported by this gateway: {0}")]
    Unsupported(&'static str),
}

impl PaymentError {
    pub(crate) fn declined(code: DeclineCode, message: impl Into<String>) -> Self {
        PaymentError::Declined(Decline::new(code, message))
    }
}

impl From<PaymentError> for GatewayError {
    fn from(error: PaymentError) -> Self {
        match error {
            PaymentError::Unavailable(reason) => GatewayError::Unavailable(reason),
            PaymentError::Declined(decline) => GatewayError::Declined(decline.message),
            other => GatewayError::Declined(other.to_string()),
        }
    }
}

#[async_trait]
pub trait PaymentGateway: Send + Sync {
    /// The `PaymentMethod` wire name this gateway serves (`test`, ...).
    fn method(&self) -> &'static str;

    async fn start(&self, request: &StartRequest) -> Result<Started, GatewayError>;

    /// What the gateway says about a transaction now (for the reconciliation job, and to confirm
    /// a webhook whose content is not signed).
    async fn query(&self, kind: TxKind, provider_ref: &str) -> Result<TxReport, PaymentError> {
        let _ = (kind, provider_ref);
        Err(PaymentError::Unsupported("status query"))
    }

    /// Where a payment (`start`'s `provider_ref`) stands.
    async fn status(&self, provider_ref: &str) -> Result<PaymentStatus, PaymentError> {
        Ok(self.query(TxKind::Payment, provider_ref).await?.status)
    }

    async fn refund(&self, request: &RefundRequest) -> Result<Transfer, PaymentError> {
        let _ = request;
        Err(PaymentError::Unsupported("refund"))
    }

    async fn payout(&self, request: &PayoutRequest) -> Result<Transfer, PaymentError> {
        let _ = request;
        Err(PaymentError::Unsupported("payout"))
    }

    /// Authenticates a webhook over the raw request (signature, digest, shared secret) before
    /// parsing it; a forged or altered one is refused with [`WebhookError::Forged`]. Gateways whose
    /// webhooks do not sign their content confirm it with a status query first.
    async fn verify_webhook(&self, request: &WebhookRequest) -> Result<WebhookEvent, WebhookError> {
        let _ = request;
        Err(WebhookError::Unsupported)
    }
}

/// Development gateway: the "hosted page" is the SPA's `/pay/test/{payment_id}`, where the buyer
/// approves or declines. It never moves money, so production refuses to enable it.
#[derive(Debug, Default, Clone)]
pub struct TestGateway;

#[async_trait]
impl PaymentGateway for TestGateway {
    fn method(&self) -> &'static str {
        "test"
    }

    async fn start(&self, request: &StartRequest) -> Result<Started, GatewayError> {
        Ok(Started {
            redirect_url: Some(format!(
                "/pay/test/{}?token={}",
                request.payment_id, request.order_token
            )),
            provider_ref: Some(format!("test-{}", request.payment_id.simple())),
            dial_code: None,
        })
    }

    /// Gives the money back at once (no money moved in the first place).
    async fn refund(&self, request: &RefundRequest) -> Result<Transfer, PaymentError> {
        Ok(Transfer {
            provider_ref: format!("test-refund-{}", request.refund_id.simple()),
            status: PaymentStatus::Succeeded,
        })
    }

    /// Pays out at once (development: nothing is sent anywhere).
    async fn payout(&self, request: &PayoutRequest) -> Result<Transfer, PaymentError> {
        Ok(Transfer {
            provider_ref: format!("test-payout-{}", request.payout_id.simple()),
            status: PaymentStatus::Succeeded,
        })
    }
}

/// Replaces `{payment_id}`, `{order_id}` and `{order_token}` in a configured return URL.
pub(crate) fn return_url(template: &str, request: &StartRequest) -> String {
    template
        .replace("{payment_id}", &request.payment_id.to_string())
        .replace("{order_id}", &request.order_id.to_string())
        .replace("{order_token}", &request.order_token)
}

/// The text on the payer's statement or prompt for an order.
pub(crate) fn order_description(request: &StartRequest) -> String {
    format!("Order {}", request.order_reference)
}
