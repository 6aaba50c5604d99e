//! `PAYMENT_STUBS=1` (development and e2e only): starts local CamPay, pawaPay and Flutterwave
//! stub servers, which speak each gateway's wire format and sign their callbacks, and points the
//! gateways at them. Buyers then pay by "mobile money" without any real money or network: the
//! stubs approve after a short delay and call our webhook routes, exactly as the real gateways.

use std::time::Duration;

use integrations::payments::stubs::campay::{CampayStub, CampayStubConfig};
use integrations::payments::stubs::flutterwave::{FlutterwaveStub, FlutterwaveStubConfig};
use integrations::payments::stubs::pawapay::{PawapayStub, PawapayStubConfig};

use crate::settings::{
    CampaySettings, FlutterwaveSettings, GatewaySettings, PawapaySettings, Settings,
};

/// The running stubs; dropping this stops them.
pub struct DevStubs {
    _campay: CampayStub,
    _pawapay: PawapayStub,
    _flutterwave: FlutterwaveStub,
}

/// How long the stubbed payer takes to approve on their phone.
const APPROVE_AFTER: Duration = Duration::from_millis(1500);

/// Starts the stubs and rewrites `settings.gateways` to use them.
pub async fn start(settings: &mut Settings) -> anyhow::Result<DevStubs> {
    let webhook = |method: &str| format!("http://{}/api/v1/webhooks/{method}", settings.bind_addr);
    let campay = CampayStub::start(CampayStubConfig {
        callback_url: Some(webhook("campay")),
        confirm_after: APPROVE_AFTER,
        ..CampayStubConfig::default()
    })
    .await?;
    let pawapay = PawapayStub::start(PawapayStubConfig {
        callback_url: Some(webhook("pawapay")),
        confirm_after: APPROVE_AFTER,
        ..PawapayStubConfig::default()
    })
    .await?;
    let flutterwave = FlutterwaveStub::start(FlutterwaveStubConfig {
        callback_url: Some(webhook("flutterwave")),
        ..FlutterwaveStubConfig::default()
    })
    .await?;
    settings.gateways = GatewaySettings {
        campay: Some(CampaySettings {
            base_url: campay.base_url(),
            token: None,
            username: Some("stub-app".into()),
            password: Some("stub-password".to_owned().into()),
            webhook_key: "stub-webhook-key".to_owned().into(),
        }),
        pawapay: Some(PawapaySettings {
            base_url: pawapay.base_url(),
            api_token: "stub-pawapay-token".to_owned().into(),
            callback_url: None,
        }),
        flutterwave: Some(FlutterwaveSettings {
            base_url: flutterwave.base_url(),
            secret_key: "FLWSECK_TEST-stub".to_owned().into(),
            secret_hash: "stub-secret-hash".to_owned().into(),
        }),
    };
    tracing::warn!(
        campay = %campay.base_url(),
        pawapay = %pawapay.base_url(),
        flutterwave = %flutterwave.base_url(),
        "PAYMENT_STUBS: payments go to local stub gateways (no money moves)"
    );
    Ok(DevStubs {
        _campay: campay,
        _pawapay: pawapay,
        _flutterwave: flutterwave,
    })
}
