//! Building the shared Redis connection pool (used for rate limits, caches and pub/sub) and
//! checking at boot that Redis answers, so a wrong URL fails startup instead of the first request.

use std::time::Duration;

use deadpool_redis::{Config, Pool, Runtime, redis};

#[derive(Debug, thiserror::Error)]
pub enum RedisPoolError {
    #[error("invalid Redis configuration: {0}")]
    Config(#[from] deadpool_redis::ConfigError),
    #[error("could not build the Redis pool: {0}")]
    Build(#[from] deadpool_redis::BuildError),
    #[error("could not connect to Redis: {0}")]
    Connect(#[from] deadpool_redis::PoolError),
    #[error("Redis did not answer PING: {0}")]
    Ping(#[from] redis::RedisError),
}

// Bounded waits so an unreachable Redis turns into an error instead of a hung request.
const TIMEOUT: Duration = Duration::from_secs(3);

/// Builds a pool for a URL such as `redis://127.0.0.1:6379/0` and checks it with `PING`.
pub async fn redis_pool(url: &str) -> Result<Pool, RedisPoolError> {
    let pool = Config::from_url(url)
        .builder()?
        .runtime(Runtime::Tokio1)
        .wait_timeout(Some(TIMEOUT))
        .create_timeout(Some(TIMEOUT))
        .recycle_timeout(Some(TIMEOUT))
        .build()?;
    let mut connection = pool.get().await?;
    let _: String = redis::cmd("PING").query_async(&mut *connection).await?;
    Ok(pool)
}
