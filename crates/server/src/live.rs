//! Live signals: "the check-in of this event changed". Writers call [`Live::publish`] after they
//! commit; the dashboard's event streams hold a [`Live::subscribe`] and read a fresh snapshot
//! from the database when signalled. A signal carries no data (the database is the truth), so a
//! lost or duplicated one costs a stale or an extra snapshot, never a wrong number.
//!
//! Two backends, chosen like the cache. In-process (one tokio broadcast per watched event) when no
//! Redis is configured. With Redis, a publish also goes out as `PUBLISH <prefix>live:checkin:<event
//! id>`, so that a scan on one instance reaches dashboards connected to another: one background
//! task per `Live` holds a dedicated subscriber connection (`PSUBSCRIBE <prefix>live:checkin:*`,
//! one subscription whatever the number of events) and fans messages into the same local
//! broadcasts. It pings the connection, reconnects with backoff when Redis drops, and then wakes
//! every local watcher, since it may have missed messages meanwhile.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use deadpool_redis::redis::{self, AsyncCommands};
use futures_util::StreamExt;
use tokio::sync::broadcast::{self, error::RecvError, error::TryRecvError};
use tokio::task::AbortHandle;
use uuid::Uuid;

const CHANNEL: &str = "live:checkin:";
/// Readers coalesce signals, so a small buffer is plenty: a reader that lags just refreshes.
const BUFFER: usize = 16;
/// The longest a publish or a (re)subscription waits on Redis.
const REDIS_TIMEOUT: Duration = Duration::from_secs(5);
/// A silently dead subscriber connection (a dropped NAT entry) is noticed within this.
const PING_EVERY: Duration = Duration::from_secs(30);
const BACKOFF_MIN: Duration = Duration::from_millis(200);
const BACKOFF_MAX: Duration = Duration::from_secs(30);

pub struct Live {
    hub: Arc<Hub>,
    backend: Backend,
}

enum Backend {
    InProcess,
    Redis {
        pool: deadpool_redis::Pool,
        /// `<prefix>live:checkin:`
        channel_prefix: String,
        /// Tags this instance's messages, which its own listener skips (they were delivered
        /// locally at once).
        instance: String,
        listener: AbortHandle,
    },
}

impl Live {
    pub fn in_process() -> Live {
        Live {
            hub: Arc::default(),
            backend: Backend::InProcess,
        }
    }

    /// Redis pub/sub under `prefix` (`reckot:` in production, a fresh one per test run). Starts
    /// the listener task, which connects on its own: Redis being down now delays live updates,
    /// never start-up. Must be called within a Tokio runtime.
    pub fn redis(
        url: &str,
        pool: deadpool_redis::Pool,
        prefix: &str,
    ) -> Result<Live, redis::RedisError> {
        let client = redis::Client::open(url)?;
        let hub = Arc::<Hub>::default();
        let channel_prefix = format!("{prefix}{CHANNEL}");
        let instance = Uuid::new_v4().simple().to_string();
        let listener = tokio::spawn(listen(
            client,
            channel_prefix.clone(),
            instance.clone(),
            hub.clone(),
        ))
        .abort_handle();
        Ok(Live {
            hub,
            backend: Backend::Redis {
                pool,
                channel_prefix,
                instance,
                listener,
            },
        })
    }

    /// Signals that `event_id`'s check-in changed. Never fails nor waits: call it after the
    /// commit. Watchers on this instance are signalled at once; other instances through Redis,
    /// from a spawned task, so that a door scan never waits on (or fails with) the dashboard.
    pub fn publish(&self, event_id: Uuid) {
        self.hub.notify(event_id);
        let Backend::Redis {
            pool,
            channel_prefix,
            instance,
            ..
        } = &self.backend
        else {
            return;
        };
        let Ok(runtime) = tokio::runtime::Handle::try_current() else {
            tracing::warn!(event.id = %event_id, "live update not sent: no async runtime");
            return;
        };
        let pool = pool.clone();
        let channel = format!("{channel_prefix}{event_id}");
        let instance = instance.clone();
        runtime.spawn(async move {
            let sent = tokio::time::timeout(REDIS_TIMEOUT, async {
                let mut conn = pool.get().await.map_err(|e| e.to_string())?;
                conn.publish::<_, _, ()>(&channel, instance)
                    .await
                    .map_err(|e| e.to_string())
            })
            .await
            .unwrap_or_else(|_| Err("timed out".into()));
            if let Err(error) = sent {
                tracing::warn!(event.id = %event_id, %error, "live update not sent to other instances");
            }
        });
    }

    /// Signals for `event_id`, from now on. Dropping it unsubscribes.
    pub fn subscribe(&self, event_id: Uuid) -> Subscription {
        Subscription(self.hub.subscribe(event_id))
    }

    /// How many subscriptions to `event_id` are open on this instance (streams that ended have
    /// dropped theirs).
    pub fn watchers(&self, event_id: Uuid) -> usize {
        self.hub.watchers(event_id)
    }

    /// Ends every subscription (their `changed` returns `false`, so event streams finish) and
    /// stops listening to Redis. For a graceful shutdown: open streams would otherwise hold it up
    /// until its timeout, since they never finish on their own; their clients reconnect elsewhere.
    pub fn close(&self) {
        self.hub.lock().clear();
        if let Backend::Redis { listener, .. } = &self.backend {
            listener.abort();
        }
    }
}

impl Drop for Live {
    fn drop(&mut self) {
        if let Backend::Redis { listener, .. } = &self.backend {
            listener.abort();
        }
    }
}

pub struct Subscription(broadcast::Receiver<()>);

impl Subscription {
    /// Waits for the next signal; `false` once the `Live` it came from is gone.
    pub async fn changed(&mut self) -> bool {
        match self.0.recv().await {
            Ok(()) | Err(RecvError::Lagged(_)) => true,
            Err(RecvError::Closed) => false,
        }
    }

    /// Forgets the signals already waiting: the next snapshot covers them.
    pub fn drain(&mut self) {
        while !matches!(
            self.0.try_recv(),
            Err(TryRecvError::Empty | TryRecvError::Closed)
        ) {}
    }
}

/// The local fan-out: one broadcast per event that someone on this instance watches.
#[derive(Default)]
struct Hub {
    events: Mutex<HashMap<Uuid, broadcast::Sender<()>>>,
}

impl Hub {
    fn lock(&self) -> MutexGuard<'_, HashMap<Uuid, broadcast::Sender<()>>> {
        // The map stays consistent whatever a panicking holder was doing: keep using it.
        self.events.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn subscribe(&self, event_id: Uuid) -> broadcast::Receiver<()> {
        let mut events = self.lock();
        // Forget events nobody watches any more (bounded by the watched events, not by history).
        events.retain(|_, tx| tx.receiver_count() > 0);
        events
            .entry(event_id)
            .or_insert_with(|| broadcast::channel(BUFFER).0)
            .subscribe()
    }

    fn notify(&self, event_id: Uuid) {
        let mut events = self.lock();
        if let Some(tx) = events.get(&event_id)
            && tx.send(()).is_err()
        {
            events.remove(&event_id);
        }
    }

    fn notify_all(&self) {
        for tx in self.lock().values() {
            let _ = tx.send(());
        }
    }

    fn watchers(&self, event_id: Uuid) -> usize {
        self.lock()
            .get(&event_id)
            .map_or(0, broadcast::Sender::receiver_count)
    }
}

/// The listener task: subscribe, relay until the connection is lost, back off, again.
async fn listen(client: redis::Client, channel_prefix: String, instance: String, hub: Arc<Hub>) {
    let pattern = format!("{}*", glob_escape(&channel_prefix));
    let mut backoff = BACKOFF_MIN;
    let mut lost = false;
    loop {
        match subscribe(&client, &pattern).await {
            Ok(pubsub) => {
                backoff = BACKOFF_MIN;
                if lost {
                    // Signals published while we were away are gone: have every watcher refresh.
                    tracing::info!("live updates: Redis subscription restored");
                    hub.notify_all();
                }
                let error = relay(pubsub, &channel_prefix, &instance, &hub).await;
                tracing::warn!(%error, "live updates: Redis subscription lost, reconnecting");
                lost = true;
            }
            Err(error) => {
                tracing::warn!(%error, retry_in_ms = backoff.as_millis(), "live updates: cannot subscribe on Redis");
                lost = true;
            }
        }
        tokio::time::sleep(backoff).await;
        backoff = (backoff * 2).min(BACKOFF_MAX);
    }
}

async fn subscribe(client: &redis::Client, pattern: &str) -> anyhow::Result<redis::aio::PubSub> {
    let mut pubsub = tokio::time::timeout(REDIS_TIMEOUT, client.get_async_pubsub()).await??;
    tokio::time::timeout(REDIS_TIMEOUT, pubsub.psubscribe(pattern)).await??;
    Ok(pubsub)
}

/// Relays messages to local watchers until the connection fails; returns why.
async fn relay(
    pubsub: redis::aio::PubSub,
    channel_prefix: &str,
    instance: &str,
    hub: &Hub,
) -> anyhow::Error {
    let (mut sink, mut messages) = pubsub.split();
    let start = tokio::time::Instant::now() + PING_EVERY;
    let mut ping = tokio::time::interval_at(start, PING_EVERY);
    loop {
        tokio::select! {
            message = messages.next() => {
                let Some(message) = message else {
                    return anyhow::anyhow!("connection closed");
                };
                if message.get_payload::<String>().ok().as_deref() == Some(instance) {
                    continue;
                }
                if let Some(event_id) = message
                    .get_channel_name()
                    .strip_prefix(channel_prefix)
                    .and_then(|id| id.parse().ok())
                {
                    hub.notify(event_id);
                }
            }
            _ = ping.tick() => {
                match tokio::time::timeout(REDIS_TIMEOUT, sink.ping::<redis::Value>()).await {
                    Ok(Ok(_)) => {}
                    Ok(Err(e)) => return e.into(),
                    Err(_) => return anyhow::anyhow!("no answer to PING"),
                }
            }
        }
    }
}

/// The prefix as a literal in a `PSUBSCRIBE` pattern.
fn glob_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '*' | '?' | '[' | ']' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    async fn signalled(sub: &mut Subscription) -> bool {
        tokio::time::timeout(Duration::from_millis(200), sub.changed())
            .await
            .unwrap_or(false)
    }

    #[tokio::test]
    async fn in_process_signals_reach_the_watchers_of_that_event_only() {
        let live = Live::in_process();
        let (a, b) = (Uuid::new_v4(), Uuid::new_v4());
        live.publish(a); // nobody watches yet: dropped
        let mut first = live.subscribe(a);
        let mut second = live.subscribe(a);
        let mut other = live.subscribe(b);
        assert_eq!(live.watchers(a), 2);
        live.publish(a);
        live.publish(a);
        assert!(signalled(&mut first).await);
        first.drain();
        assert!(!signalled(&mut first).await, "drained");
        assert!(signalled(&mut second).await);
        assert!(!signalled(&mut other).await);
        drop((first, second));
        assert_eq!(live.watchers(a), 0);
        let _c = live.subscribe(b);
        assert_eq!(live.hub.lock().len(), 1, "unwatched events are forgotten");
    }

    #[tokio::test]
    async fn closing_ends_every_subscription() {
        let live = Live::in_process();
        let mut sub = live.subscribe(Uuid::new_v4());
        live.close();
        let ended = tokio::time::timeout(Duration::from_millis(200), sub.changed()).await;
        assert_eq!(ended.ok(), Some(false));
    }

    #[test]
    fn glob_characters_in_the_prefix_are_escaped() {
        assert_eq!(glob_escape("reckot:"), "reckot:");
        assert_eq!(glob_escape("a*b?[c]\\"), "a\\*b\\?\\[c\\]\\\\");
    }
}
