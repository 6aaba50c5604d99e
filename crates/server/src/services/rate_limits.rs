//! Rate limits for login and password reset. Keys never depend on whether an account exists,
//! so the answers for known and unknown emails stay the same.

use std::time::Duration;

use integrations::rate_limit::RateDecision;

use crate::error::{AppError, AppResult};
use crate::state::AppState;

pub struct Limit {
    pub bucket: &'static str,
    pub limit: u32,
    pub window: Duration,
}

pub const LOGIN_PER_EMAIL: Limit = Limit {
    bucket: "login-email",
    limit: 10,
    window: Duration::from_secs(15 * 60),
};
pub const LOGIN_PER_IP: Limit = Limit {
    bucket: "login-ip",
    limit: 50,
    window: Duration::from_secs(15 * 60),
};
pub const RESET_PER_EMAIL: Limit = Limit {
    bucket: "reset-email",
    limit: 5,
    window: Duration::from_secs(60 * 60),
};
pub const RESET_PER_IP: Limit = Limit {
    bucket: "reset-ip",
    limit: 20,
    window: Duration::from_secs(60 * 60),
};

/// Counts one attempt against every `(limit, key)`; refuses with 429 when any is exhausted.
pub async fn check(state: &AppState, checks: &[(&Limit, &str)]) -> AppResult<()> {
    for (limit, key) in checks {
        // Keys end up in Redis: store a digest, never the email address or IP itself.
        let key = &crate::auth::secret_token::hash(key)[..32];
        let decision: RateDecision = match state
            .limiter
            .check(limit.bucket, key, limit.limit, limit.window)
            .await
        {
            Ok(d) => d,
            // A cache outage must not lock everybody out of their accounts: fail open, loudly.
            Err(e) => {
                tracing::error!(error = %e, bucket = limit.bucket, "rate limiter unavailable; allowing");
                continue;
            }
        };
        if !decision.allowed {
            return Err(AppError::RateLimited {
                limit: decision.limit,
                retry_after_secs: decision.reset_after.as_secs().max(1),
            });
        }
    }
    Ok(())
}
