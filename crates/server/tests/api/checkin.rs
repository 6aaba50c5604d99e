//! Check-in on both databases: lists with counts, scans by signed QR payload or typed code with
//! every refusal named, retries by nonce counted once, concurrent scans admitting a ticket once,
//! exit and re-entry, and who may do what.

use actix_web::http::StatusCode;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{Duration, SecondsFormat, Utc};
use domain::ticket_token::{self, TicketClaims};
use futures_util::future::join_all;
use serde_json::{Value, json};

use crate::checkout::{Shop, buy, order_body, shop};
use crate::db_test;
use crate::events::{event_body, ticket};
use crate::support::{Res, TestApp, assert_problem};

pub fn rfc3339(at: chrono::DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Secs, true)
}

pub async fn create_list(app: &TestApp, s: &Shop, body: Value) -> Value {
    let res = app
        .post(
            &format!("/api/v1/orgs/{}/events/{}/checkin-lists", s.org, s.event),
            Some(&s.token),
            body,
        )
        .await;
    assert_eq!(res.status, StatusCode::CREATED, "{:?}", res.body);
    res.body
}

/// Buys `quantity` free tickets of `type_id`; returns (order id, tickets).
pub async fn tickets(
    app: &TestApp,
    slug: &str,
    email: &str,
    type_id: &str,
    quantity: u32,
) -> (String, Vec<Value>) {
    let res = buy(app, slug, order_body(email, &[(type_id, quantity)])).await;
    assert_eq!(res.status, StatusCode::CREATED, "{:?}", res.body);
    assert_eq!(res.body["status"], "confirmed");
    (
        res.body["id"].as_str().unwrap().to_owned(),
        res.body["tickets"].as_array().unwrap().clone(),
    )
}

/// The signed QR payload of a ticket, as printed on it.
pub fn qr(app: &TestApp, event: &str, t: &Value) -> String {
    qr_with(app.state.settings.ticket_signing_seed(), event, t)
}

fn qr_with(seed: &[u8; 32], event: &str, t: &Value) -> String {
    ticket_token::sign(
        seed,
        &TicketClaims {
            ticket_id: t["id"].as_str().unwrap().parse().unwrap(),
            event_id: event.parse().unwrap(),
            code: t["code"].as_str().unwrap().to_owned(),
        },
    )
    .unwrap()
}

pub async fn scan_with(app: &TestApp, token: &str, org: &str, list: &str, body: Value) -> Res {
    app.post(
        &format!("/api/v1/orgs/{org}/checkin-lists/{list}/scans"),
        Some(token),
        body,
    )
    .await
}

/// Scans `code` with a fresh nonce and returns the answer (asserting 200).
async fn scan(app: &TestApp, token: &str, org: &str, list: &str, code: &str) -> Value {
    let res = scan_with(
        app,
        token,
        org,
        list,
        json!({"code": code, "nonce": uuid::Uuid::new_v4().to_string()}),
    )
    .await;
    assert_eq!(res.status, StatusCode::OK, "{:?}", res.body);
    res.body
}

db_test!(
    a_ticket_gets_in_once_and_the_door_sees_when_where_and_by_whom,
    |app: TestApp| async move {
        let s = shop(&app, &[("Standard", "0", 50), ("VIP", "0", 10)]).await;
        let staff = app
            .member(&s.token, &s.org, "door@example.com", "checkin_staff")
            .await;
        let viewer = app
            .member(&s.token, &s.org, "viewer@example.com", "viewer")
            .await;
        let list = create_list(&app, &s, json!({"name": "Main door"})).await;
        let list_id = list["id"].as_str().unwrap().to_owned();
        assert_eq!(list["allow_reentry"], false);
        assert_eq!(list["ticket_type_ids"], json!([]));
        assert_eq!(list["counts"]["expected"], 0);
        let (order_id, bought) = tickets(&app, &s.slug, "amina@example.com", &s.types[0], 2).await;

        // By QR payload, by door staff at the north gate.
        let first = scan_with(
            &app,
            &staff,
            &s.org,
            &list_id,
            json!({"code": qr(&app, &s.event, &bought[0]), "gate": " North ", "nonce": "nonce-0001"}),
        )
        .await;
        assert_eq!(first.status, StatusCode::OK, "{:?}", first.body);
        assert_eq!(first.body["outcome"], "ok");
        assert_eq!(first.body["direction"], "entry");
        assert_eq!(first.body["ticket"]["id"], bought[0]["id"]);
        assert_eq!(first.body["ticket"]["code"], bought[0]["code"]);
        assert_eq!(first.body["ticket"]["attendee_name"], "Amina Njoya");
        assert_eq!(first.body["ticket"]["ticket_type_id"], s.types[0].as_str());
        assert_eq!(first.body["ticket"]["ticket_type_name"]["en"], "Standard");
        assert!(first.body["previous"].is_null());
        assert_eq!(first.body["message"]["en"], "Welcome in");

        // Again, by the owner at another gate: who let it in, where, when.
        let again = scan(
            &app,
            &s.token,
            &s.org,
            &list_id,
            &qr(&app, &s.event, &bought[0]),
        )
        .await;
        assert_eq!(again["outcome"], "already_checked_in");
        assert_eq!(again["previous"]["gate"], "North");
        assert_eq!(again["previous"]["by_name"], "Test Person");
        let at: chrono::DateTime<Utc> =
            serde_json::from_value(again["previous"]["at"].clone()).unwrap();
        assert!((Utc::now() - at).num_seconds().abs() < 60, "{at}");

        // Typed: lower case, no dashes, an O for a zero.
        let typed = bought[1]["code"]
            .as_str()
            .unwrap()
            .replace('-', "")
            .to_lowercase()
            .replace('0', "o");
        let second = scan(&app, &staff, &s.org, &list_id, &typed).await;
        assert_eq!(second["outcome"], "ok", "{second:?}");
        assert_eq!(second["ticket"]["id"], bought[1]["id"]);

        // The ticket itself remembers its first entry.
        let scope = db::OrgScope::for_platform_operation(s.org.parse().unwrap());
        let row = db::tickets::get(
            &app.state.db,
            scope,
            order_id.parse().unwrap(),
            bought[0]["id"].as_str().unwrap().parse().unwrap(),
        )
        .await
        .unwrap();
        assert!(row.checked_in_at.is_some());

        // Codes that name nothing, and QR payloads that were tampered with or forged.
        for garbage in ["hello", "0000-0000-0000-0000", "RK1.nonsense", ""] {
            if garbage.is_empty() {
                let res = scan_with(
                    &app,
                    &staff,
                    &s.org,
                    &list_id,
                    json!({"code": " ", "nonce": "x", "gate": "g".repeat(61)}),
                )
                .await;
                assert_problem(&res, 422, "validation_failed");
                let fields: Vec<&str> = res.body["errors"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|e| e["field"].as_str().unwrap())
                    .collect();
                assert_eq!(fields, ["code", "gate", "nonce"]);
                continue;
            }
            let res = scan(&app, &staff, &s.org, &list_id, garbage).await;
            assert_eq!(res["outcome"], "unknown_code", "{garbage}");
            assert!(res["ticket"].is_null());
        }
        let genuine = qr(&app, &s.event, &bought[0]);
        let (head, sig) = genuine.rsplit_once('.').unwrap();
        let mut sig = sig.to_owned().into_bytes();
        sig[10] = if sig[10] == b'A' { b'B' } else { b'A' };
        let tampered = format!("{head}.{}", String::from_utf8(sig).unwrap());
        let forged = qr_with(&[9; 32], &s.event, &bought[0]);
        for bad in [tampered, forged] {
            let res = scan(&app, &staff, &s.org, &list_id, &bad).await;
            assert_eq!(res["outcome"], "invalid_signature");
            assert!(res["ticket"].is_null());
        }

        // Counts: 2 expected and inside, by type.
        let got = app
            .get(
                &format!("/api/v1/orgs/{}/checkin-lists/{list_id}", s.org),
                &staff,
            )
            .await;
        assert_eq!(got.status, StatusCode::OK, "{:?}", got.body);
        assert_eq!(got.body["counts"]["expected"], 2);
        assert_eq!(got.body["counts"]["checked_in"], 2);
        assert_eq!(
            got.body["counts"]["by_ticket_type"],
            json!([
                {"ticket_type_id": s.types[0], "name": {"en": "Standard", "fr": "Standard"}, "expected": 2, "checked_in": 2},
                {"ticket_type_id": s.types[1], "name": {"en": "VIP", "fr": "VIP"}, "expected": 0, "checked_in": 0},
            ])
        );

        // The log, newest first, page by page: 2 ok, 1 already, 3 unknown, 2 invalid.
        let mut outcomes = Vec::new();
        let mut cursor: Option<String> = None;
        loop {
            let mut path = format!(
                "/api/v1/orgs/{}/checkin-lists/{list_id}/scans?limit=3",
                s.org
            );
            if let Some(c) = &cursor {
                path.push_str(&format!("&cursor={c}"));
            }
            let page = app.get(&path, &staff).await;
            assert_eq!(page.status, StatusCode::OK, "{:?}", page.body);
            for item in page.body["items"].as_array().unwrap() {
                outcomes.push(item["outcome"].as_str().unwrap().to_owned());
            }
            match page.body["next_cursor"].as_str() {
                Some(c) => cursor = Some(c.to_owned()),
                None => break,
            }
        }
        assert_eq!(
            outcomes,
            [
                "invalid_signature",
                "invalid_signature",
                "unknown_code",
                "unknown_code",
                "unknown_code",
                "ok",
                "already_checked_in",
                "ok"
            ]
        );
        let log = app
            .get(
                &format!("/api/v1/orgs/{}/checkin-lists/{list_id}/scans", s.org),
                &s.token,
            )
            .await;
        let oldest = &log.body["items"][7];
        assert_eq!(oldest["gate"], "North");
        assert_eq!(oldest["by_name"], "Test Person");
        assert_eq!(oldest["ticket"]["code"], bought[0]["code"]);

        // The key that verifies QR payloads offline.
        let key = app
            .get(
                &format!("/api/v1/orgs/{}/events/{}/checkin-key", s.org, s.event),
                &staff,
            )
            .await;
        assert_eq!(key.status, StatusCode::OK, "{:?}", key.body);
        let public = ticket_token::public_key(app.state.settings.ticket_signing_seed());
        assert_eq!(key.body["public_key"], URL_SAFE_NO_PAD.encode(public));
        let raw: [u8; 32] = URL_SAFE_NO_PAD
            .decode(key.body["public_key"].as_str().unwrap())
            .unwrap()
            .try_into()
            .unwrap();
        assert!(ticket_token::verify(&raw, &genuine).is_ok());

        // Staff scan and read but do not set lists up; viewers do neither.
        let lists = format!("/api/v1/orgs/{}/events/{}/checkin-lists", s.org, s.event);
        let one = format!("{lists}/{list_id}");
        assert_problem(
            &app.post(&lists, Some(&staff), json!({"name": "Mine"}))
                .await,
            403,
            "forbidden",
        );
        assert_problem(
            &app.patch(&one, &staff, json!({"name": "Mine"})).await,
            403,
            "forbidden",
        );
        assert_problem(&app.delete(&one, &staff).await, 403, "forbidden");
        assert_eq!(app.get(&lists, &staff).await.status, StatusCode::OK);
        assert_problem(
            &scan_with(
                &app,
                &viewer,
                &s.org,
                &list_id,
                json!({"code": typed, "nonce": "viewer-nonce"}),
            )
            .await,
            403,
            "forbidden",
        );
        assert_problem(&app.get(&lists, &viewer).await, 403, "forbidden");
        assert_problem(
            &app.get(
                &format!("/api/v1/orgs/{}/checkin-lists/{list_id}/scans", s.org),
                &viewer,
            )
            .await,
            403,
            "forbidden",
        );
    }
);

db_test!(
    refused_tickets_get_the_reason_not_an_error,
    |app: TestApp| async move {
        let s = shop(&app, &[("Standard", "0", 50), ("VIP", "0", 10)]).await;
        let vip_only = create_list(
            &app,
            &s,
            json!({"name": "VIP", "ticket_type_ids": [s.types[1]]}),
        )
        .await;
        let vip_list = vip_only["id"].as_str().unwrap().to_owned();
        let (_, standard) = tickets(&app, &s.slug, "a@example.com", &s.types[0], 1).await;
        let (vip_order, vip) = tickets(&app, &s.slug, "b@example.com", &s.types[1], 2).await;

        let res = scan(
            &app,
            &s.token,
            &s.org,
            &vip_list,
            &qr(&app, &s.event, &standard[0]),
        )
        .await;
        assert_eq!(res["outcome"], "not_on_this_list");
        assert_eq!(res["ticket"]["ticket_type_name"]["en"], "Standard");

        // A ticket of another event of the same organization, by QR and typed.
        let other = app
            .post(
                &format!("/api/v1/orgs/{}/events", s.org),
                Some(&s.token),
                event_body("Blues Night", "Nuit du Blues", "Douala"),
            )
            .await;
        let other_event = other.body["id"].as_str().unwrap().to_owned();
        let tt = app
            .post(
                &format!("/api/v1/orgs/{}/events/{other_event}/ticket-types", s.org),
                Some(&s.token),
                ticket("Free", "0", 10),
            )
            .await;
        let published = app
            .post(
                &format!("/api/v1/orgs/{}/events/{other_event}/publish", s.org),
                Some(&s.token),
                json!({}),
            )
            .await;
        let (_, elsewhere) = tickets(
            &app,
            published.body["slug"].as_str().unwrap(),
            "c@example.com",
            tt.body["id"].as_str().unwrap(),
            1,
        )
        .await;
        for code in [
            qr(&app, &other_event, &elsewhere[0]),
            elsewhere[0]["code"].as_str().unwrap().to_owned(),
        ] {
            let res = scan(&app, &s.token, &s.org, &vip_list, &code).await;
            assert_eq!(res["outcome"], "wrong_event");
        }

        // A window: before it, after it, and a scan queued offline while it was open.
        let now = Utc::now();
        let path = format!(
            "/api/v1/orgs/{}/events/{}/checkin-lists/{vip_list}",
            s.org, s.event
        );
        let patched = app
            .patch(
                &path,
                &s.token,
                json!({"starts_at": rfc3339(now + Duration::hours(1))}),
            )
            .await;
        assert_eq!(patched.status, StatusCode::OK, "{:?}", patched.body);
        let code = qr(&app, &s.event, &vip[0]);
        assert_eq!(
            scan(&app, &s.token, &s.org, &vip_list, &code).await["outcome"],
            "outside_window"
        );
        app.patch(
            &path,
            &s.token,
            json!({"starts_at": rfc3339(now - Duration::hours(2)), "ends_at": rfc3339(now - Duration::hours(1))}),
        )
        .await;
        assert_eq!(
            scan(&app, &s.token, &s.org, &vip_list, &code).await["outcome"],
            "outside_window"
        );
        let offline = scan_with(
            &app,
            &s.token,
            &s.org,
            &vip_list,
            json!({"code": code, "nonce": "offline-1", "scanned_at": rfc3339(now - Duration::minutes(90))}),
        )
        .await;
        assert_eq!(offline.body["outcome"], "ok", "{:?}", offline.body);
        let future = scan_with(
            &app,
            &s.token,
            &s.org,
            &vip_list,
            json!({"code": code, "nonce": "offline-2", "scanned_at": rfc3339(now + Duration::hours(1))}),
        )
        .await;
        assert_problem(&future, 422, "validation_failed");

        // A cancelled booking voids its tickets at the door.
        let cancelled = app
            .post(
                &format!("/api/v1/orgs/{}/orders/{vip_order}/cancel", s.org),
                Some(&s.token),
                json!({"reason": "duplicate"}),
            )
            .await;
        assert_eq!(cancelled.status, StatusCode::OK, "{:?}", cancelled.body);
        app.patch(&path, &s.token, json!({"starts_at": null, "ends_at": null}))
            .await;
        for t in &vip {
            let res = scan(&app, &s.token, &s.org, &vip_list, &qr(&app, &s.event, t)).await;
            assert_eq!(res["outcome"], "cancelled", "{res:?}");
        }

        // Every invalid field at once.
        let bad = app
            .post(
                &format!("/api/v1/orgs/{}/events/{}/checkin-lists", s.org, s.event),
                Some(&s.token),
                json!({
                    "name": " ",
                    "ticket_type_ids": [s.types[0], tt.body["id"]],
                    "starts_at": rfc3339(now),
                    "ends_at": rfc3339(now - Duration::hours(1)),
                }),
            )
            .await;
        assert_problem(&bad, 422, "validation_failed");
        let fields: Vec<(&str, &str)> = bad.body["errors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| (e["field"].as_str().unwrap(), e["code"].as_str().unwrap()))
            .collect();
        assert_eq!(
            fields,
            [
                ("name", "required"),
                ("ticket_type_ids[1]", "not_found"),
                ("ends_at", "before_start")
            ]
        );

        // A list belongs to its event; deleting it takes its log along.
        assert_problem(
            &app.patch(
                &format!(
                    "/api/v1/orgs/{}/events/{other_event}/checkin-lists/{vip_list}",
                    s.org
                ),
                &s.token,
                json!({"name": "x"}),
            )
            .await,
            404,
            "not_found",
        );
        let lists = app
            .get(
                &format!("/api/v1/orgs/{}/events/{}/checkin-lists", s.org, s.event),
                &s.token,
            )
            .await;
        assert_eq!(lists.body.as_array().unwrap().len(), 1);
        assert_eq!(
            lists.body[0]["counts"]["expected"], 0,
            "the VIP tickets were cancelled"
        );
        assert_eq!(
            lists.body[0]["counts"]["checked_in"], 1,
            "the offline scan let one in"
        );
        assert_eq!(
            app.delete(&path, &s.token).await.status,
            StatusCode::NO_CONTENT
        );
        assert_problem(
            &app.get(
                &format!("/api/v1/orgs/{}/checkin-lists/{vip_list}", s.org),
                &s.token,
            )
            .await,
            404,
            "not_found",
        );
    }
);

db_test!(
    a_retried_scan_counts_once_and_racing_devices_admit_a_ticket_once,
    |app: TestApp| async move {
        let s = shop(&app, &[("Standard", "0", 50)]).await;
        let list = create_list(&app, &s, json!({"name": "Door"})).await;
        let list_id = list["id"].as_str().unwrap().to_owned();
        let (_, bought) = tickets(&app, &s.slug, "a@example.com", &s.types[0], 2).await;

        let body =
            json!({"code": qr(&app, &s.event, &bought[0]), "nonce": "retry-me-1", "gate": "A"});
        let first = scan_with(&app, &s.token, &s.org, &list_id, body.clone()).await;
        let retry = scan_with(&app, &s.token, &s.org, &list_id, body).await;
        assert_eq!(first.body["outcome"], "ok");
        assert_eq!(retry.status, StatusCode::OK);
        assert_eq!(retry.body, first.body, "the retry gets the first answer");
        assert!(first.headers.get("idempotent-replayed").is_none());
        assert_eq!(retry.headers.get("idempotent-replayed").unwrap(), "true");

        // 20 devices scan the other ticket at the same moment.
        let code = qr(&app, &s.event, &bought[1]);
        let results = join_all((0..20).map(|i| {
            scan_with(
                &app,
                &s.token,
                &s.org,
                &list_id,
                json!({"code": code, "nonce": format!("device-{i:04}")}),
            )
        }))
        .await;
        let mut ok = 0;
        for r in &results {
            assert_eq!(r.status, StatusCode::OK, "{:?}", r.body);
            match r.body["outcome"].as_str().unwrap() {
                "ok" => ok += 1,
                "already_checked_in" => assert!(r.body["previous"]["at"].is_string()),
                other => panic!("{other}"),
            }
        }
        assert_eq!(ok, 1);

        let got = app
            .get(
                &format!("/api/v1/orgs/{}/checkin-lists/{list_id}", s.org),
                &s.token,
            )
            .await;
        assert_eq!(got.body["counts"]["checked_in"], 2);
        let log = app
            .get(
                &format!(
                    "/api/v1/orgs/{}/checkin-lists/{list_id}/scans?limit=100",
                    s.org
                ),
                &s.token,
            )
            .await;
        assert_eq!(
            log.body["items"].as_array().unwrap().len(),
            21,
            "the retry is not logged twice"
        );
    }
);

db_test!(
    with_reentry_a_ticket_leaves_and_comes_back,
    |app: TestApp| async move {
        let s = shop(&app, &[("Standard", "0", 50)]).await;
        let reentry =
            create_list(&app, &s, json!({"name": "Festival", "allow_reentry": true})).await;
        let once = create_list(&app, &s, json!({"name": "Concert"})).await;
        let (_, bought) = tickets(&app, &s.slug, "a@example.com", &s.types[0], 1).await;
        let code = qr(&app, &s.event, &bought[0]);
        let go = |list: String, direction: &'static str, nonce: &'static str| {
            let code = code.clone();
            let app = &app;
            let s = &s;
            async move {
                let res = scan_with(
                    app,
                    &s.token,
                    &s.org,
                    &list,
                    json!({"code": code, "direction": direction, "nonce": nonce, "gate": "Main"}),
                )
                .await;
                assert_eq!(res.status, StatusCode::OK, "{:?}", res.body);
                res.body
            }
        };
        let festival = reentry["id"].as_str().unwrap().to_owned();
        assert_eq!(
            go(festival.clone(), "exit", "f-exit-00").await["outcome"],
            "not_checked_in"
        );
        assert_eq!(
            go(festival.clone(), "entry", "f-entry-1").await["outcome"],
            "ok"
        );
        let out = go(festival.clone(), "exit", "f-exit-01").await;
        assert_eq!(out["outcome"], "ok");
        assert_eq!(out["message"]["en"], "Exit recorded");
        assert_eq!(out["previous"]["gate"], "Main");
        let counts = |list: String| {
            let app = &app;
            let s = &s;
            async move {
                app.get(
                    &format!("/api/v1/orgs/{}/checkin-lists/{list}", s.org),
                    &s.token,
                )
                .await
                .body["counts"]["checked_in"]
                    .clone()
            }
        };
        assert_eq!(counts(festival.clone()).await, 0);
        assert_eq!(
            go(festival.clone(), "exit", "f-exit-02").await["outcome"],
            "not_checked_in"
        );
        assert_eq!(
            go(festival.clone(), "entry", "f-entry-2").await["outcome"],
            "ok"
        );
        assert_eq!(
            go(festival.clone(), "entry", "f-entry-3").await["outcome"],
            "already_checked_in"
        );
        assert_eq!(counts(festival.clone()).await, 1);

        // Each list keeps its own presence; without re-entry, leaving is not tracked.
        let concert = once["id"].as_str().unwrap().to_owned();
        assert_eq!(
            go(concert.clone(), "entry", "c-entry-1").await["outcome"],
            "ok"
        );
        assert_eq!(
            go(concert.clone(), "exit", "c-exit-01").await["outcome"],
            "already_checked_in"
        );
        assert_eq!(counts(concert.clone()).await, 1);
        assert_eq!(
            go(concert.clone(), "entry", "c-entry-2").await["outcome"],
            "already_checked_in"
        );
    }
);
