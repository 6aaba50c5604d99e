//! The live check-in dashboard on both databases: the snapshot's counts (by ticket type, gate,
//! five-minute arrivals, swag), the server-sent event stream through a real listening server
//! (first snapshot, a new one after a scan, bursts coalesced, the stream gone with its client),
//! who may watch, and change signals travelling between two instances through Redis.

use std::time::{Duration, Instant};

use actix_web::http::StatusCode;
use chrono::{DateTime, SecondsFormat, Utc};
use deadpool_redis::redis;
use reckot_server::live::{Live, Subscription};
use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use uuid::Uuid;

use crate::checkout::{Shop, buy, order_body, shop};
use crate::db_test;
use crate::support::{TestApp, assert_problem};

const WAIT: Duration = Duration::from_secs(10);

fn stats_path(s: &Shop) -> String {
    format!("/api/v1/orgs/{}/events/{}/checkin-stats", s.org, s.event)
}

async fn door(app: &TestApp, s: &Shop, allow_reentry: bool) -> String {
    let res = app
        .post(
            &format!("/api/v1/orgs/{}/events/{}/checkin-lists", s.org, s.event),
            Some(&s.token),
            json!({"name": "Main door", "allow_reentry": allow_reentry}),
        )
        .await;
    assert_eq!(res.status, StatusCode::CREATED, "{:?}", res.body);
    res.body["id"].as_str().unwrap().to_owned()
}

/// Buys free tickets; returns (order id, ticket codes).
async fn tickets(
    app: &TestApp,
    s: &Shop,
    email: &str,
    type_id: &str,
    n: u32,
) -> (String, Vec<String>) {
    let res = buy(app, &s.slug, order_body(email, &[(type_id, n)])).await;
    assert_eq!(res.status, StatusCode::CREATED, "{:?}", res.body);
    let codes = res.body["tickets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["code"].as_str().unwrap().to_owned())
        .collect();
    (res.body["id"].as_str().unwrap().to_owned(), codes)
}

/// Scans `code` (`direction`, `gate`, `at`) and returns the outcome.
async fn scan(
    app: &TestApp,
    s: &Shop,
    list: &str,
    code: &str,
    direction: &str,
    gate: Option<&str>,
    at: DateTime<Utc>,
) -> String {
    let res = app
        .post(
            &format!("/api/v1/orgs/{}/checkin-lists/{list}/scans", s.org),
            Some(&s.token),
            json!({
                "code": code,
                "direction": direction,
                "gate": gate,
                "nonce": Uuid::new_v4().to_string(),
                "scanned_at": at.to_rfc3339_opts(SecondsFormat::Secs, true),
            }),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{:?}", res.body);
    res.body["outcome"].as_str().unwrap().to_owned()
}

fn bucket_of(at: DateTime<Utc>) -> DateTime<Utc> {
    DateTime::from_timestamp(at.timestamp().div_euclid(300) * 300, 0).unwrap()
}

fn rfc3339(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::AutoSi, true)
}

db_test!(
    the_dashboard_counts_paid_tickets_entries_by_type_and_gate_arrivals_and_swag,
    |app: TestApp| async move {
        let s = shop(&app, &[("Standard", "0", 50), ("VIP", "0", 10)]).await;
        let empty = app.get(&stats_path(&s), &s.token).await;
        assert_eq!(empty.status, StatusCode::OK, "{:?}", empty.body);
        assert_eq!(empty.body["expected"], 0);
        assert_eq!(empty.body["by_gate"], json!([]));
        assert_eq!(empty.body["arrivals"], json!([]));
        assert_eq!(empty.body["swag"], json!([]));

        let list = door(&app, &s, true).await;
        let (_, standard) = tickets(&app, &s, "a@example.com", &s.types[0], 3).await;
        let (_, vip) = tickets(&app, &s, "b@example.com", &s.types[1], 2).await;
        // A cancelled booking's ticket is not expected.
        let (cancelled, _) = tickets(&app, &s, "c@example.com", &s.types[1], 1).await;
        let res = app
            .post(
                &format!("/api/v1/orgs/{}/orders/{cancelled}/cancel", s.org),
                Some(&s.token),
                json!({"reason": "duplicate"}),
            )
            .await;
        assert_eq!(res.status, StatusCode::OK, "{:?}", res.body);

        let now = app.state.now();
        let base = bucket_of(now - chrono::Duration::hours(1));
        let at = |minutes: i64| base + chrono::Duration::minutes(minutes);
        for (code, direction, gate, when, outcome) in [
            (&standard[0], "entry", Some("North"), at(1), "ok"),
            (&standard[1], "entry", Some("North"), at(3), "ok"),
            (&vip[0], "entry", Some("South"), at(6), "ok"),
            // Refusals and exits are not arrivals.
            (&vip[0], "entry", Some("South"), at(7), "already_checked_in"),
            (&standard[0], "exit", Some("South"), at(8), "ok"),
            // A re-entry is an arrival at its gate, not a second ticket inside.
            (&standard[0], "entry", Some("South"), at(21), "ok"),
        ] {
            assert_eq!(
                scan(&app, &s, &list, code, direction, gate, when).await,
                outcome
            );
        }
        // Without a gate, and more than a day ago: counted, but outside the arrivals chart.
        let old = now - chrono::Duration::hours(25);
        assert_eq!(
            scan(&app, &s, &list, &standard[2], "entry", None, old).await,
            "ok"
        );

        let scope = db::OrgScope::for_platform_operation(s.org.parse().unwrap());
        let event_id: Uuid = s.event.parse().unwrap();
        let fields = |name: &str| db::swag::ItemFields {
            name: name.into(),
            allowance_per_attendee: 1,
            ticket_type_ids: vec![],
        };
        let shirt =
            db::swag::insert_item(&app.state.db, scope, event_id, 100, fields("T-shirt"), now)
                .await
                .unwrap();
        let bag =
            db::swag::insert_item(&app.state.db, scope, event_id, 20, fields("Tote bag"), now)
                .await
                .unwrap();
        assert!(
            db::swag::take_stock(&app.state.db, scope, shirt.id, 3, now)
                .await
                .unwrap()
        );

        let stats = app.get(&stats_path(&s), &s.token).await;
        assert_eq!(stats.status, StatusCode::OK, "{:?}", stats.body);
        let b = &stats.body;
        assert_eq!(b["event_id"], s.event.as_str());
        assert_eq!(b["expected"], 5);
        assert_eq!(b["checked_in"], 4);
        assert_eq!(
            b["by_ticket_type"],
            json!([
                {"ticket_type_id": s.types[0], "name": {"en": "Standard", "fr": "Standard"}, "expected": 3, "checked_in": 3},
                {"ticket_type_id": s.types[1], "name": {"en": "VIP", "fr": "VIP"}, "expected": 2, "checked_in": 1},
            ])
        );
        // Busiest first; a tie by name; scans without a gate last.
        assert_eq!(
            b["by_gate"],
            json!([
                {"gate": "North", "entries": 2},
                {"gate": "South", "entries": 2},
                {"gate": null, "entries": 1},
            ])
        );
        assert_eq!(
            b["arrivals"],
            json!([
                {"starts_at": rfc3339(at(0)), "entries": 2},
                {"starts_at": rfc3339(at(5)), "entries": 1},
                {"starts_at": rfc3339(at(20)), "entries": 1},
            ])
        );
        assert_eq!(
            b["swag"],
            json!([
                {"item_id": shirt.id, "name": "T-shirt", "stock": 100, "handed_out": 3},
                {"item_id": bag.id, "name": "Tote bag", "stock": 20, "handed_out": 0},
            ])
        );
        let generated: DateTime<Utc> = serde_json::from_value(b["generated_at"].clone()).unwrap();
        assert_eq!(generated, now);
    }
);

/// An event stream read from a real socket, as a browser's `fetch` reads it.
struct EventStream {
    socket: TcpStream,
    buf: Vec<u8>,
    head: String,
}

impl EventStream {
    async fn open(addr: std::net::SocketAddr, path: &str, token: &str) -> EventStream {
        let mut socket = TcpStream::connect(addr).await.unwrap();
        let request = format!(
            "GET {path} HTTP/1.1\r\nHost: reckot.test\r\nAuthorization: Bearer {token}\r\nAccept: text/event-stream\r\n\r\n"
        );
        socket.write_all(request.as_bytes()).await.unwrap();
        let mut stream = EventStream {
            socket,
            buf: Vec::new(),
            head: String::new(),
        };
        let end = stream.read_until(b"\r\n\r\n").await;
        stream.head = String::from_utf8_lossy(&stream.buf[..end]).to_lowercase();
        stream.buf.drain(..end);
        stream
    }

    /// Reads until `marker` is buffered; returns the index just past it.
    async fn read_until(&mut self, marker: &[u8]) -> usize {
        tokio::time::timeout(WAIT, async {
            loop {
                if let Some(i) = find(&self.buf, marker) {
                    return i + marker.len();
                }
                let mut chunk = [0u8; 8192];
                let n = self.socket.read(&mut chunk).await.unwrap();
                assert!(n > 0, "the server closed the stream");
                self.buf.extend_from_slice(&chunk[..n]);
            }
        })
        .await
        .unwrap_or_else(|_| {
            panic!(
                "nothing within {WAIT:?}; got {:?}",
                String::from_utf8_lossy(&self.buf)
            )
        })
    }

    /// The next `stats` event's data. Each event is one chunk of the chunked body, so its
    /// `data:` line is never split by chunk framing.
    async fn next_stats(&mut self) -> Value {
        let start = self.read_until(b"event: stats\ndata: ").await;
        self.buf.drain(..start);
        let end = self.read_until(b"\n\n").await;
        let data: Value = serde_json::from_slice(&self.buf[..end - 2]).unwrap();
        self.buf.drain(..end);
        data
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

db_test!(
    the_stream_sends_a_snapshot_at_once_then_after_each_change_at_most_once_a_second,
    |app: TestApp| async move {
        let s = shop(&app, &[("Standard", "0", 50)]).await;
        let list = door(&app, &s, false).await;
        let (_, codes) = tickets(&app, &s, "a@example.com", &s.types[0], 4).await;
        let staff = app
            .member(&s.token, &s.org, "door@example.com", "checkin_staff")
            .await;

        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        let state = app.state.clone();
        let server =
            actix_web::HttpServer::new(move || reckot_server::http::app::build(state.clone()))
                .workers(1)
                .disable_signals()
                .listen(listener)
                .unwrap()
                .run();
        let server_handle = server.handle();
        actix_web::rt::spawn(server);

        let event_id: Uuid = s.event.parse().unwrap();
        let mut stream =
            EventStream::open(addr, &format!("{}/stream", stats_path(&s)), &staff).await;
        assert!(stream.head.starts_with("http/1.1 200"), "{}", stream.head);
        for header in [
            "content-type: text/event-stream",
            "cache-control: no-cache",
            "x-accel-buffering: no",
        ] {
            assert!(stream.head.contains(header), "{header} in {}", stream.head);
        }
        let first = stream.next_stats().await;
        assert_eq!(first["expected"], 4);
        assert_eq!(first["checked_in"], 0);
        assert_eq!(app.state.live.watchers(event_id), 1);

        let now = app.state.now();
        assert_eq!(
            scan(&app, &s, &list, &codes[0], "entry", Some("North"), now).await,
            "ok"
        );
        let second = stream.next_stats().await;
        assert_eq!(second["checked_in"], 1);
        assert_eq!(second["by_gate"], json!([{"gate": "North", "entries": 1}]));
        let mut sent_at = Instant::now();

        // A burst: however fast the scans come, snapshots stay a second apart.
        for code in &codes[1..] {
            assert_eq!(
                scan(&app, &s, &list, code, "entry", Some("North"), now).await,
                "ok"
            );
        }
        loop {
            let next = stream.next_stats().await;
            let gap = sent_at.elapsed();
            assert!(gap >= Duration::from_millis(700), "snapshots {gap:?} apart");
            sent_at = Instant::now();
            if next["checked_in"] == 4 {
                break;
            }
        }

        // The client goes away: the server drops the stream and its subscription. HTTP/1 allows
        // half-closed connections, so the server notices on writing: here the snapshots of
        // further changes; on an idle stream, the keep-alive comments.
        drop(stream);
        let gone = tokio::time::timeout(WAIT, async {
            while app.state.live.watchers(event_id) > 0 {
                app.state.live.publish(event_id);
                tokio::time::sleep(Duration::from_millis(200)).await;
            }
        })
        .await;
        assert!(gone.is_ok(), "the stream outlived its client");
        server_handle.stop(false).await;
    }
);

db_test!(
    admitting_scans_and_swag_hand_outs_signal_the_dashboard_refusals_do_not,
    |app: TestApp| async move {
        let s = shop(&app, &[("Standard", "0", 50)]).await;
        let list = door(&app, &s, false).await;
        let (_, codes) = tickets(&app, &s, "a@example.com", &s.types[0], 1).await;
        let item = app
            .post(
                &format!("/api/v1/orgs/{}/events/{}/swag-items", s.org, s.event),
                Some(&s.token),
                json!({"name": "T-shirt", "stock": 10}),
            )
            .await;
        assert_eq!(item.status, StatusCode::CREATED, "{:?}", item.body);
        let mut changes = app.state.live.subscribe(s.event.parse().unwrap());
        let quick = Duration::from_millis(300);
        let now = app.state.now();

        assert_eq!(
            scan(&app, &s, &list, &codes[0], "entry", None, now).await,
            "ok"
        );
        assert!(
            signalled_within(&mut changes, quick).await,
            "an admitting scan"
        );
        let again = scan(&app, &s, &list, &codes[0], "entry", None, now).await;
        assert_eq!(again, "already_checked_in");
        assert!(
            !signalled_within(&mut changes, quick).await,
            "a refused scan"
        );

        let hand_out = |nonce: &'static str| {
            let path = format!(
                "/api/v1/orgs/{}/swag-items/{}/handouts",
                s.org,
                item.body["id"].as_str().unwrap()
            );
            let body = json!({"code": codes[0], "nonce": nonce});
            let token = s.token.clone();
            let app = &app;
            async move { app.post(&path, Some(&token), body).await }
        };
        let given = hand_out("handout-0001").await;
        assert_eq!(given.body["outcome"], "ok", "{:?}", given.body);
        assert!(signalled_within(&mut changes, quick).await, "a hand-out");
        let refused = hand_out("handout-0002").await;
        assert_eq!(
            refused.body["outcome"], "allowance_reached",
            "{:?}",
            refused.body
        );
        assert!(
            !signalled_within(&mut changes, quick).await,
            "a refused hand-out"
        );
    }
);

db_test!(
    only_members_who_check_people_in_may_watch_the_dashboard,
    |app: TestApp| async move {
        let s = shop(&app, &[("Standard", "0", 50)]).await;
        let staff = app
            .member(&s.token, &s.org, "door@example.com", "checkin_staff")
            .await;
        let viewer = app
            .member(&s.token, &s.org, "viewer@example.com", "viewer")
            .await;
        let stream = format!("{}/stream", stats_path(&s));
        assert_eq!(
            app.get(&stats_path(&s), &staff).await.status,
            StatusCode::OK
        );
        for path in [stats_path(&s), stream.clone()] {
            assert_problem(&app.get(&path, &viewer).await, 403, "forbidden");
            assert_problem(
                &app.send("GET", &path, None, None).await,
                401,
                "authentication_required",
            );
        }
        // An event that is not the organization's: a problem, before any streaming.
        let unknown = format!(
            "/api/v1/orgs/{}/events/{}/checkin-stats/stream",
            s.org,
            Uuid::new_v4()
        );
        assert_problem(&app.get(&unknown, &staff).await, 404, "not_found");
    }
);

/// Redis for the cross-instance tests: `None` (skipped) when unreachable and not required.
async fn redis() -> Option<(String, deadpool_redis::Pool)> {
    let url = std::env::var("TEST_REDIS_URL").unwrap_or_else(|_| "redis://127.0.0.1:6379".into());
    match integrations::redis_pool(&url).await {
        Ok(pool) => Some((url, pool)),
        Err(e) if std::env::var("RECKOT_REQUIRE_SERVICES").as_deref() == Ok("1") => {
            panic!("Redis at {url} is required (RECKOT_REQUIRE_SERVICES=1) but unreachable: {e}")
        }
        Err(_) => {
            eprintln!("SKIPPED: redis unreachable");
            None
        }
    }
}

fn test_prefix() -> String {
    format!("reckot-test:{}:", Uuid::new_v4().simple())
}

async fn signalled_within(sub: &mut Subscription, wait: Duration) -> bool {
    tokio::time::timeout(wait, sub.changed())
        .await
        .unwrap_or(false)
}

/// Publishes on `from` until `sub` hears it (the other instance's listener may still be
/// connecting, and pub/sub does not keep messages for late subscribers).
async fn publish_until_heard(from: &Live, event_id: Uuid, sub: &mut Subscription) {
    let heard = tokio::time::timeout(WAIT, async {
        loop {
            from.publish(event_id);
            if signalled_within(sub, Duration::from_millis(200)).await {
                return;
            }
        }
    })
    .await;
    assert!(
        heard.is_ok(),
        "nothing published on one instance reached the other"
    );
}

#[actix_web::test]
async fn a_change_published_on_one_instance_reaches_watchers_on_another_through_redis() {
    let Some((url, pool)) = redis().await else {
        return;
    };
    let (prefix, other_prefix) = (test_prefix(), test_prefix());
    let a = Live::redis(&url, pool.clone(), &prefix).unwrap();
    let b = Live::redis(&url, pool.clone(), &prefix).unwrap();
    let elsewhere = Live::redis(&url, pool.clone(), &other_prefix).unwrap();
    let elsewhere_too = Live::redis(&url, pool.clone(), &other_prefix).unwrap();
    let (event, other_event) = (Uuid::new_v4(), Uuid::new_v4());
    let mut on_a = a.subscribe(event);
    let mut on_b = b.subscribe(event);
    let mut other_on_b = b.subscribe(other_event);
    let mut on_elsewhere = elsewhere.subscribe(event);

    // Every listener connected: each instance has heard the other.
    publish_until_heard(&a, event, &mut on_b).await;
    publish_until_heard(&b, event, &mut on_a).await;
    publish_until_heard(&elsewhere_too, event, &mut on_elsewhere).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    for sub in [&mut on_a, &mut on_b, &mut other_on_b, &mut on_elsewhere] {
        sub.drain();
    }

    a.publish(event);
    let quick = Duration::from_millis(300);
    assert!(
        signalled_within(&mut on_a, quick).await,
        "the publisher's own watchers, at once"
    );
    assert!(
        signalled_within(&mut on_b, WAIT).await,
        "the other instance's watchers"
    );
    assert!(
        !signalled_within(&mut on_a, quick).await,
        "not a second time when the publish comes back from Redis"
    );
    assert!(
        !signalled_within(&mut other_on_b, quick).await,
        "only that event's watchers"
    );
    assert!(
        !signalled_within(&mut on_elsewhere, quick).await,
        "another key prefix is another deployment"
    );
}

async fn pubsub_clients(pool: &deadpool_redis::Pool) -> Vec<String> {
    let mut conn = pool.get().await.unwrap();
    let list: String = redis::cmd("CLIENT")
        .arg("LIST")
        .arg("TYPE")
        .arg("pubsub")
        .query_async(&mut *conn)
        .await
        .unwrap();
    list.lines()
        .filter_map(|l| l.split(' ').find_map(|f| f.strip_prefix("id=")))
        .map(str::to_owned)
        .collect()
}

#[actix_web::test]
async fn watchers_catch_up_when_redis_drops_the_subscription() {
    let Some((url, pool)) = redis().await else {
        return;
    };
    let prefix = test_prefix();
    let a = Live::redis(&url, pool.clone(), &prefix).unwrap();
    let event = Uuid::new_v4();
    let mut on_a = a.subscribe(event);
    // `a`'s listener is connected once it relays; the connections that appear after are `b`'s.
    let probe = Live::redis(&url, pool.clone(), &prefix).unwrap();
    publish_until_heard(&probe, event, &mut on_a).await;
    let before = pubsub_clients(&pool).await;
    let b = Live::redis(&url, pool.clone(), &prefix).unwrap();
    let mut on_b = b.subscribe(event);
    publish_until_heard(&a, event, &mut on_b).await;
    let b_clients: Vec<String> = pubsub_clients(&pool)
        .await
        .into_iter()
        .filter(|id| !before.contains(id))
        .collect();
    assert!(!b_clients.is_empty());
    let mut conn = pool.get().await.unwrap();
    for id in &b_clients {
        let _: redis::Value = redis::cmd("CLIENT")
            .arg("KILL")
            .arg("ID")
            .arg(id)
            .query_async(&mut *conn)
            .await
            .unwrap();
    }
    // Whatever was published while it was away, `b` has its watchers refresh once back...
    on_b.drain();
    assert!(
        signalled_within(&mut on_b, WAIT).await,
        "no refresh after the subscription came back"
    );
    // ...and hears the other instance again.
    on_b.drain();
    publish_until_heard(&a, event, &mut on_b).await;
}
