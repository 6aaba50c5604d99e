//! Tests for both limiter variants; the Redis ones run against `TEST_REDIS_URL` and skip (or fail,
//! with `RECKOT_REQUIRE_SERVICES=1`) when it is unreachable.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::Duration;

use super::*;
use crate::redis_pool;

const WINDOW: Duration = Duration::from_millis(300);

async fn redis_or_skip() -> Option<Pool> {
    let url =
        std::env::var("TEST_REDIS_URL").unwrap_or_else(|_| "redis://127.0.0.1:6379".to_owned());
    match redis_pool(&url).await {
        Ok(pool) => Some(pool),
        Err(error) => {
            assert!(
                std::env::var("RECKOT_REQUIRE_SERVICES").as_deref() != Ok("1"),
                "Redis at {url} is required (RECKOT_REQUIRE_SERVICES=1) but unreachable: {error}"
            );
            eprintln!("SKIPPED: redis unreachable ({url}: {error})");
            None
        }
    }
}

// Each test gets its own key space, so tests run in parallel against one Redis without clashing.
fn unique_prefix() -> String {
    format!("reckot-test:{}:", uuid::Uuid::new_v4().simple())
}

async fn assert_limit_then_refusal_then_new_window(limiter: &RateLimiter) {
    for expected_remaining in [2, 1, 0] {
        let decision = limiter.check("login", "1.2.3.4", 3, WINDOW).await.unwrap();
        assert!(decision.allowed, "{decision:?}");
        assert_eq!(decision.limit, 3);
        assert_eq!(decision.remaining, expected_remaining);
        assert!(decision.reset_after <= WINDOW && decision.reset_after > Duration::ZERO);
    }

    let refused = limiter.check("login", "1.2.3.4", 3, WINDOW).await.unwrap();
    assert!(!refused.allowed, "{refused:?}");
    assert_eq!(refused.remaining, 0);
    assert!(
        refused.reset_after > Duration::ZERO && refused.reset_after <= WINDOW,
        "reset_after should be the rest of the window: {refused:?}"
    );

    tokio::time::sleep(refused.reset_after + Duration::from_millis(50)).await;
    let fresh = limiter.check("login", "1.2.3.4", 3, WINDOW).await.unwrap();
    assert!(fresh.allowed, "a new window starts from zero: {fresh:?}");
    assert_eq!(fresh.remaining, 2);
}

async fn assert_buckets_and_keys_count_separately(limiter: &RateLimiter) {
    let window = Duration::from_secs(10);
    assert!(
        limiter
            .check("login", "a", 1, window)
            .await
            .unwrap()
            .allowed
    );
    assert!(
        !limiter
            .check("login", "a", 1, window)
            .await
            .unwrap()
            .allowed
    );
    assert!(
        limiter
            .check("login", "b", 1, window)
            .await
            .unwrap()
            .allowed
    );
    assert!(
        limiter
            .check("password_reset", "a", 1, window)
            .await
            .unwrap()
            .allowed
    );
}

#[tokio::test]
async fn in_process_allows_the_limit_then_refuses_until_a_new_window() {
    assert_limit_then_refusal_then_new_window(&RateLimiter::in_process()).await;
}

#[tokio::test]
async fn in_process_buckets_and_keys_are_counted_separately() {
    assert_buckets_and_keys_count_separately(&RateLimiter::in_process()).await;
}

#[tokio::test]
async fn in_process_clones_share_one_count() {
    let limiter = RateLimiter::in_process();
    let clone = limiter.clone();
    assert!(
        limiter
            .check("login", "k", 1, WINDOW)
            .await
            .unwrap()
            .allowed
    );
    assert!(!clone.check("login", "k", 1, WINDOW).await.unwrap().allowed);
}

#[test]
fn in_process_sweep_forgets_expired_windows() {
    let limiter = InProcessLimiter::default();
    limiter.hit("login", "old", Duration::from_millis(1));
    limiter.hit("login", "current", Duration::from_secs(60));
    std::thread::sleep(Duration::from_millis(5));
    // Pretend the last sweep was long ago so the next hit sweeps.
    limiter.state.lock().unwrap().last_sweep = Some(Instant::now() - SWEEP_EVERY);

    limiter.hit("login", "new", Duration::from_secs(60));

    assert_eq!(
        limiter.tracked_windows(),
        2,
        "only `current` and `new` remain"
    );
}

#[tokio::test]
async fn redis_allows_the_limit_then_refuses_until_a_new_window() {
    let Some(pool) = redis_or_skip().await else {
        return;
    };
    assert_limit_then_refusal_then_new_window(&RateLimiter::redis(pool, unique_prefix())).await;
}

#[tokio::test]
async fn redis_buckets_and_keys_are_counted_separately() {
    let Some(pool) = redis_or_skip().await else {
        return;
    };
    assert_buckets_and_keys_count_separately(&RateLimiter::redis(pool, unique_prefix())).await;
}

#[tokio::test]
async fn redis_keys_are_named_prefix_rl_bucket_key_and_expire_with_the_window() {
    let Some(pool) = redis_or_skip().await else {
        return;
    };
    let prefix = unique_prefix();
    let limiter = RateLimiter::redis(pool.clone(), prefix.clone());

    limiter
        .check("login", "1.2.3.4", 5, Duration::from_secs(30))
        .await
        .unwrap();

    let mut connection = pool.get().await.unwrap();
    let key = format!("{prefix}rl:login:1.2.3.4");
    let count: u64 = redis::cmd("GET")
        .arg(&key)
        .query_async(&mut *connection)
        .await
        .unwrap();
    let ttl_ms: i64 = redis::cmd("PTTL")
        .arg(&key)
        .query_async(&mut *connection)
        .await
        .unwrap();
    assert_eq!(count, 1);
    assert!(ttl_ms > 25_000 && ttl_ms <= 30_000, "ttl {ttl_ms}");
}

#[tokio::test]
async fn two_redis_limiters_with_the_same_prefix_share_one_count() {
    let Some(first_pool) = redis_or_skip().await else {
        return;
    };
    // A second pool stands in for a second server instance.
    let Some(second_pool) = redis_or_skip().await else {
        return;
    };
    let prefix = unique_prefix();
    let first = RateLimiter::redis(first_pool.clone(), prefix.clone());
    let second = RateLimiter::redis(second_pool, prefix);
    let elsewhere = RateLimiter::redis(first_pool, unique_prefix());
    let window = Duration::from_secs(10);

    assert!(first.check("login", "k", 3, window).await.unwrap().allowed);
    assert!(second.check("login", "k", 3, window).await.unwrap().allowed);
    let third = first.check("login", "k", 3, window).await.unwrap();
    assert!(third.allowed && third.remaining == 0, "{third:?}");
    assert!(!second.check("login", "k", 3, window).await.unwrap().allowed);

    let other = elsewhere.check("login", "k", 3, window).await.unwrap();
    assert_eq!(other.remaining, 2, "another prefix is another count");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_redis_checks_allow_exactly_the_limit() {
    let Some(pool) = redis_or_skip().await else {
        return;
    };
    let limiter = RateLimiter::redis(pool, unique_prefix());
    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..40 {
        let limiter = limiter.clone();
        tasks.spawn(async move {
            limiter
                .check("login", "burst", 10, Duration::from_secs(10))
                .await
                .unwrap()
                .allowed
        });
    }
    let allowed = tasks.join_all().await.into_iter().filter(|a| *a).count();
    assert_eq!(allowed, 10);
}

#[tokio::test]
async fn building_a_pool_for_an_unreachable_redis_fails_instead_of_hanging() {
    // Port 1 on loopback refuses connections.
    let result = tokio::time::timeout(Duration::from_secs(10), redis_pool("redis://127.0.0.1:1"))
        .await
        .expect("bounded by the pool timeouts");
    assert!(result.is_err());
}
