//! Start-up: logging, the TLS crypto provider, and building `AppState` from `Settings`.

use std::sync::Arc;

use anyhow::Context;
use integrations::{FileMailer, LocalDiskStorage, Mailer, RateLimiter, SmtpMailer};
use secrecy::ExposeSecret;
use tokio::sync::Notify;

use crate::auth::jwt::JwtKeys;
use crate::cache::Cache;
use crate::clock::{Clock, SystemClock};
use crate::live::Live;
use crate::settings::{LogFormat, Settings};
use crate::state::AppState;

pub fn init_tracing(format: LogFormat) {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,sqlx=warn,sea_orm=warn"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_target(false);
    let _ = match format {
        LogFormat::Json => builder.json().try_init(),
        LogFormat::Pretty => builder.try_init(),
    };
}

/// rustls needs one process-wide crypto provider; ring is the one our dependencies agree on.
pub fn install_crypto_provider() {
    let _ = rustls::crypto::ring::default_provider().install_default();
}

/// Connects to the database, mail, storage and Redis that `settings` describe.
pub async fn build_state(settings: Settings, clock: Arc<dyn Clock>) -> anyhow::Result<AppState> {
    install_crypto_provider();
    let db = db::connect(&settings.database_url).await.with_context(|| {
        format!(
            "cannot open the database at {}",
            redact(&settings.database_url)
        )
    })?;
    let mailer: Arc<dyn Mailer> = match &settings.smtp_url {
        Some(url) => Arc::new(
            SmtpMailer::new(url.expose_secret(), &settings.mail_from)
                .context("SMTP_URL is not usable")?,
        ),
        None => Arc::new(FileMailer::new(settings.mail_dir.clone())),
    };
    let (limiter, cache, redis) = match &settings.redis_url {
        Some(url) => {
            let pool = integrations::redis_pool(url)
                .await
                .context("REDIS_URL is set but Redis does not answer")?;
            (
                RateLimiter::redis(pool.clone(), "reckot:"),
                Cache::redis(pool.clone(), "reckot:cache:"),
                Some(pool),
            )
        }
        None => (RateLimiter::in_process(), Cache::in_process(), None),
    };
    let live = match (&settings.redis_url, &redis) {
        (Some(url), Some(pool)) => {
            Live::redis(url, pool.clone(), "reckot:").context("REDIS_URL is not usable")?
        }
        _ => Live::in_process(),
    };
    Ok(AppState {
        db,
        jwt: JwtKeys::new(settings.jwt_secret_bytes()),
        storage: Arc::new(LocalDiskStorage::new(settings.storage_dir.clone())),
        mailer,
        limiter: Arc::new(limiter),
        redis,
        cache: Arc::new(cache),
        live: Arc::new(live),
        clock,
        jobs_ready: Arc::new(Notify::new()),
        gateways: crate::state::Gateways::from_settings(&settings),
        settings: Arc::new(settings),
    })
}

pub async fn build_default_state(settings: Settings) -> anyhow::Result<AppState> {
    build_state(settings, Arc::new(SystemClock)).await
}

/// `postgres://user:secret@host/db` -> `postgres://user:***@host/db`, for error messages.
pub fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let creds = &url[scheme + 3..at];
            match creds.split_once(':') {
                Some((user, _)) => format!("{}{}:***{}", &url[..scheme + 3], user, &url[at..]),
                None => url.to_owned(),
            }
        }
        _ => url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn database_passwords_are_redacted_in_messages() {
        assert_eq!(
            redact("postgres://app:s3cret@db:5432/reckot"),
            "postgres://app:***@db:5432/reckot"
        );
        assert_eq!(
            redact("sqlite://data/reckot.sqlite"),
            "sqlite://data/reckot.sqlite"
        );
    }
}
