//! Swag on both databases: items with stock and an allowance per attendee, hand-outs by scanning
//! the ticket with every refusal named, limits that hold under parallel hand-outs, retries by
//! nonce counted once, stock adjustments, the report and its CSV, and who may do what.

use actix_web::http::StatusCode;
use domain::ticket_token::{self, TicketClaims};
use futures_util::future::join_all;
use serde_json::{Value, json};

use crate::checkout::{Shop, buy, order_body, shop};
use crate::db_test;
use crate::events::{event_body, ticket};
use crate::support::{Res, TestApp, assert_problem};

fn items_path(s: &Shop) -> String {
    format!("/api/v1/orgs/{}/events/{}/swag-items", s.org, s.event)
}

async fn create_item(app: &TestApp, s: &Shop, body: Value) -> Value {
    let res = app.post(&items_path(s), Some(&s.token), body).await;
    assert_eq!(res.status, StatusCode::CREATED, "{:?}", res.body);
    res.body
}

fn id(v: &Value) -> String {
    v["id"].as_str().unwrap().to_owned()
}

/// Buys `quantity` free tickets of `type_id`; returns (order id, tickets).
async fn tickets(
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

/// The signed QR payload of a ticket, as printed on it.
fn qr(app: &TestApp, event: &str, t: &Value) -> String {
    qr_with(app.state.settings.ticket_signing_seed(), event, t)
}

async fn hand_out_with(app: &TestApp, token: &str, org: &str, item: &str, body: Value) -> Res {
    app.post(
        &format!("/api/v1/orgs/{org}/swag-items/{item}/handouts"),
        Some(token),
        body,
    )
    .await
}

/// Hands out `quantity` with a fresh nonce and returns the answer (asserting 200).
async fn hand_out(
    app: &TestApp,
    token: &str,
    org: &str,
    item: &str,
    code: &str,
    quantity: u32,
) -> Value {
    let res = hand_out_with(
        app,
        token,
        org,
        item,
        json!({"code": code, "quantity": quantity, "nonce": uuid::Uuid::new_v4().to_string()}),
    )
    .await;
    assert_eq!(res.status, StatusCode::OK, "{:?}", res.body);
    res.body
}

async fn item_now(app: &TestApp, s: &Shop, item: &str) -> Value {
    let res = app.get(&items_path(s), &s.token).await;
    assert_eq!(res.status, StatusCode::OK, "{:?}", res.body);
    res.body
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == item)
        .unwrap()
        .clone()
}

async fn report(app: &TestApp, s: &Shop, item: &str) -> Vec<Value> {
    let res = app
        .get(
            &format!(
                "/api/v1/orgs/{}/swag-items/{item}/handouts?limit=100",
                s.org
            ),
            &s.token,
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{:?}", res.body);
    res.body["items"].as_array().unwrap().clone()
}

fn error_fields(res: &Res) -> Vec<(String, String)> {
    res.body["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["field"].as_str().unwrap().to_owned(),
                e["code"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

db_test!(
    door_staff_hand_out_swag_by_scanning_and_the_report_and_csv_list_what_was_given,
    |app: TestApp| async move {
        let s = shop(&app, &[("Standard", "0", 50)]).await;
        let staff = app
            .member(&s.token, &s.org, "door@example.com", "checkin_staff")
            .await;
        let shirt = create_item(&app, &s, json!({"name": " T-shirt ", "stock": 10})).await;
        assert_eq!(shirt["name"], "T-shirt");
        assert_eq!(shirt["event_id"], s.event.as_str());
        assert_eq!(shirt["stock"], 10);
        assert_eq!(shirt["handed_out"], 0);
        assert_eq!(shirt["remaining"], 10);
        assert_eq!(shirt["allowance_per_attendee"], 1);
        assert_eq!(shirt["ticket_type_ids"], json!([]));
        let shirt_id = id(&shirt);
        let (_, bought) = tickets(&app, &s.slug, "amina@example.com", &s.types[0], 2).await;

        // By QR payload, then by typed code (lower case, no dashes).
        let first = hand_out(
            &app,
            &staff,
            &s.org,
            &shirt_id,
            &qr(&app, &s.event, &bought[0]),
            1,
        )
        .await;
        assert_eq!(first["outcome"], "ok");
        assert_eq!(first["received"], 1);
        assert_eq!(first["allowance_per_attendee"], 1);
        assert_eq!(first["remaining"], 9);
        assert_eq!(first["ticket"]["id"], bought[0]["id"]);
        assert_eq!(first["ticket"]["attendee_name"], "Amina Njoya");
        assert_eq!(first["ticket"]["ticket_type_name"]["en"], "Standard");
        let typed = bought[1]["code"]
            .as_str()
            .unwrap()
            .replace('-', "")
            .to_lowercase();
        let second = hand_out(&app, &staff, &s.org, &shirt_id, &typed, 1).await;
        assert_eq!(second["outcome"], "ok", "{second:?}");
        assert_eq!(second["remaining"], 8);
        // A refusal is recorded but is not in the report.
        let again = hand_out(&app, &staff, &s.org, &shirt_id, &typed, 1).await;
        assert_eq!(again["outcome"], "allowance_reached");

        let now = item_now(&app, &s, &shirt_id).await;
        assert_eq!(
            (&now["handed_out"], &now["remaining"]),
            (&json!(2), &json!(8))
        );

        // The report, newest first, page by page.
        let path = format!("/api/v1/orgs/{}/swag-items/{shirt_id}/handouts", s.org);
        let page1 = app.get(&format!("{path}?limit=1"), &staff).await;
        assert_eq!(page1.status, StatusCode::OK, "{:?}", page1.body);
        assert_eq!(page1.body["items"][0]["ticket"]["id"], bought[1]["id"]);
        assert_eq!(page1.body["items"][0]["quantity"], 1);
        assert_eq!(page1.body["items"][0]["by_name"], "Test Person");
        assert_eq!(page1.body["items"][0]["item_id"], shirt_id.as_str());
        let cursor = page1.body["next_cursor"].as_str().unwrap();
        let page2 = app
            .get(&format!("{path}?limit=1&cursor={cursor}"), &staff)
            .await;
        assert_eq!(page2.body["items"][0]["ticket"]["id"], bought[0]["id"]);
        assert!(page2.body["next_cursor"].is_null());
        assert_eq!(page2.body["items"].as_array().unwrap().len(), 1);

        // The CSV: every item of the event, oldest first, formula-like names defused.
        let tote = create_item(&app, &s, json!({"name": "=HYPERLINK(1)", "stock": 5})).await;
        let third = hand_out(
            &app,
            &s.token,
            &s.org,
            &id(&tote),
            &qr(&app, &s.event, &bought[0]),
            1,
        )
        .await;
        assert_eq!(third["outcome"], "ok");
        let csv_path = format!("/api/v1/orgs/{}/events/{}/swag-report.csv", s.org, s.event);
        let csv = app.get(&csv_path, &s.token).await;
        assert_eq!(csv.status, StatusCode::OK, "{:?}", csv.body);
        assert!(
            csv.headers
                .get("content-type")
                .unwrap()
                .to_str()
                .unwrap()
                .starts_with("text/csv")
        );
        let text = csv.body.as_str().unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(
            lines[0],
            "item,ticket_code,ticket_type,attendee_name,quantity,handed_out_by,handed_out_at"
        );
        assert_eq!(lines.len(), 4, "{text}");
        let code0 = bought[0]["code"].as_str().unwrap();
        let code1 = bought[1]["code"].as_str().unwrap();
        assert!(
            lines[1].starts_with(&format!(
                "T-shirt,{code0},Standard,Amina Njoya,1,Test Person,"
            )),
            "{text}"
        );
        assert!(lines[2].starts_with(&format!("T-shirt,{code1},")), "{text}");
        assert!(
            lines[3].starts_with(&format!("'=HYPERLINK(1),{code0},")),
            "{text}"
        );
        assert_problem(&app.get(&csv_path, &staff).await, 403, "forbidden");
    }
);

db_test!(
    an_attendee_never_gets_more_than_the_allowance,
    |app: TestApp| async move {
        let s = shop(&app, &[("Standard", "0", 50)]).await;
        let item = id(&create_item(
            &app,
            &s,
            json!({"name": "Drink token", "stock": 100, "allowance_per_attendee": 3}),
        )
        .await);
        let (_, bought) = tickets(&app, &s.slug, "a@example.com", &s.types[0], 2).await;
        let code = qr(&app, &s.event, &bought[0]);
        let go = |quantity: u32| {
            let (app, s, item, code) = (&app, &s, &item, &code);
            async move { hand_out(app, &s.token, &s.org, item, code, quantity).await }
        };
        let r = go(2).await;
        assert_eq!((&r["outcome"], &r["received"]), (&json!("ok"), &json!(2)));
        let r = go(2).await;
        assert_eq!(r["outcome"], "allowance_reached");
        assert_eq!(r["received"], 2);
        assert_eq!(r["remaining"], 98, "a refusal takes nothing");
        let r = go(1).await;
        assert_eq!((&r["outcome"], &r["received"]), (&json!("ok"), &json!(3)));
        assert_eq!(go(1).await["outcome"], "allowance_reached");

        // Another attendee has a full allowance of their own.
        let other = hand_out(
            &app,
            &s.token,
            &s.org,
            &item,
            &qr(&app, &s.event, &bought[1]),
            3,
        )
        .await;
        assert_eq!(other["outcome"], "ok");
        assert_eq!(other["received"], 3);

        // Raising the allowance lets them come back for more.
        let patched = app
            .patch(
                &format!("{}/{item}", items_path(&s)),
                &s.token,
                json!({"allowance_per_attendee": 4}),
            )
            .await;
        assert_eq!(patched.status, StatusCode::OK, "{:?}", patched.body);
        assert_eq!(patched.body["allowance_per_attendee"], 4);
        assert_eq!(patched.body["stock"], 100);
        assert_eq!(patched.body["handed_out"], 6);
        let r = go(1).await;
        assert_eq!((&r["outcome"], &r["received"]), (&json!("ok"), &json!(4)));
        assert_eq!(r["allowance_per_attendee"], 4);
        assert_eq!(item_now(&app, &s, &item).await["handed_out"], 7);
    }
);

db_test!(
    swag_out_of_stock_is_refused_and_an_allowance_already_used_is_named_first,
    |app: TestApp| async move {
        let s = shop(&app, &[("Standard", "0", 50)]).await;
        let item = id(&create_item(
            &app,
            &s,
            json!({"name": "Cap", "stock": 2, "allowance_per_attendee": 5}),
        )
        .await);
        let (_, bought) = tickets(&app, &s.slug, "a@example.com", &s.types[0], 2).await;
        let a = qr(&app, &s.event, &bought[0]);
        let b = qr(&app, &s.event, &bought[1]);
        let r = hand_out(&app, &s.token, &s.org, &item, &a, 3).await;
        assert_eq!(r["outcome"], "out_of_stock");
        assert_eq!((&r["received"], &r["remaining"]), (&json!(0), &json!(2)));
        let r = hand_out(&app, &s.token, &s.org, &item, &a, 2).await;
        assert_eq!(r["outcome"], "ok");
        assert_eq!(r["remaining"], 0);
        let r = hand_out(&app, &s.token, &s.org, &item, &b, 1).await;
        assert_eq!(r["outcome"], "out_of_stock");
        assert_eq!(r["received"], 0);
        let counted = item_now(&app, &s, &item).await;
        assert_eq!(
            (&counted["stock"], &counted["handed_out"]),
            (&json!(2), &json!(2))
        );

        // A delivery brings it back.
        let adj = app
            .post(
                &format!("/api/v1/orgs/{}/swag-items/{item}/adjustments", s.org),
                Some(&s.token),
                json!({"delta": 1, "reason": "Found a box"}),
            )
            .await;
        assert_eq!(adj.status, StatusCode::CREATED, "{:?}", adj.body);
        let r = hand_out(&app, &s.token, &s.org, &item, &b, 1).await;
        assert_eq!(r["outcome"], "ok");
        assert_eq!(r["remaining"], 0);

        // With no stock left and the allowance used up, the allowance is the answer.
        let badge = id(&create_item(&app, &s, json!({"name": "Badge", "stock": 1})).await);
        assert_eq!(
            hand_out(&app, &s.token, &s.org, &badge, &a, 1).await["outcome"],
            "ok"
        );
        assert_eq!(
            hand_out(&app, &s.token, &s.org, &badge, &a, 1).await["outcome"],
            "allowance_reached"
        );
        assert_eq!(
            hand_out(&app, &s.token, &s.org, &badge, &b, 1).await["outcome"],
            "out_of_stock"
        );
    }
);

db_test!(
    refused_hand_outs_get_the_reason_not_an_error_and_take_nothing,
    |app: TestApp| async move {
        let s = shop(&app, &[("Standard", "0", 50), ("VIP", "0", 10)]).await;
        let vip_gift = id(&create_item(
            &app,
            &s,
            json!({"name": "VIP gift", "stock": 10, "ticket_type_ids": [s.types[1]]}),
        )
        .await);
        let (_, standard) = tickets(&app, &s.slug, "a@example.com", &s.types[0], 1).await;
        let (vip_order, vip) = tickets(&app, &s.slug, "b@example.com", &s.types[1], 2).await;
        let go = |code: String| {
            let (app, s, item) = (&app, &s, &vip_gift);
            async move { hand_out(app, &s.token, &s.org, item, &code, 1).await }
        };

        let r = go(qr(&app, &s.event, &standard[0])).await;
        assert_eq!(r["outcome"], "not_eligible");
        assert_eq!(r["ticket"]["ticket_type_name"]["en"], "Standard");

        // A ticket of another event of the same organization, by QR and typed.
        let other = app
            .post(
                &format!("/api/v1/orgs/{}/events", s.org),
                Some(&s.token),
                event_body("Blues Night", "Nuit du Blues", "Douala"),
            )
            .await;
        let other_event = id(&other.body);
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
            &id(&tt.body),
            1,
        )
        .await;
        for code in [
            qr(&app, &other_event, &elsewhere[0]),
            elsewhere[0]["code"].as_str().unwrap().to_owned(),
        ] {
            assert_eq!(go(code).await["outcome"], "wrong_event");
        }

        // Codes that name nothing, and QR payloads that were tampered with or forged.
        for garbage in ["hello", "0000-0000-0000-0000", "RK1.nonsense"] {
            let r = go(garbage.to_owned()).await;
            assert_eq!(r["outcome"], "unknown_code", "{garbage}");
            assert!(r["ticket"].is_null());
            assert_eq!(r["received"], 0);
        }
        let genuine = qr(&app, &s.event, &vip[0]);
        let (head, sig) = genuine.rsplit_once('.').unwrap();
        let mut sig = sig.to_owned().into_bytes();
        sig[10] = if sig[10] == b'A' { b'B' } else { b'A' };
        let tampered = format!("{head}.{}", String::from_utf8(sig).unwrap());
        let forged = qr_with(&[9; 32], &s.event, &vip[0]);
        for bad in [tampered, forged] {
            let r = go(bad).await;
            assert_eq!(r["outcome"], "invalid_signature");
            assert!(r["ticket"].is_null());
        }

        // A cancelled booking's tickets get nothing.
        let cancelled = app
            .post(
                &format!("/api/v1/orgs/{}/orders/{vip_order}/cancel", s.org),
                Some(&s.token),
                json!({"reason": "duplicate"}),
            )
            .await;
        assert_eq!(cancelled.status, StatusCode::OK, "{:?}", cancelled.body);
        for t in &vip {
            let r = go(qr(&app, &s.event, t)).await;
            assert_eq!(r["outcome"], "ticket_not_valid", "{r:?}");
        }

        let now = item_now(&app, &s, &vip_gift).await;
        assert_eq!(now["handed_out"], 0);
        assert_eq!(now["remaining"], 10);
        assert!(report(&app, &s, &vip_gift).await.is_empty());
    }
);

db_test!(
    a_retried_hand_out_returns_the_first_answer_and_hands_out_once,
    |app: TestApp| async move {
        let s = shop(&app, &[("Standard", "0", 50)]).await;
        let item = id(&create_item(
            &app,
            &s,
            json!({"name": "Tote", "stock": 10, "allowance_per_attendee": 5}),
        )
        .await);
        let (_, bought) = tickets(&app, &s.slug, "a@example.com", &s.types[0], 2).await;
        let body =
            json!({"code": qr(&app, &s.event, &bought[0]), "quantity": 2, "nonce": "retry-me-1"});
        let first = hand_out_with(&app, &s.token, &s.org, &item, body.clone()).await;
        let retry = hand_out_with(&app, &s.token, &s.org, &item, body).await;
        assert_eq!(first.status, StatusCode::OK, "{:?}", first.body);
        assert_eq!(first.body["outcome"], "ok");
        assert_eq!(retry.status, StatusCode::OK);
        assert_eq!(retry.body, first.body, "the retry gets the first answer");
        assert!(first.headers.get("idempotent-replayed").is_none());
        assert_eq!(retry.headers.get("idempotent-replayed").unwrap(), "true");
        // Even with another code: the nonce names the request.
        let odd = hand_out_with(
            &app,
            &s.token,
            &s.org,
            &item,
            json!({"code": qr(&app, &s.event, &bought[1]), "nonce": "retry-me-1"}),
        )
        .await;
        assert_eq!(odd.body, first.body);

        let now = item_now(&app, &s, &item).await;
        assert_eq!(now["handed_out"], 2);
        assert_eq!(report(&app, &s, &item).await.len(), 1);
    }
);

db_test!(
    parallel_hand_outs_never_exceed_the_stock_or_an_attendees_allowance,
    |app: TestApp| async move {
        let s = shop(&app, &[("Standard", "0", 50)]).await;
        let five = id(&create_item(&app, &s, json!({"name": "Poster", "stock": 5})).await);
        let mut bought = Vec::new();
        for buyer in ["a@example.com", "b@example.com"] {
            bought.extend(tickets(&app, &s.slug, buyer, &s.types[0], 10).await.1);
        }
        // 20 attendees at 20 tables at the same moment, 5 posters.
        let codes: Vec<String> = bought.iter().map(|t| qr(&app, &s.event, t)).collect();
        let results = join_all(codes.iter().enumerate().map(|(i, code)| {
            hand_out_with(
                &app,
                &s.token,
                &s.org,
                &five,
                json!({"code": code, "nonce": format!("table-{i:04}")}),
            )
        }))
        .await;
        let mut ok = 0;
        for r in &results {
            assert_eq!(r.status, StatusCode::OK, "{:?}", r.body);
            match r.body["outcome"].as_str().unwrap() {
                "ok" => ok += 1,
                "out_of_stock" => assert_eq!(r.body["received"], 0),
                other => panic!("{other}"),
            }
        }
        assert_eq!(ok, 5);
        let now = item_now(&app, &s, &five).await;
        assert_eq!(
            (&now["handed_out"], &now["remaining"]),
            (&json!(5), &json!(0))
        );
        assert_eq!(report(&app, &s, &five).await.len(), 5);

        // One attendee at 10 tables at once, allowance 2.
        let two = id(&create_item(
            &app,
            &s,
            json!({"name": "Drink", "stock": 100, "allowance_per_attendee": 2}),
        )
        .await);
        let results = join_all((0..10).map(|i| {
            hand_out_with(
                &app,
                &s.token,
                &s.org,
                &two,
                json!({"code": codes[0], "nonce": format!("greedy-{i:04}")}),
            )
        }))
        .await;
        let mut ok = 0;
        for r in &results {
            assert_eq!(r.status, StatusCode::OK, "{:?}", r.body);
            match r.body["outcome"].as_str().unwrap() {
                "ok" => ok += 1,
                "allowance_reached" => assert_eq!(r.body["received"], 2),
                other => panic!("{other}"),
            }
        }
        assert_eq!(ok, 2);
        let now = item_now(&app, &s, &two).await;
        assert_eq!(
            (&now["handed_out"], &now["remaining"]),
            (&json!(2), &json!(98))
        );
    }
);

db_test!(
    stock_adjustments_keep_their_reason_and_never_take_stock_below_what_was_handed_out,
    |app: TestApp| async move {
        let s = shop(&app, &[("Standard", "0", 50)]).await;
        let item = id(&create_item(
            &app,
            &s,
            json!({"name": "Hoodie", "stock": 3, "allowance_per_attendee": 5}),
        )
        .await);
        let (_, bought) = tickets(&app, &s.slug, "a@example.com", &s.types[0], 1).await;
        let code = qr(&app, &s.event, &bought[0]);
        assert_eq!(
            hand_out(&app, &s.token, &s.org, &item, &code, 2).await["outcome"],
            "ok"
        );
        let path = format!("/api/v1/orgs/{}/swag-items/{item}/adjustments", s.org);
        let adjust = |delta: i64, reason: &'static str| {
            let (app, s, path) = (&app, &s, &path);
            async move {
                app.post(
                    path,
                    Some(&s.token),
                    json!({"delta": delta, "reason": reason}),
                )
                .await
            }
        };

        let delivery = adjust(10, " Second delivery ").await;
        assert_eq!(delivery.status, StatusCode::CREATED, "{:?}", delivery.body);
        assert_eq!(delivery.body["delta"], 10);
        assert_eq!(delivery.body["reason"], "Second delivery");
        assert_eq!(delivery.body["item_id"], item.as_str());
        assert_eq!(delivery.body["by_name"], "Test Person");
        assert_eq!(item_now(&app, &s, &item).await["stock"], 13);

        // Down to exactly what was handed out, and not one below.
        let loss = adjust(-11, "Water damage").await;
        assert_eq!(loss.status, StatusCode::CREATED, "{:?}", loss.body);
        let now = item_now(&app, &s, &item).await;
        assert_eq!((&now["stock"], &now["remaining"]), (&json!(2), &json!(0)));
        assert_problem(&adjust(-1, "Stolen").await, 409, "conflict");
        let too_much = adjust(1_000_000, "Typo").await;
        assert_problem(&too_much, 422, "validation_failed");
        assert_eq!(
            error_fields(&too_much),
            [("delta".to_owned(), "out_of_range".to_owned())]
        );
        let bad = app
            .post(&path, Some(&s.token), json!({"delta": 0, "reason": " "}))
            .await;
        assert_problem(&bad, 422, "validation_failed");
        assert_eq!(
            error_fields(&bad),
            [
                ("delta".to_owned(), "out_of_range".to_owned()),
                ("reason".to_owned(), "required".to_owned())
            ]
        );
        let long = app
            .post(
                &path,
                Some(&s.token),
                json!({"delta": -1_000_001, "reason": "x".repeat(201)}),
            )
            .await;
        assert_eq!(
            error_fields(&long),
            [
                ("delta".to_owned(), "out_of_range".to_owned()),
                ("reason".to_owned(), "too_long".to_owned())
            ]
        );
        let now = item_now(&app, &s, &item).await;
        assert_eq!(now["stock"], 2, "refused adjustments change nothing");

        // Newest first.
        let list = app.get(&path, &s.token).await;
        assert_eq!(list.status, StatusCode::OK, "{:?}", list.body);
        let deltas: Vec<i64> = list
            .body
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["delta"].as_i64().unwrap())
            .collect();
        assert_eq!(deltas, [-11, 10]);

        // Handed-out items stay on record.
        assert_problem(
            &app.delete(&format!("{}/{item}", items_path(&s)), &s.token)
                .await,
            409,
            "conflict",
        );
    }
);

db_test!(
    every_invalid_field_is_reported_at_once,
    |app: TestApp| async move {
        let s = shop(&app, &[("Standard", "0", 50)]).await;
        let other = app
            .post(
                &format!("/api/v1/orgs/{}/events", s.org),
                Some(&s.token),
                event_body("Blues Night", "Nuit du Blues", "Douala"),
            )
            .await;
        let other_event = id(&other.body);
        let foreign_type = app
            .post(
                &format!("/api/v1/orgs/{}/events/{other_event}/ticket-types", s.org),
                Some(&s.token),
                ticket("Free", "0", 10),
            )
            .await;
        let bad = app
            .post(
                &items_path(&s),
                Some(&s.token),
                json!({
                    "name": " ",
                    "stock": 1_000_001,
                    "allowance_per_attendee": 0,
                    "ticket_type_ids": [s.types[0], foreign_type.body["id"]],
                }),
            )
            .await;
        assert_problem(&bad, 422, "validation_failed");
        assert_eq!(
            error_fields(&bad),
            [
                ("name".to_owned(), "required".to_owned()),
                ("stock".to_owned(), "out_of_range".to_owned()),
                (
                    "allowance_per_attendee".to_owned(),
                    "out_of_range".to_owned()
                ),
                ("ticket_type_ids[1]".to_owned(), "not_found".to_owned()),
            ]
        );

        let item = create_item(
            &app,
            &s,
            json!({"name": "Mug", "stock": 0, "ticket_type_ids": [s.types[0], s.types[0]]}),
        )
        .await;
        assert_eq!(item["ticket_type_ids"], json!([s.types[0]]));
        let item_id = id(&item);
        let one = format!("{}/{item_id}", items_path(&s));
        let bad = app
            .patch(
                &one,
                &s.token,
                json!({"name": "m".repeat(101), "allowance_per_attendee": 101}),
            )
            .await;
        assert_eq!(
            error_fields(&bad),
            [
                ("name".to_owned(), "too_long".to_owned()),
                (
                    "allowance_per_attendee".to_owned(),
                    "out_of_range".to_owned()
                ),
            ]
        );
        // An item belongs to its event.
        assert_problem(
            &app.patch(
                &format!(
                    "/api/v1/orgs/{}/events/{other_event}/swag-items/{item_id}",
                    s.org
                ),
                &s.token,
                json!({"name": "x"}),
            )
            .await,
            404,
            "not_found",
        );

        let bad = hand_out_with(
            &app,
            &s.token,
            &s.org,
            &item_id,
            json!({"code": " ", "quantity": 0, "nonce": "x"}),
        )
        .await;
        assert_problem(&bad, 422, "validation_failed");
        assert_eq!(
            error_fields(&bad),
            [
                ("code".to_owned(), "required".to_owned()),
                ("quantity".to_owned(), "out_of_range".to_owned()),
                ("nonce".to_owned(), "invalid".to_owned()),
            ]
        );
        let bad = hand_out_with(
            &app,
            &s.token,
            &s.org,
            &item_id,
            json!({"code": "ABCD", "quantity": 101, "nonce": "bad nonce with spaces"}),
        )
        .await;
        assert_eq!(
            error_fields(&bad),
            [
                ("quantity".to_owned(), "out_of_range".to_owned()),
                ("nonce".to_owned(), "invalid".to_owned()),
            ]
        );
        let unknown_device = hand_out_with(
            &app,
            &s.token,
            &s.org,
            &item_id,
            json!({"code": "ABCD", "nonce": "nonce-0001", "device_id": uuid::Uuid::new_v4()}),
        )
        .await;
        assert_problem(&unknown_device, 422, "validation_failed");
        assert_eq!(
            error_fields(&unknown_device),
            [("device_id".to_owned(), "not_found".to_owned())]
        );
        assert_problem(
            &hand_out_with(
                &app,
                &s.token,
                &s.org,
                &uuid::Uuid::new_v4().to_string(),
                json!({"code": "ABCD", "nonce": "nonce-0001"}),
            )
            .await,
            404,
            "not_found",
        );
    }
);

db_test!(
    door_staff_hand_out_and_read_but_only_event_managers_set_items_up,
    |app: TestApp| async move {
        let s = shop(&app, &[("Standard", "0", 50)]).await;
        let staff = app
            .member(&s.token, &s.org, "door@example.com", "checkin_staff")
            .await;
        let viewer = app
            .member(&s.token, &s.org, "viewer@example.com", "viewer")
            .await;
        let item = id(&create_item(&app, &s, json!({"name": "Lanyard", "stock": 5})).await);
        let (_, bought) = tickets(&app, &s.slug, "a@example.com", &s.types[0], 2).await;
        let one = format!("{}/{item}", items_path(&s));
        let handouts = format!("/api/v1/orgs/{}/swag-items/{item}/handouts", s.org);
        let adjustments = format!("/api/v1/orgs/{}/swag-items/{item}/adjustments", s.org);

        // Staff: hand out and read, nothing else.
        assert_problem(
            &app.post(
                &items_path(&s),
                Some(&staff),
                json!({"name": "Mine", "stock": 1}),
            )
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
        assert_problem(
            &app.post(
                &adjustments,
                Some(&staff),
                json!({"delta": 5, "reason": "I found some"}),
            )
            .await,
            403,
            "forbidden",
        );
        assert_eq!(
            app.get(&items_path(&s), &staff).await.status,
            StatusCode::OK
        );
        assert_eq!(app.get(&handouts, &staff).await.status, StatusCode::OK);
        assert_eq!(app.get(&adjustments, &staff).await.status, StatusCode::OK);

        // From a registered device; once revoked, it hands out nothing.
        let device = app
            .post(
                &format!("/api/v1/orgs/{}/checkin-devices", s.org),
                Some(&staff),
                json!({"name": "Gate A phone"}),
            )
            .await;
        assert_eq!(device.status, StatusCode::CREATED, "{:?}", device.body);
        let device_id = id(&device.body);
        let by_device = hand_out_with(
            &app,
            &staff,
            &s.org,
            &item,
            json!({"code": qr(&app, &s.event, &bought[0]), "nonce": "device-0001", "device_id": device_id}),
        )
        .await;
        assert_eq!(by_device.status, StatusCode::OK, "{:?}", by_device.body);
        assert_eq!(by_device.body["outcome"], "ok");
        let revoked = app
            .post(
                &format!("/api/v1/orgs/{}/checkin-devices/{device_id}/revoke", s.org),
                Some(&s.token),
                json!({}),
            )
            .await;
        assert_eq!(revoked.status, StatusCode::OK, "{:?}", revoked.body);
        assert_problem(
            &hand_out_with(
                &app,
                &staff,
                &s.org,
                &item,
                json!({"code": qr(&app, &s.event, &bought[1]), "nonce": "device-0002", "device_id": device_id}),
            )
            .await,
            403,
            "device_revoked",
        );
        assert_eq!(item_now(&app, &s, &item).await["handed_out"], 1);

        // Viewers neither read nor hand out.
        assert_problem(&app.get(&items_path(&s), &viewer).await, 403, "forbidden");
        assert_problem(
            &hand_out_with(
                &app,
                &viewer,
                &s.org,
                &item,
                json!({"code": qr(&app, &s.event, &bought[1]), "nonce": "viewer-0001"}),
            )
            .await,
            403,
            "forbidden",
        );
        assert_problem(&app.get(&handouts, &viewer).await, 403, "forbidden");

        // An item nothing was handed out of can be deleted.
        let spare = id(&create_item(&app, &s, json!({"name": "Spare", "stock": 1})).await);
        let spare_path = format!("{}/{spare}", items_path(&s));
        assert_eq!(
            app.delete(&spare_path, &s.token).await.status,
            StatusCode::NO_CONTENT
        );
        assert_problem(&app.delete(&spare_path, &s.token).await, 404, "not_found");
        let left: Vec<String> = app
            .get(&items_path(&s), &s.token)
            .await
            .body
            .as_array()
            .unwrap()
            .iter()
            .map(id)
            .collect();
        assert_eq!(left, [item]);
    }
);
