//! Fixed-window rate limiting for sensitive endpoints (login, password reset): at most `limit`
//! requests per `key` in each `window`, counted in process for a single instance or in Redis when
//! several instances must share one count.
//!
//! Fixed windows rather than `governor`'s GCRA: the HTTP layer answers with `RateLimit-Remaining`
//! and `RateLimit-Reset` (and `Retry-After`), which map directly onto a counter and the time its
//! window ends, and the Redis and in-process variants then behave identically.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use deadpool_redis::{Pool, redis};

/// The outcome of one [`RateLimiter::check`]; every call counts, allowed or not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateDecision {
    pub allowed: bool,
    pub limit: u32,
    /// Requests still allowed in the current window.
    pub remaining: u32,
    /// Time until the current window ends and the count starts again.
    pub reset_after: Duration,
}

#[derive(Debug, thiserror::Error)]
pub enum RateLimitError {
    #[error("could not get a Redis connection: {0}")]
    Pool(#[from] deadpool_redis::PoolError),
    #[error("Redis rate-limit script failed: {0}")]
    Redis(#[from] redis::RedisError),
}

#[derive(Clone)]
pub enum RateLimiter {
    InProcess(InProcessLimiter),
    Redis { pool: Pool, prefix: String },
}

impl std::fmt::Debug for RateLimiter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RateLimiter::InProcess(_) => f.write_str("RateLimiter::InProcess"),
            RateLimiter::Redis { prefix, .. } => f
                .debug_struct("RateLimiter::Redis")
                .field("prefix", prefix)
                .finish_non_exhaustive(),
        }
    }
}

impl RateLimiter {
    pub fn in_process() -> Self {
        RateLimiter::InProcess(InProcessLimiter::default())
    }

    /// Keys become `<prefix>rl:<bucket>:<key>`; the prefix separates deployments sharing a Redis.
    pub fn redis(pool: Pool, prefix: impl Into<String>) -> Self {
        RateLimiter::Redis {
            pool,
            prefix: prefix.into(),
        }
    }

    /// Counts one request for `key` (an IP, an email hash, ...) in `bucket` (`login`,
    /// `password_reset`, ...) and says whether it is within `limit` for the current `window`.
    pub async fn check(
        &self,
        bucket: &str,
        key: &str,
        limit: u32,
        window: Duration,
    ) -> Result<RateDecision, RateLimitError> {
        // A zero window would make Redis reject PEXPIRE and the in-process map never expire.
        let window = window.max(Duration::from_millis(1));
        let (count, reset_after) = match self {
            RateLimiter::InProcess(limiter) => limiter.hit(bucket, key, window),
            RateLimiter::Redis { pool, prefix } => {
                redis_hit(pool, &format!("{prefix}rl:{bucket}:{key}"), window).await?
            }
        };
        Ok(RateDecision {
            allowed: count <= u64::from(limit),
            limit,
            remaining: u32::try_from(u64::from(limit).saturating_sub(count)).unwrap_or(0),
            reset_after,
        })
    }
}

/// INCR the window's counter; only the request that creates it sets the expiry, so later requests
/// never extend the window. The `ttl < 0` branch repairs a key that lost its expiry (e.g. a manual
/// SET), which would otherwise block that key forever. One script, so it is atomic across clients.
const HIT_SCRIPT: &str = r"
local count = redis.call('INCR', KEYS[1])
if count == 1 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return {count, ttl}
";

async fn redis_hit(
    pool: &Pool,
    key: &str,
    window: Duration,
) -> Result<(u64, Duration), RateLimitError> {
    let mut connection = pool.get().await?;
    let window_ms = u64::try_from(window.as_millis()).unwrap_or(u64::MAX);
    // `Script` sends EVALSHA and falls back to EVAL (loading the script) when Redis lacks it.
    let (count, ttl_ms): (u64, i64) = redis::Script::new(HIT_SCRIPT)
        .key(key)
        .arg(window_ms)
        .invoke_async(&mut *connection)
        .await?;
    Ok((
        count,
        Duration::from_millis(u64::try_from(ttl_ms).unwrap_or(0)),
    ))
}

/// The in-process counter store: one entry per `(bucket, key)` window. Cloning shares the store.
#[derive(Clone, Default)]
pub struct InProcessLimiter {
    state: Arc<Mutex<WindowMap>>,
}

#[derive(Default)]
struct WindowMap {
    // Keyed by (bucket, key) rather than a joined string, so `a:b`/`c` and `a`/`b:c` stay apart.
    windows: HashMap<(String, String), Window>,
    last_sweep: Option<Instant>,
}

struct Window {
    count: u64,
    ends_at: Instant,
}

// Expired windows are dropped at most this often, so memory tracks active keys only.
const SWEEP_EVERY: Duration = Duration::from_secs(60);

impl InProcessLimiter {
    fn hit(&self, bucket: &str, key: &str, window: Duration) -> (u64, Duration) {
        let now = Instant::now();
        // A panic while holding the lock cannot leave a window half-updated, so a poisoned
        // lock's data is still sound.
        let mut state = self
            .state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if state
            .last_sweep
            .is_none_or(|at| now.duration_since(at) >= SWEEP_EVERY)
        {
            state.windows.retain(|_, w| w.ends_at > now);
            state.last_sweep = Some(now);
        }
        let entry = state
            .windows
            .entry((bucket.to_owned(), key.to_owned()))
            .or_insert(Window {
                count: 0,
                ends_at: now + window,
            });
        if entry.ends_at <= now {
            *entry = Window {
                count: 0,
                ends_at: now + window,
            };
        }
        entry.count += 1;
        (entry.count, entry.ends_at.saturating_duration_since(now))
    }

    #[cfg(test)]
    fn tracked_windows(&self) -> usize {
        self.state.lock().map(|s| s.windows.len()).unwrap_or(0)
    }
}

#[cfg(test)]
mod tests;
