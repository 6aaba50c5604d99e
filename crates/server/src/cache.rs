//! A small cache for public reads: Redis when configured (shared by every instance), in-process
//! otherwise. Writers delete the keys they make stale; entries also expire, so an instance that
//! missed an in-process invalidation serves stale data for at most the TTL.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use deadpool_redis::redis::AsyncCommands;

pub enum Cache {
    InProcess(Mutex<HashMap<String, (Instant, Vec<u8>)>>),
    Redis {
        pool: deadpool_redis::Pool,
        prefix: String,
    },
}

const MAX_IN_PROCESS_ENTRIES: usize = 10_000;

impl Cache {
    pub fn in_process() -> Cache {
        Cache::InProcess(Mutex::new(HashMap::new()))
    }

    pub fn redis(pool: deadpool_redis::Pool, prefix: impl Into<String>) -> Cache {
        Cache::Redis {
            pool,
            prefix: prefix.into(),
        }
    }

    /// A miss on any cache failure: the database is the truth.
    pub async fn get(&self, key: &str) -> Option<Vec<u8>> {
        match self {
            Cache::InProcess(map) => {
                let map = map.lock().ok()?;
                map.get(key)
                    .filter(|(expires, _)| *expires > Instant::now())
                    .map(|(_, v)| v.clone())
            }
            Cache::Redis { pool, prefix } => {
                let mut conn = pool
                    .get()
                    .await
                    .map_err(|e| tracing::warn!(error = %e, "cache unavailable"))
                    .ok()?;
                conn.get::<_, Option<Vec<u8>>>(format!("{prefix}{key}"))
                    .await
                    .ok()
                    .flatten()
            }
        }
    }

    pub async fn set(&self, key: &str, value: Vec<u8>, ttl: Duration) {
        match self {
            Cache::InProcess(map) => {
                if let Ok(mut map) = map.lock() {
                    if map.len() >= MAX_IN_PROCESS_ENTRIES {
                        let now = Instant::now();
                        map.retain(|_, (expires, _)| *expires > now);
                        if map.len() >= MAX_IN_PROCESS_ENTRIES {
                            map.clear();
                        }
                    }
                    map.insert(key.to_owned(), (Instant::now() + ttl, value));
                }
            }
            Cache::Redis { pool, prefix } => {
                if let Ok(mut conn) = pool.get().await {
                    let secs = ttl.as_secs().max(1);
                    let _: Result<(), _> = conn.set_ex(format!("{prefix}{key}"), value, secs).await;
                }
            }
        }
    }

    /// Deletes `key` and every key starting with `key_prefix*` when given as `prefix*`.
    pub async fn delete(&self, keys: &[String]) {
        match self {
            Cache::InProcess(map) => {
                if let Ok(mut map) = map.lock() {
                    for key in keys {
                        match key.strip_suffix('*') {
                            Some(stem) => map.retain(|k, _| !k.starts_with(stem)),
                            None => {
                                map.remove(key);
                            }
                        }
                    }
                }
            }
            Cache::Redis { pool, prefix } => {
                let Ok(mut conn) = pool.get().await else {
                    tracing::warn!("cache unavailable: could not invalidate");
                    return;
                };
                for key in keys {
                    if let Some(stem) = key.strip_suffix('*') {
                        let pattern = format!("{prefix}{stem}*");
                        let found: Vec<String> = conn.keys(pattern).await.unwrap_or_default();
                        if !found.is_empty() {
                            let _: Result<(), _> = conn.del(found).await;
                        }
                    } else {
                        let _: Result<(), _> = conn.del(format!("{prefix}{key}")).await;
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    async fn redis_cache() -> Option<Cache> {
        let url =
            std::env::var("TEST_REDIS_URL").unwrap_or_else(|_| "redis://127.0.0.1:6379".into());
        match integrations::redis_pool(&url).await {
            Ok(pool) => Some(Cache::redis(
                pool,
                format!("reckot-test:{}:", uuid::Uuid::new_v4().simple()),
            )),
            Err(e) if std::env::var("RECKOT_REQUIRE_SERVICES").as_deref() == Ok("1") => {
                panic!(
                    "Redis at {url} is required (RECKOT_REQUIRE_SERVICES=1) but unreachable: {e}"
                )
            }
            Err(_) => {
                eprintln!("SKIPPED: redis unreachable");
                None
            }
        }
    }

    async fn behaves_like_a_cache(cache: &Cache) {
        assert_eq!(cache.get("event:a").await, None);
        cache
            .set("event:a", b"A".to_vec(), Duration::from_secs(30))
            .await;
        cache
            .set("discover:1", b"1".to_vec(), Duration::from_secs(30))
            .await;
        cache
            .set("discover:2", b"2".to_vec(), Duration::from_secs(30))
            .await;
        assert_eq!(cache.get("event:a").await, Some(b"A".to_vec()));
        cache.delete(&["event:a".into(), "discover:*".into()]).await;
        assert_eq!(cache.get("event:a").await, None);
        assert_eq!(cache.get("discover:1").await, None);
        assert_eq!(cache.get("discover:2").await, None);
        cache
            .set("short", b"x".to_vec(), Duration::from_millis(1100))
            .await;
        tokio::time::sleep(Duration::from_millis(2100)).await;
        assert_eq!(cache.get("short").await, None, "entries expire");
    }

    #[tokio::test]
    async fn the_in_process_cache_stores_expires_and_invalidates_by_prefix() {
        behaves_like_a_cache(&Cache::in_process()).await;
    }

    #[tokio::test]
    async fn the_redis_cache_stores_expires_and_invalidates_by_prefix() {
        if let Some(cache) = redis_cache().await {
            behaves_like_a_cache(&cache).await;
        }
    }
}
