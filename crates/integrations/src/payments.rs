//! Payment gateways behind one trait: the checkout starts a payment and sends the buyer where
//! the gateway says; the gateway reports the outcome later (callback or, for the test gateway,
//! the buyer's click). The real mobile-money and card gateways implement the same trait.

use async_trait::async_trait;
use uuid::Uuid;

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

#[async_trait]
pub trait PaymentGateway: Send + Sync {
    /// The `PaymentMethod` wire name this gateway serves (`test`, ...).
    fn method(&self) -> &'static str;

    async fn start(&self, request: &StartRequest) -> Result<Started, GatewayError>;
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
        })
    }
}
