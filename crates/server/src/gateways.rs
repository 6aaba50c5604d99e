//! `Gateways`: the payment gateways in force. The environment enables gateways at deployment
//! (`.env.example`); platform admins can replace a gateway's configuration or switch it off at
//! run time (`services::gateway_configs`), and every instance reloads it from the database.

use std::collections::HashMap;
use std::sync::{Arc, RwLock};
use std::time::Duration;

use common::orders::PaymentMethod;
use integrations::payments::campay::{Campay, CampayAuth, CampayConfig};
use integrations::payments::flutterwave::{Flutterwave, FlutterwaveConfig};
use integrations::payments::pawapay::{Pawapay, PawapayConfig};
use integrations::payments::{
    ConfigError, Country, GatewayError, Operator, PaymentGateway, StartRequest, Started,
    TestGateway,
};

use crate::settings::{GatewaySettings, Settings};

/// The enabled payment gateways, shared by every clone of the app state and replaced whole
/// when a platform admin changes the configuration (readers never see half a change).
#[derive(Clone, Default)]
pub struct Gateways {
    set: Arc<RwLock<Arc<GatewaySet>>>,
    /// The newest admin change applied (to reload only when the database has a newer one).
    admin_version: Arc<RwLock<Option<chrono::DateTime<chrono::Utc>>>>,
}

/// One configuration's clients, by method name. pawaPay is also kept by its own type: only its
/// client can push a deposit to the operator the buyer chose.
#[derive(Default)]
struct GatewaySet {
    all: Vec<Arc<dyn PaymentGateway>>,
    pawapay: Option<Arc<Pawapay>>,
    /// Currencies an admin limited a gateway to (absent: all it can take).
    currencies: HashMap<&'static str, Vec<String>>,
}

/// How long one call to a gateway may take before it counts as unavailable.
const GATEWAY_TIMEOUT: Duration = Duration::from_secs(20);

impl Gateways {
    /// The test gateway (when on) and every real gateway whose credentials are set in the
    /// environment.
    pub fn from_settings(settings: &Settings) -> Gateways {
        Gateways::from_set(GatewaySet::build(
            settings,
            &settings.gateways,
            HashMap::new(),
        ))
    }

    /// The environment's gateways with the platform admins' configuration applied: an admin
    /// configuration replaces the environment's for its gateway, or switches it off.
    pub fn with_admin(settings: &Settings, admin: &[AdminGateway]) -> Gateways {
        Gateways::from_set(admin_set(settings, admin))
    }

    fn from_set(set: GatewaySet) -> Gateways {
        Gateways {
            set: Arc::new(RwLock::new(Arc::new(set))),
            admin_version: Arc::default(),
        }
    }

    /// Applies a new admin configuration (as of `version`) to every holder of this registry.
    pub fn reload(
        &self,
        settings: &Settings,
        admin: &[AdminGateway],
        version: Option<chrono::DateTime<chrono::Utc>>,
    ) {
        let next = Arc::new(admin_set(settings, admin));
        if let Ok(mut guard) = self.set.write() {
            *guard = next;
        }
        if let Ok(mut v) = self.admin_version.write() {
            *v = version;
        }
    }

    /// Whether the database's newest admin change differs from the one applied here.
    pub fn admin_version_changed(&self, latest: Option<chrono::DateTime<chrono::Utc>>) -> bool {
        self.admin_version.read().map_or(true, |v| *v != latest)
    }

    fn current(&self) -> Arc<GatewaySet> {
        self.set.read().map(|g| Arc::clone(&g)).unwrap_or_default()
    }

    pub fn get(&self, method: &str) -> Option<Arc<dyn PaymentGateway>> {
        self.current().get(method)
    }

    /// The enabled methods that can take `currency`, in a stable order.
    pub fn methods_for(&self, currency: &str) -> Vec<PaymentMethod> {
        let set = self.current();
        PaymentMethod::ALL
            .into_iter()
            .filter(|m| set.get(m.as_str()).is_some() && set.serves(*m, currency))
            .collect()
    }

    /// The gateway that pays withdrawals out in `currency` to mobile money: CamPay for XAF,
    /// then pawaPay, then Flutterwave (transfers), the test gateway last (development).
    pub fn payout_gateway(&self, currency: &str) -> Option<Arc<dyn PaymentGateway>> {
        let set = self.current();
        [
            PaymentMethod::Campay,
            PaymentMethod::Pawapay,
            PaymentMethod::Flutterwave,
            PaymentMethod::Test,
        ]
        .into_iter()
        .filter(|m| set.serves(*m, currency))
        .find_map(|m| set.get(m.as_str()))
    }

    /// Starts a payment; a pawaPay deposit goes to the operator the buyer chose, if any.
    pub async fn start(
        &self,
        gateway: &dyn PaymentGateway,
        request: &StartRequest,
        operator: Option<Operator>,
    ) -> Result<Started, GatewayError> {
        let pawapay = self.current().pawapay.clone();
        if let (Some(operator), Some(phone), Some(pawapay)) =
            (operator, request.buyer_phone.as_deref(), pawapay)
            && gateway.method() == pawapay.method()
        {
            return Ok(pawapay.deposit(request, phone, Some(operator)).await?);
        }
        gateway.start(request).await
    }
}

/// One gateway as a platform admin configured it (credentials already opened).
#[derive(Debug, Clone)]
pub struct AdminGateway {
    pub method: PaymentMethod,
    pub enabled: bool,
    /// Empty: every currency it can take.
    pub currencies: Vec<String>,
    /// This gateway's part of the settings, built from the admin's credentials.
    pub settings: GatewaySettings,
}

fn admin_set(settings: &Settings, admin: &[AdminGateway]) -> GatewaySet {
    let mut effective = settings.gateways.clone();
    let mut currencies = HashMap::new();
    for a in admin {
        match a.method {
            PaymentMethod::Campay => {
                effective.campay = a.enabled.then(|| a.settings.campay.clone()).flatten();
            }
            PaymentMethod::Pawapay => {
                effective.pawapay = a.enabled.then(|| a.settings.pawapay.clone()).flatten();
            }
            PaymentMethod::Flutterwave => {
                effective.flutterwave = a.enabled.then(|| a.settings.flutterwave.clone()).flatten();
            }
            PaymentMethod::Test => continue,
        }
        if !a.currencies.is_empty() {
            currencies.insert(a.method.as_str(), a.currencies.clone());
        }
    }
    GatewaySet::build(settings, &effective, currencies)
}

impl GatewaySet {
    /// The test gateway (when on) and every real gateway configured in `g`. A client that
    /// cannot be built (its URL was checked with the settings) is logged and left out.
    fn build(
        settings: &Settings,
        g: &GatewaySettings,
        currencies: HashMap<&'static str, Vec<String>>,
    ) -> GatewaySet {
        let mut gateways = GatewaySet {
            currencies,
            ..GatewaySet::default()
        };
        if settings.test_gateway {
            gateways.all.push(Arc::new(TestGateway));
        }
        let return_url = format!(
            "{}/orders/{{order_id}}?token={{order_token}}",
            settings.base_url
        );
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

    fn get(&self, method: &str) -> Option<Arc<dyn PaymentGateway>> {
        self.all.iter().find(|g| g.method() == method).cloned()
    }

    /// Whether `method` takes `currency` and an admin has not limited it to others.
    fn serves(&self, method: PaymentMethod, currency: &str) -> bool {
        takes(method, currency)
            && self
                .currencies
                .get(method.as_str())
                .is_none_or(|only| only.iter().any(|c| c == currency))
    }
}

/// Which currencies each gateway settles (from their documentation): CamPay is XAF only;
/// pawaPay serves the mobile-money currencies of its countries; Flutterwave takes all of ours.
pub fn takes(method: PaymentMethod, currency: &str) -> bool {
    match method {
        PaymentMethod::Test | PaymentMethod::Flutterwave => true,
        PaymentMethod::Campay => currency == "XAF",
        PaymentMethod::Pawapay => currency == "XOF" || Country::for_currency(currency).is_some(),
    }
}
