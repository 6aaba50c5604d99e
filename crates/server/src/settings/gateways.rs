//! Payment gateway settings: base URL and credentials per gateway, read from the environment.
//! A gateway is enabled when its credentials are set; half a configuration is refused at boot
//! rather than discovered at the first payment. Secrets stay wrapped (`SecretString` prints as
//! `[REDACTED]`), so neither `Debug` nor the API can show them.

use anyhow::bail;
use secrecy::SecretString;

#[derive(Debug, Clone)]
pub struct CampaySettings {
    pub base_url: String,
    /// The permanent app token, or `None` to buy temporary ones with username and password.
    pub token: Option<SecretString>,
    pub username: Option<String>,
    pub password: Option<SecretString>,
    pub webhook_key: SecretString,
}

#[derive(Debug, Clone)]
pub struct PawapaySettings {
    pub base_url: String,
    pub api_token: SecretString,
    /// The callback URL configured in pawaPay's dashboard (its host is signed); `None` trusts
    /// the `Host` header we receive.
    pub callback_url: Option<String>,
}

#[derive(Debug, Clone)]
pub struct FlutterwaveSettings {
    pub base_url: String,
    pub secret_key: SecretString,
    pub secret_hash: SecretString,
}

#[derive(Debug, Clone, Default)]
pub struct GatewaySettings {
    pub campay: Option<CampaySettings>,
    pub pawapay: Option<PawapaySettings>,
    pub flutterwave: Option<FlutterwaveSettings>,
}

fn url(name: &str, value: Option<String>, default: &str) -> anyhow::Result<String> {
    let value = value.unwrap_or_else(|| default.to_owned());
    if !(value.starts_with("https://") || value.starts_with("http://")) {
        bail!("{name} must be an http(s) URL");
    }
    Ok(value)
}

impl GatewaySettings {
    pub fn from_vars(
        var: impl Fn(&str) -> Option<String>,
        production: bool,
    ) -> anyhow::Result<GatewaySettings> {
        use integrations::payments::{campay, flutterwave, pawapay};
        let secret = |k: &str| var(k).map(SecretString::from);
        let pick =
            |sandbox: &'static str, live: &'static str| if production { live } else { sandbox };

        let campay = {
            let token = secret("CAMPAY_TOKEN");
            let username = var("CAMPAY_USERNAME");
            let password = secret("CAMPAY_PASSWORD");
            let key = secret("CAMPAY_WEBHOOK_KEY");
            let credentials = token.is_some() || (username.is_some() && password.is_some());
            match (credentials, key) {
                (true, Some(webhook_key)) => Some(CampaySettings {
                    base_url: url(
                        "CAMPAY_BASE_URL",
                        var("CAMPAY_BASE_URL"),
                        pick(campay::SANDBOX_URL, campay::LIVE_URL),
                    )?,
                    token,
                    username,
                    password,
                    webhook_key,
                }),
                (false, None) if username.is_none() && password.is_none() => None,
                _ => bail!(
                    "CamPay needs CAMPAY_TOKEN (or CAMPAY_USERNAME and CAMPAY_PASSWORD) and CAMPAY_WEBHOOK_KEY"
                ),
            }
        };
        let pawapay = match secret("PAWAPAY_API_TOKEN") {
            Some(api_token) => Some(PawapaySettings {
                base_url: url(
                    "PAWAPAY_BASE_URL",
                    var("PAWAPAY_BASE_URL"),
                    pick(pawapay::SANDBOX_URL, pawapay::LIVE_URL),
                )?,
                api_token,
                callback_url: var("PAWAPAY_CALLBACK_URL"),
            }),
            None => None,
        };
        let flutterwave = match (
            secret("FLUTTERWAVE_SECRET_KEY"),
            secret("FLUTTERWAVE_SECRET_HASH"),
        ) {
            (Some(secret_key), Some(secret_hash)) => Some(FlutterwaveSettings {
                base_url: url(
                    "FLUTTERWAVE_BASE_URL",
                    var("FLUTTERWAVE_BASE_URL"),
                    flutterwave::API_URL,
                )?,
                secret_key,
                secret_hash,
            }),
            (None, None) => None,
            _ => bail!("Flutterwave needs both FLUTTERWAVE_SECRET_KEY and FLUTTERWAVE_SECRET_HASH"),
        };
        Ok(GatewaySettings {
            campay,
            pawapay,
            flutterwave,
        })
    }
}
