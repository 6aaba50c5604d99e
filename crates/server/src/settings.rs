//! Typed configuration from the environment (and `.env`), validated once at boot.
//! Every variable is documented in `.env.example`.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use anyhow::{Context, bail};
use secrecy::{ExposeSecret, SecretBox, SecretString};

mod gateways;
mod money;

pub use gateways::{CampaySettings, FlutterwaveSettings, GatewaySettings, PawapaySettings};
pub use money::{MoneySettings, RefundAutoApprove};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AppEnv {
    Development,
    Production,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogFormat {
    Pretty,
    Json,
}

#[derive(Debug, Clone)]
pub struct Settings {
    pub app_env: AppEnv,
    pub database_url: String,
    pub redis_url: Option<String>,
    pub bind_addr: SocketAddr,
    /// Public origin of the app, used in emailed links (no trailing slash).
    pub base_url: String,
    pub jwt_secret: SecretString,
    pub access_token_ttl: Duration,
    pub refresh_token_ttl: Duration,
    pub smtp_url: Option<SecretString>,
    pub mail_from: String,
    pub mail_dir: PathBuf,
    pub storage_dir: PathBuf,
    pub spa_dir: PathBuf,
    pub cors_allowed_origins: Vec<String>,
    pub trust_forwarded_for: bool,
    pub run_worker: bool,
    pub log_format: LogFormat,
    /// Ed25519 seed signing the QR payloads of tickets (scanners verify offline with its public
    /// key). `TICKET_SIGNING_KEY`: 64 hex characters.
    pub ticket_signing_seed: std::sync::Arc<SecretBox<[u8; 32]>>,
    /// The development payment gateway (a page where the buyer approves or declines).
    pub test_gateway: bool,
    /// Orders a client address may start per minute.
    pub checkout_per_minute: u32,
    /// Tickets one buyer (email) may hold at once in pending orders of an event.
    pub max_held_tickets: u32,
    /// While a payment is in flight the hold lasts at least this long from its start.
    pub payment_hold: Duration,
    /// CamPay, pawaPay and Flutterwave: each enabled when its credentials are set.
    pub gateways: GatewaySettings,
    /// A payment still pending this long after it started is asked about at its gateway, so a
    /// lost webhook never loses a sale. `PAYMENT_RECONCILE_AFTER_SECONDS`.
    pub payment_reconcile_after: Duration,
    /// A payment still pending this long after it started is shown to the organizer as needing
    /// attention. `PAYMENT_STUCK_AFTER_MINUTES`, default 60.
    pub payment_stuck_after: Duration,
    /// Ledger availability, refund approval and withdrawal limits.
    pub money: MoneySettings,
    /// Seals payment gateway credentials that platform admins store (`GATEWAY_CREDENTIALS_KEY`,
    /// 64 hex characters). Development derives one; production without it cannot store any.
    pub gateway_credentials_key: Option<std::sync::Arc<SecretBox<[u8; 32]>>>,
    /// Development: start local CamPay, pawaPay and Flutterwave stub servers and point the
    /// gateways at them (`PAYMENT_STUBS`; refused in production).
    pub payment_stubs: bool,
}

/// Development-only signing key; production refuses to boot without its own `JWT_SECRET`.
const DEV_JWT_SECRET: &str = "reckot-development-secret-do-not-use-in-production";

impl Settings {
    /// Reads `.env` (if present) then the process environment.
    pub fn from_env() -> anyhow::Result<Settings> {
        let _ = dotenvy::dotenv();
        Settings::from_lookup(|k| std::env::var(k).ok())
    }

    pub fn from_lookup(get: impl Fn(&str) -> Option<String>) -> anyhow::Result<Settings> {
        let var = |k: &str| {
            get(k)
                .map(|v| v.trim().to_owned())
                .filter(|v| !v.is_empty())
        };
        let app_env = match var("APP_ENV").as_deref() {
            None | Some("development") => AppEnv::Development,
            Some("production") => AppEnv::Production,
            Some(other) => bail!("APP_ENV must be `development` or `production`, not `{other}`"),
        };
        let production = app_env == AppEnv::Production;
        let mut missing = Vec::new();
        let jwt_secret = match var("JWT_SECRET") {
            Some(s) if s.len() < 32 => bail!("JWT_SECRET must be at least 32 bytes long"),
            Some(s) => s,
            None if production => {
                missing.push("JWT_SECRET");
                String::new()
            }
            None => DEV_JWT_SECRET.to_owned(),
        };
        let smtp_url = var("SMTP_URL");
        if production && smtp_url.is_none() {
            missing.push("SMTP_URL");
        }
        if production && var("MAIL_FROM").is_none() {
            missing.push("MAIL_FROM");
        }
        if production && var("BASE_URL").is_none() {
            missing.push("BASE_URL");
        }
        if production && var("TICKET_SIGNING_KEY").is_none() {
            missing.push("TICKET_SIGNING_KEY");
        }
        if !missing.is_empty() {
            bail!(
                "APP_ENV=production needs these variables, which are not set: {}. See .env.example.",
                missing.join(", ")
            );
        }
        let base_url = var("BASE_URL").unwrap_or_else(|| "http://127.0.0.1:8080".into());
        let base_url = base_url.trim_end_matches('/').to_owned();
        if production && !base_url.starts_with("https://") {
            bail!("BASE_URL must start with https:// in production");
        }
        let bind_addr = var("BIND_ADDR")
            .unwrap_or_else(|| "127.0.0.1:8080".into())
            .parse()
            .context("BIND_ADDR must look like 127.0.0.1:8080")?;
        let secs = |k: &str, default: u64| -> anyhow::Result<u64> {
            var(k).map_or(Ok(default), |v| {
                v.parse()
                    .with_context(|| format!("{k} must be a whole number"))
            })
        };
        let flag = |k: &str, default: bool| -> anyhow::Result<bool> {
            match var(k).as_deref() {
                None => Ok(default),
                Some("1" | "true" | "yes") => Ok(true),
                Some("0" | "false" | "no") => Ok(false),
                Some(other) => bail!("{k} must be true or false, not `{other}`"),
            }
        };
        let ticket_signing_seed = match var("TICKET_SIGNING_KEY") {
            Some(hex_key) => hex::decode(&hex_key)
                .ok()
                .and_then(|b| <[u8; 32]>::try_from(b).ok())
                .context("TICKET_SIGNING_KEY must be 64 hex characters (32 bytes)")?,
            // Development: derived from the (development) JWT secret, stable across restarts.
            None => {
                use sha2::Digest;
                sha2::Sha256::digest(format!("reckot-ticket-signing:{jwt_secret}")).into()
            }
        };
        let test_gateway = flag("TEST_GATEWAY", !production)?;
        if production && test_gateway {
            bail!("TEST_GATEWAY cannot be enabled in production: it confirms orders without money");
        }
        let gateway_credentials_key = match var("GATEWAY_CREDENTIALS_KEY") {
            Some(hex_key) => Some(
                hex::decode(&hex_key)
                    .ok()
                    .and_then(|b| <[u8; 32]>::try_from(b).ok())
                    .context("GATEWAY_CREDENTIALS_KEY must be 64 hex characters (32 bytes)")?,
            ),
            None if production => None,
            None => {
                use sha2::Digest;
                Some(
                    sha2::Sha256::digest(format!("reckot-gateway-credentials:{jwt_secret}")).into(),
                )
            }
        };
        let payment_stubs = flag("PAYMENT_STUBS", false)?;
        if production && payment_stubs {
            bail!("PAYMENT_STUBS cannot be enabled in production: the stubs move no money");
        }
        Ok(Settings {
            money: MoneySettings::from_vars(var)?,
            gateway_credentials_key: gateway_credentials_key
                .map(|k| std::sync::Arc::new(SecretBox::new(Box::new(k)))),
            payment_stubs,
            ticket_signing_seed: std::sync::Arc::new(SecretBox::new(Box::new(ticket_signing_seed))),
            test_gateway,
            checkout_per_minute: u32::try_from(secs("CHECKOUT_RATE_LIMIT_PER_MINUTE", 30)?)
                .unwrap_or(u32::MAX),
            max_held_tickets: u32::try_from(secs("MAX_HELD_TICKETS_PER_BUYER", 20)?)
                .unwrap_or(u32::MAX),
            payment_hold: Duration::from_secs(secs("PAYMENT_HOLD_MINUTES", 15)? * 60),
            gateways: GatewaySettings::from_vars(var, production)?,
            payment_stuck_after: Duration::from_secs(secs("PAYMENT_STUCK_AFTER_MINUTES", 60)? * 60),
            payment_reconcile_after: Duration::from_secs(secs(
                "PAYMENT_RECONCILE_AFTER_SECONDS",
                60,
            )?),
            app_env,
            database_url: var("DATABASE_URL")
                .unwrap_or_else(|| "sqlite://data/reckot.sqlite?mode=rwc".into()),
            redis_url: var("REDIS_URL"),
            bind_addr,
            base_url,
            jwt_secret: SecretString::from(jwt_secret),
            access_token_ttl: Duration::from_secs(secs("ACCESS_TOKEN_TTL_SECS", 900)?),
            refresh_token_ttl: Duration::from_secs(secs("REFRESH_TOKEN_TTL_DAYS", 30)? * 86_400),
            smtp_url: smtp_url.map(SecretString::from),
            mail_from: var("MAIL_FROM")
                .unwrap_or_else(|| "Reckot <no-reply@reckot.localhost>".into()),
            mail_dir: var("MAIL_DIR").unwrap_or_else(|| "data/mail".into()).into(),
            storage_dir: var("STORAGE_DIR")
                .unwrap_or_else(|| "data/uploads".into())
                .into(),
            spa_dir: var("SPA_DIR")
                .unwrap_or_else(|| "frontend/dist".into())
                .into(),
            cors_allowed_origins: var("CORS_ALLOWED_ORIGINS")
                .map(|v| {
                    v.split(',')
                        .map(|o| o.trim().to_owned())
                        .filter(|o| !o.is_empty())
                        .collect()
                })
                .unwrap_or_default(),
            trust_forwarded_for: flag("TRUST_FORWARDED_FOR", false)?,
            run_worker: flag("RUN_WORKER", true)?,
            log_format: match var("LOG_FORMAT").as_deref() {
                Some("json") => LogFormat::Json,
                _ if production => LogFormat::Json,
                _ => LogFormat::Pretty,
            },
        })
    }

    pub fn is_production(&self) -> bool {
        self.app_env == AppEnv::Production
    }

    pub fn ticket_signing_seed(&self) -> &[u8; 32] {
        self.ticket_signing_seed.expose_secret()
    }

    pub fn jwt_secret_bytes(&self) -> &[u8] {
        self.jwt_secret.expose_secret().as_bytes()
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;
    use std::collections::HashMap;

    fn from(pairs: &[(&str, &str)]) -> anyhow::Result<Settings> {
        let map: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| ((*k).into(), (*v).into()))
            .collect();
        Settings::from_lookup(|k| map.get(k).cloned())
    }

    #[test]
    fn development_boots_with_nothing_set_on_sqlite() {
        let s = from(&[]).unwrap();
        assert_eq!(s.app_env, AppEnv::Development);
        assert!(s.database_url.starts_with("sqlite://"));
        assert_eq!(s.bind_addr.to_string(), "127.0.0.1:8080");
    }

    #[test]
    fn production_without_secrets_names_every_missing_variable() {
        let err = from(&[("APP_ENV", "production")]).unwrap_err().to_string();
        for name in [
            "JWT_SECRET",
            "SMTP_URL",
            "MAIL_FROM",
            "BASE_URL",
            "TICKET_SIGNING_KEY",
        ] {
            assert!(err.contains(name), "{err}");
        }
    }

    #[test]
    fn production_refuses_a_plain_http_base_url() {
        let err = from(&[
            ("APP_ENV", "production"),
            ("JWT_SECRET", "0123456789abcdef0123456789abcdef"),
            ("SMTP_URL", "smtps://u:p@mail.example.com"),
            ("MAIL_FROM", "x@example.com"),
            ("BASE_URL", "http://reckot.example.com"),
            (
                "TICKET_SIGNING_KEY",
                "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff",
            ),
        ])
        .unwrap_err()
        .to_string();
        assert!(err.contains("https"), "{err}");
    }

    #[test]
    fn the_test_gateway_is_on_in_development_and_refused_in_production() {
        assert!(from(&[]).unwrap().test_gateway);
        let err = from(&[
            ("APP_ENV", "production"),
            ("JWT_SECRET", "0123456789abcdef0123456789abcdef"),
            ("SMTP_URL", "smtps://u:p@mail.example.com"),
            ("MAIL_FROM", "x@example.com"),
            ("BASE_URL", "https://reckot.example.com"),
            (
                "TICKET_SIGNING_KEY",
                "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff",
            ),
            ("TEST_GATEWAY", "true"),
        ])
        .unwrap_err()
        .to_string();
        assert!(err.contains("TEST_GATEWAY"), "{err}");
    }

    #[test]
    fn a_gateway_is_enabled_by_its_credentials_and_never_prints_them() {
        let none = from(&[]).unwrap();
        assert!(none.gateways.campay.is_none() && none.gateways.pawapay.is_none());
        assert_eq!(none.payment_reconcile_after, Duration::from_secs(60));
        let s = from(&[
            ("CAMPAY_USERNAME", "app"),
            ("CAMPAY_PASSWORD", "campay-password-123"),
            ("CAMPAY_WEBHOOK_KEY", "campay-webhook-key-123"),
            ("PAWAPAY_API_TOKEN", "pawapay-token-123"),
            ("PAYMENT_RECONCILE_AFTER_SECONDS", "30"),
        ])
        .unwrap();
        assert!(s.gateways.campay.is_some() && s.gateways.pawapay.is_some());
        assert!(s.gateways.flutterwave.is_none());
        assert_eq!(s.payment_reconcile_after, Duration::from_secs(30));
        let printed = format!("{s:?}");
        for secret in [
            "campay-password-123",
            "campay-webhook-key-123",
            "pawapay-token-123",
        ] {
            assert!(!printed.contains(secret), "{secret} printed");
        }
        // Half a configuration is refused at boot, not discovered at the first payment.
        let err = from(&[("CAMPAY_TOKEN", "t")]).unwrap_err().to_string();
        assert!(err.contains("CAMPAY_WEBHOOK_KEY"), "{err}");
        let err = from(&[("FLUTTERWAVE_SECRET_KEY", "k")])
            .unwrap_err()
            .to_string();
        assert!(err.contains("FLUTTERWAVE_SECRET_HASH"), "{err}");
    }
}
