//! `AppState`: everything a request, a job or a CLI command needs, built once.
//! Tests build it through the same function with their own database, mail folder and clock.
//! `Gateways`: the payment gateways the settings enable (test, CamPay, pawaPay, Flutterwave).

use std::sync::Arc;
use std::time::Duration;

use common::orders::PaymentMethod;
use integrations::mailer::Mailer;
use integrations::payments::campay::{Campay, CampayAuth, CampayConfig};
use integrations::payments::flutterwave::{Flutterwave, FlutterwaveConfig};
use integrations::payments::pawapay::{Pawapay, PawapayConfig};
use integrations::payments::{
    ConfigError, Country, GatewayError, Operator, PaymentGateway, StartRequest, Started,
    TestGateway,
};
use integrations::rate_limit::RateLimiter;
use integrations::storage::Storage;
use tokio::sync::Notify;

use crate::auth::jwt::JwtKeys;
use crate::cache::Cache;
use crate::clock::Clock;
use crate::live::Live;
use crate::settings::Settings;

#[derive(Clone)]
pub struct AppState {
    pub db: db::DatabaseConnection,
    pub settings: Arc<Settings>,
    pub jwt: JwtKeys,
    pub mailer: Arc<dyn Mailer>,
    pub storage: Arc<dyn Storage>,
    pub limiter: Arc<RateLimiter>,
    pub redis: Option<deadpool_redis::Pool>,
    /// Public reads (event pages, discovery).
    pub cache: Arc<Cache>,
    /// "This event's check-in changed" signals for live dashboards (Redis pub/sub or in-process).
    pub live: Arc<Live>,
    pub clock: Arc<dyn Clock>,
    /// Wakes the in-process worker as soon as a job is committed.
    pub jobs_ready: Arc<Notify>,
    /// Payment gateways enabled by the settings.
    pub gateways: Gateways,
}

/// The enabled payment gateways, by method name. pawaPay is also kept by its own type: only its
/// client can push a deposit to the operator the buyer chose.
#[derive(Clone, Default)]
pub struct Gateways {
    all: Vec<Arc<dyn PaymentGateway>>,
    pawapay: Option<Arc<Pawapay>>,
}

/// How long one call to a gateway may take before it counts as unavailable.
const GATEWAY_TIMEOUT: Duration = Duration::from_secs(20);

impl Gateways {
    /// The test gateway (when on) and every real gateway whose credentials are set. A client
    /// that cannot be built (its URL was checked with the settings) is logged and left out.
    pub fn from_settings(settings: &Settings) -> Gateways {
        let mut gateways = Gateways::default();
        if settings.test_gateway {
            gateways.all.push(Arc::new(TestGateway));
        }
        let return_url = format!(
            "{}/orders/{{order_id}}?token={{order_token}}",
            settings.base_url
        );
        let g = &settings.gateways;
        if let Some(c) = &g.campay {
            let auth = match (&c.token, &c.username, &c.password) {
                (Some(token), _, _) => Some(CampayAuth::Token(token.clone())),
                (None, Some(username), Some(password)) => Some(CampayAuth::Credentials {
                    username: username.clone(),
                    password: password.clone(),
                }),
                _ => None,
            };
            if let Some(auth) = auth {
                gateways.add(Campay::new(CampayConfig {
                    base_url: c.base_url.clone(),
                    auth,
                    webhook_key: c.webhook_key.clone(),
                    return_url: return_url.clone(),
                    timeout: GATEWAY_TIMEOUT,
                }));
            }
        }
        if let Some(p) = &g.pawapay {
            match Pawapay::new(PawapayConfig {
                base_url: p.base_url.clone(),
                api_token: p.api_token.clone(),
                callback_url: p.callback_url.clone(),
                default_country: Country::CAMEROON,
                return_url: return_url.clone(),
                timeout: GATEWAY_TIMEOUT,
                max_signature_age: Duration::from_secs(300),
            }) {
                Ok(client) => {
                    let client = Arc::new(client);
                    gateways.pawapay = Some(client.clone());
                    gateways.all.push(client);
                }
                Err(e) => tracing::error!(error = %e, "pawaPay disabled"),
            }
        }
        if let Some(f) = &g.flutterwave {
            gateways.add(Flutterwave::new(FlutterwaveConfig {
                base_url: f.base_url.clone(),
                secret_key: f.secret_key.clone(),
                secret_hash: f.secret_hash.clone(),
                return_url,
                title: "Reckot".into(),
                payment_options: None,
                default_country: Country::CAMEROON,
                timeout: GATEWAY_TIMEOUT,
            }));
        }
        gateways
    }

    fn add<G: PaymentGateway + 'static>(&mut self, client: Result<G, ConfigError>) {
        match client {
            Ok(client) => self.all.push(Arc::new(client)),
            Err(e) => tracing::error!(error = %e, "payment gateway disabled"),
        }
    }

    pub fn get(&self, method: &str) -> Option<Arc<dyn PaymentGateway>> {
        self.all.iter().find(|g| g.method() == method).cloned()
    }

    /// The enabled methods that can take `currency`, in a stable order.
    pub fn methods_for(&self, currency: &str) -> Vec<PaymentMethod> {
        PaymentMethod::ALL
            .into_iter()
            .filter(|m| self.get(m.as_str()).is_some() && takes(*m, currency))
            .collect()
    }

    /// The gateway that pays withdrawals out in `currency` to mobile money: CamPay for XAF,
    /// then pawaPay, then Flutterwave (transfers), the test gateway last (development).
    pub fn payout_gateway(&self, currency: &str) -> Option<Arc<dyn PaymentGateway>> {
        [
            PaymentMethod::Campay,
            PaymentMethod::Pawapay,
            PaymentMethod::Flutterwave,
            PaymentMethod::Test,
        ]
        .into_iter()
        .filter(|m| takes(*m, currency))
        .find_map(|m| self.get(m.as_str()))
    }

    /// Starts a payment; a pawaPay deposit goes to the operator the buyer chose, if any.
    pub async fn start(
        &self,
        gateway: &dyn PaymentGateway,
        request: &StartRequest,
        operator: Option<Operator>,
    ) -> Result<Started, GatewayError> {
        if let (Some(operator), Some(phone), Some(pawapay)) =
            (operator, request.buyer_phone.as_deref(), &self.pawapay)
            && gateway.method() == pawapay.method()
        {
            return Ok(pawapay.deposit(request, phone, Some(operator)).await?);
        }
        gateway.start(request).await
    }
}

/// Which currencies each gateway settles (from their documentation): CamPay is XAF only;
/// pawaPay serves the mobile-money currencies of its countries; Flutterwave takes all of ours.
fn takes(method: PaymentMethod, currency: &str) -> bool {
    match method {
        PaymentMethod::Test | PaymentMethod::Flutterwave => true,
        PaymentMethod::Campay => currency == "XAF",
        PaymentMethod::Pawapay => currency == "XOF" || Country::for_currency(currency).is_some(),
    }
}

impl AppState {
    pub fn now(&self) -> chrono::DateTime<chrono::Utc> {
        self.clock.now()
    }
}
