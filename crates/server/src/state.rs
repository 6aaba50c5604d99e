//! `AppState`: everything a request, a job or a CLI command needs, built once.
//! Tests build it through the same function with their own database, mail folder and clock.

use std::sync::Arc;

use integrations::mailer::Mailer;
use integrations::rate_limit::RateLimiter;
use integrations::storage::Storage;
use tokio::sync::Notify;

use crate::auth::jwt::JwtKeys;
use crate::cache::Cache;
use crate::clock::Clock;
pub use crate::gateways::Gateways;
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

impl AppState {
    pub fn now(&self) -> chrono::DateTime<chrono::Utc> {
        self.clock.now()
    }
}
