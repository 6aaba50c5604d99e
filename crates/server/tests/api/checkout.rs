//! Checkout on both databases: holds that never oversell under concurrency, pricing with fees
//! and coupons, idempotent retries, expiry, payment through the test gateway, delivery.

use actix_web::http::StatusCode;
use futures_util::future::join_all;
use serde_json::{Value, json};

use crate::db_test;
use crate::events::{event_body, ticket};
use crate::support::{Res, TestApp, assert_problem};

pub struct Shop {
    pub token: String,
    pub org: String,
    pub event: String,
    pub slug: String,
    pub types: Vec<String>,
}

/// A published event selling `tickets` (name, price XAF, quantity) as the owner of a new org.
pub async fn shop(app: &TestApp, tickets: &[(&str, &str, u32)]) -> Shop {
    let token = app.user("owner@example.com").await;
    let org = app.org(&token, "Wouri Live").await;
    let res = app
        .post(
            &format!("/api/v1/orgs/{org}/events"),
            Some(&token),
            event_body("Jazz Night", "Nuit du Jazz", "Douala"),
        )
        .await;
    assert_eq!(res.status, StatusCode::CREATED, "{:?}", res.body);
    let event = res.body["id"].as_str().unwrap().to_owned();
    let slug = res.body["slug"].as_str().unwrap().to_owned();
    let mut types = Vec::new();
    for (name, price, quantity) in tickets {
        let res = app
            .post(
                &format!("/api/v1/orgs/{org}/events/{event}/ticket-types"),
                Some(&token),
                ticket(name, price, *quantity),
            )
            .await;
        assert_eq!(res.status, StatusCode::CREATED, "{:?}", res.body);
        types.push(res.body["id"].as_str().unwrap().to_owned());
    }
    let res = app
        .post(
            &format!("/api/v1/orgs/{org}/events/{event}/publish"),
            Some(&token),
            json!({}),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{:?}", res.body);
    Shop {
        token,
        org,
        event,
        slug,
        types,
    }
}

pub fn order_body(email: &str, items: &[(&str, u32)]) -> Value {
    json!({
        "buyer": {"name": "Amina Njoya", "email": email, "phone": "+237 6 70 00 00 01"},
        "items": items.iter().map(|(id, q)| json!({"ticket_type_id": id, "quantity": q})).collect::<Vec<_>>(),
    })
}

pub async fn buy(app: &TestApp, slug: &str, body: Value) -> Res {
    app.post(&format!("/api/v1/public/events/{slug}/orders"), None, body)
        .await
}

/// (sold, held) of a ticket type, counted in the database.
async fn counters(app: &TestApp, s: &Shop, type_id: &str) -> (i64, i64) {
    let scope = db::OrgScope::for_platform_operation(s.org.parse().unwrap());
    let t = db::ticket_types::get(
        &app.state.db,
        scope,
        s.event.parse().unwrap(),
        type_id.parse().unwrap(),
    )
    .await
    .unwrap();
    (i64::from(t.sold), i64::from(t.held))
}

fn token_of(order: &Value) -> String {
    order["access_token"].as_str().unwrap().to_owned()
}

db_test!(
    a_paid_order_is_held_then_confirmed_through_the_test_gateway,
    |app: TestApp| async move {
        let s = shop(&app, &[("Standard", "5000", 50)]).await;
        let res = buy(
            &app,
            &s.slug,
            order_body("amina@example.com", &[(&s.types[0], 2)]),
        )
        .await;
        assert_eq!(res.status, StatusCode::CREATED, "{:?}", res.body);
        let order = res.body;
        assert_eq!(order["status"], "pending");
        assert!(order["expires_at"].is_string());
        // Free tier: 5 % paid by the buyer, in whole francs.
        assert_eq!(order["price"]["subtotal"]["amount"], "10000");
        assert_eq!(order["price"]["fee"]["amount"], "500");
        assert_eq!(order["price"]["total"]["amount"], "10500");
        assert_eq!(order["buyer"]["phone"], "+237670000001");
        assert_eq!(counters(&app, &s, &s.types[0]).await, (0, 2));

        let id = order["id"].as_str().unwrap();
        let token = token_of(&order);
        let pay = app
            .post(
                &format!("/api/v1/orders/{id}/payments?token={token}"),
                None,
                json!({"method": "test"}),
            )
            .await;
        assert_eq!(pay.status, StatusCode::CREATED, "{:?}", pay.body);
        let payment = pay.body["id"].as_str().unwrap();
        assert!(
            pay.body["redirect_url"]
                .as_str()
                .unwrap()
                .starts_with("/pay/test/")
        );
        let approved = app
            .post(
                &format!("/api/v1/test-gateway/payments/{payment}/approve?token={token}"),
                None,
                json!({}),
            )
            .await;
        assert_eq!(approved.status, StatusCode::OK, "{:?}", approved.body);
        assert_eq!(approved.body["status"], "succeeded");

        let page = app
            .send(
                "GET",
                &format!("/api/v1/orders/{id}?token={token}"),
                None,
                None,
            )
            .await;
        assert_eq!(page.body["status"], "confirmed");
        let tickets = page.body["tickets"].as_array().unwrap();
        assert_eq!(tickets.len(), 2);
        let code = tickets[0]["code"].as_str().unwrap();
        assert_eq!(code.len(), 19, "XXXX-XXXX-XXXX-XXXX");
        assert_ne!(tickets[0]["code"], tickets[1]["code"]);
        assert_eq!(counters(&app, &s, &s.types[0]).await, (2, 0));

        let svg = app
            .send(
                "GET",
                tickets[0]["qr_svg_url"].as_str().unwrap(),
                None,
                None,
            )
            .await;
        assert_eq!(svg.status, StatusCode::OK);
        let png = app
            .send(
                "GET",
                tickets[0]["qr_png_url"].as_str().unwrap(),
                None,
                None,
            )
            .await;
        assert_eq!(png.status, StatusCode::OK);
        assert_eq!(png.headers.get("content-type").unwrap(), "image/png");
        let pdf = app
            .send("GET", page.body["pdf_url"].as_str().unwrap(), None, None)
            .await;
        assert_eq!(pdf.status, StatusCode::OK);
        assert_eq!(pdf.headers.get("content-type").unwrap(), "application/pdf");

        let mails = app.emails_to("amina@example.com").await;
        let confirmation = mails.last().unwrap();
        assert!(
            confirmation["subject"]
                .as_str()
                .unwrap()
                .contains("Jazz Night")
        );
        let attachments = confirmation["attachments"].as_array().unwrap();
        assert_eq!(attachments.len(), 1);
        assert!(attachments[0].as_str().unwrap().ends_with(".pdf"));
        let link = confirmation["links"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|l| l.as_str())
            .find(|l| l.contains(&format!("/orders/{id}")))
            .unwrap()
            .to_owned();
        assert!(
            link.contains(&token),
            "the emailed link opens the order without an account"
        );
    }
);

db_test!(
    a_free_order_confirms_at_once_and_a_wrong_token_sees_nothing,
    |app: TestApp| async move {
        let s = shop(&app, &[("Community", "0", 10)]).await;
        let res = buy(
            &app,
            &s.slug,
            order_body("free@example.com", &[(&s.types[0], 1)]),
        )
        .await;
        assert_eq!(res.status, StatusCode::CREATED, "{:?}", res.body);
        assert_eq!(res.body["status"], "confirmed");
        assert_eq!(res.body["price"]["total"]["amount"], "0");
        assert_eq!(res.body["tickets"].as_array().unwrap().len(), 1);
        let id = res.body["id"].as_str().unwrap();
        let other = app
            .send(
                "GET",
                &format!("/api/v1/orders/{id}?token=AAAAAAAAAAAAAAAAAAAAAA"),
                None,
                None,
            )
            .await;
        assert_problem(&other, 404, "not_found");
        let none = app
            .send("GET", &format!("/api/v1/orders/{id}"), None, None)
            .await;
        assert_problem(&none, 404, "not_found");
        assert_eq!(counters(&app, &s, &s.types[0]).await, (1, 0));
    }
);

db_test!(
    many_buyers_racing_for_the_last_tickets_never_oversell,
    |app: TestApp| async move {
        let s = shop(&app, &[("Last ones", "0", 7), ("Paid", "2000", 5)]).await;
        let attempts = (0..30).map(|i| {
            let app = &app;
            let slug = s.slug.clone();
            let (t, q) = if i % 2 == 0 {
                (s.types[0].clone(), 1)
            } else {
                (s.types[1].clone(), 2)
            };
            async move {
                buy(
                    app,
                    &slug,
                    order_body(&format!("racer{i}@example.com"), &[(&t, q)]),
                )
                .await
            }
        });
        let results = join_all(attempts).await;
        let mut ok = 0;
        for r in &results {
            match r.status.as_u16() {
                201 => ok += 1,
                409 => assert_eq!(r.body["code"], "sold_out", "{:?}", r.body),
                other => panic!("unexpected {other}: {:?}", r.body),
            }
        }
        // 7 single free tickets + 2 pairs of paid (5 tickets hold at most 2 pairs).
        assert_eq!(ok, 9);
        assert_eq!(counters(&app, &s, &s.types[0]).await, (7, 0));
        assert_eq!(counters(&app, &s, &s.types[1]).await, (0, 4));
    }
);

db_test!(
    a_shared_capacity_group_caps_its_types_together_under_concurrency,
    |app: TestApp| async move {
        let s = shop(&app, &[("Early", "0", 10), ("Late", "0", 10)]).await;
        let group = app
            .post(
                &format!("/api/v1/orgs/{}/events/{}/capacity-groups", s.org, s.event),
                Some(&s.token),
                json!({"name": "Room", "capacity": 6}),
            )
            .await;
        let group = group.body["id"].as_str().unwrap().to_owned();
        for t in &s.types {
            let res = app
                .patch(
                    &format!("/api/v1/orgs/{}/events/{}/ticket-types/{t}", s.org, s.event),
                    &s.token,
                    json!({"capacity_group_id": group}),
                )
                .await;
            assert_eq!(res.status, StatusCode::OK, "{:?}", res.body);
        }
        let results = join_all((0..20).map(|i| {
            let app = &app;
            let slug = s.slug.clone();
            let t = s.types[i % 2].clone();
            async move {
                buy(
                    app,
                    &slug,
                    order_body(&format!("g{i}@example.com"), &[(&t, 1)]),
                )
                .await
            }
        }))
        .await;
        let ok = results
            .iter()
            .filter(|r| r.status == StatusCode::CREATED)
            .count();
        assert_eq!(ok, 6);
        let (a, _) = counters(&app, &s, &s.types[0]).await;
        let (b, _) = counters(&app, &s, &s.types[1]).await;
        assert_eq!(a + b, 6);
    }
);

async fn coupon(app: &TestApp, s: &Shop, body: Value) -> Value {
    let res = app
        .post(
            &format!("/api/v1/orgs/{}/events/{}/coupons", s.org, s.event),
            Some(&s.token),
            body,
        )
        .await;
    assert_eq!(res.status, StatusCode::CREATED, "{:?}", res.body);
    res.body
}

db_test!(
    the_last_coupon_uses_go_to_exactly_as_many_buyers_as_allowed,
    |app: TestApp| async move {
        let s = shop(&app, &[("Standard", "5000", 100)]).await;
        coupon(
            &app,
            &s,
            json!({"code": "EARLY", "kind": "percent", "percent": "20", "max_uses": 3}),
        )
        .await;
        let results = join_all((0..12).map(|i| {
            let app = &app;
            let slug = s.slug.clone();
            let t = s.types[0].clone();
            async move {
                let mut body = order_body(&format!("c{i}@example.com"), &[(&t, 1)]);
                body["coupon_code"] = json!("early");
                buy(app, &slug, body).await
            }
        }))
        .await;
        let ok: Vec<&Res> = results
            .iter()
            .filter(|r| r.status == StatusCode::CREATED)
            .collect();
        assert_eq!(ok.len(), 3);
        for r in &ok {
            assert_eq!(r.body["price"]["discount"]["amount"], "1000");
            assert_eq!(r.body["price"]["coupon_code"], "EARLY");
        }
        for r in results.iter().filter(|r| r.status != StatusCode::CREATED) {
            assert_problem(r, 409, "coupon_exhausted");
        }
        // Nothing is held for refused orders.
        assert_eq!(counters(&app, &s, &s.types[0]).await, (0, 3));
    }
);

db_test!(
    a_coupon_is_checked_for_window_emails_minimum_and_per_email_uses,
    |app: TestApp| async move {
        let s = shop(&app, &[("Standard", "5000", 100), ("VIP", "20000", 10)]).await;
        coupon(&app, &s, json!({"code": "VIPONLY", "kind": "fixed", "amount": {"amount": "3000", "currency": "XAF"}, "ticket_type_ids": [s.types[1]]})).await;
        coupon(&app, &s, json!({"code": "FRIENDS", "kind": "percent", "percent": "10", "allowed_emails": ["friend@example.com"], "max_uses_per_email": 1})).await;
        coupon(&app, &s, json!({"code": "BIG", "kind": "percent", "percent": "10", "min_order": {"amount": "15000", "currency": "XAF"}})).await;
        let quote = |items: Value, code: &str, email: &str| {
            let app = &app;
            let slug = s.slug.clone();
            let code = code.to_owned();
            let email = email.to_owned();
            async move {
                app.post(
                    &format!("/api/v1/public/events/{slug}/quote"),
                    None,
                    json!({"items": items, "coupon_code": code, "email": email}),
                )
                .await
            }
        };
        let std1 = json!([{"ticket_type_id": s.types[0], "quantity": 1}]);
        let mixed = json!([{"ticket_type_id": s.types[0], "quantity": 1}, {"ticket_type_id": s.types[1], "quantity": 1}]);
        assert_problem(
            &quote(std1.clone(), "VIPONLY", "a@example.com").await,
            422,
            "coupon_invalid",
        );
        let q = quote(mixed, "VIPONLY", "a@example.com").await;
        assert_eq!(q.status, StatusCode::OK, "{:?}", q.body);
        assert_eq!(q.body["discount"]["amount"], "3000");
        assert_eq!(q.body["lines"][0]["discount"]["amount"], "0");
        assert_problem(
            &quote(std1.clone(), "FRIENDS", "stranger@example.com").await,
            422,
            "coupon_invalid",
        );
        assert_problem(
            &quote(std1.clone(), "BIG", "a@example.com").await,
            422,
            "coupon_invalid",
        );
        assert_problem(
            &quote(std1.clone(), "NOPE", "a@example.com").await,
            422,
            "coupon_invalid",
        );

        let mut first = order_body("friend@example.com", &[(&s.types[0], 1)]);
        first["coupon_code"] = json!("FRIENDS");
        assert_eq!(
            buy(&app, &s.slug, first.clone()).await.status,
            StatusCode::CREATED
        );
        assert_problem(&buy(&app, &s.slug, first).await, 409, "coupon_exhausted");
    }
);

db_test!(
    an_expired_hold_gives_its_tickets_and_coupon_back,
    |app: TestApp| async move {
        let s = shop(&app, &[("Standard", "5000", 3)]).await;
        coupon(
            &app,
            &s,
            json!({"code": "ONCE", "kind": "percent", "percent": "50", "max_uses": 1}),
        )
        .await;
        let mut body = order_body("slow@example.com", &[(&s.types[0], 3)]);
        body["coupon_code"] = json!("ONCE");
        let res = buy(&app, &s.slug, body).await;
        assert_eq!(res.status, StatusCode::CREATED, "{:?}", res.body);
        let (id, token) = (
            res.body["id"].as_str().unwrap().to_owned(),
            token_of(&res.body),
        );
        assert_problem(
            &buy(
                &app,
                &s.slug,
                order_body("other@example.com", &[(&s.types[0], 1)]),
            )
            .await,
            409,
            "sold_out",
        );

        app.clock.advance(chrono::Duration::minutes(16));
        // Lazily on read...
        let page = app
            .send(
                "GET",
                &format!("/api/v1/orders/{id}?token={token}"),
                None,
                None,
            )
            .await;
        assert_eq!(page.body["status"], "expired");
        assert_eq!(counters(&app, &s, &s.types[0]).await, (0, 0));
        let pay = app
            .post(
                &format!("/api/v1/orders/{id}/payments?token={token}"),
                None,
                json!({"method": "test"}),
            )
            .await;
        assert_problem(&pay, 410, "hold_expired");
        // ...and the coupon use is free again.
        let mut again = order_body("fast@example.com", &[(&s.types[0], 1)]);
        again["coupon_code"] = json!("ONCE");
        assert_eq!(buy(&app, &s.slug, again).await.status, StatusCode::CREATED);

        // The background sweep expires holds nobody looks at.
        app.clock.advance(chrono::Duration::minutes(16));
        let swept = reckot_server::services::order_lifecycle::sweep_all(&app.state)
            .await
            .unwrap();
        assert_eq!(swept, 1);
        assert_eq!(counters(&app, &s, &s.types[0]).await, (0, 0));
    }
);

db_test!(
    a_retry_with_the_same_idempotency_key_returns_the_first_order,
    |app: TestApp| async move {
        let s = shop(&app, &[("Standard", "5000", 10)]).await;
        let send = |body: Value, key: &str| {
            let app = &app;
            let req = actix_web::test::TestRequest::post()
                .uri(&format!("/api/v1/public/events/{}/orders", s.slug))
                .peer_addr("10.0.0.9:5000".parse().unwrap())
                .insert_header(("Idempotency-Key", key.to_owned()))
                .set_json(body);
            async move { app.call(req).await }
        };
        let body = order_body("retry@example.com", &[(&s.types[0], 2)]);
        let first = send(body.clone(), "key-1").await;
        assert_eq!(first.status, StatusCode::CREATED, "{:?}", first.body);
        let second = send(body.clone(), "key-1").await;
        assert_eq!(second.status, StatusCode::CREATED);
        assert_eq!(second.body["id"], first.body["id"]);
        assert_eq!(second.headers.get("idempotent-replayed").unwrap(), "true");
        assert_eq!(counters(&app, &s, &s.types[0]).await, (0, 2), "held once");
        let other = send(
            order_body("retry@example.com", &[(&s.types[0], 1)]),
            "key-1",
        )
        .await;
        assert_problem(&other, 422, "idempotency_key_reused");
        // A refused attempt does not burn its key: the retry runs again.
        let too_many = send(
            order_body("retry@example.com", &[(&s.types[0], 20)]),
            "key-2",
        )
        .await;
        assert_problem(&too_many, 422, "validation_failed");
        let retried = send(
            order_body("retry@example.com", &[(&s.types[0], 20)]),
            "key-2",
        )
        .await;
        assert_problem(&retried, 422, "validation_failed");
    }
);

db_test!(
    the_same_key_while_the_first_request_runs_is_a_conflict,
    |app: TestApp| async move {
        // Own the whole app (and its database) here, not just the fields used below.
        let app = app;
        let now = app.state.now();
        let started = db::idempotency::begin(&app.state.db, "client:10.0.0.9", "k", "h", now)
            .await
            .unwrap();
        assert_eq!(started, db::idempotency::Begin::Started);
        let again = db::idempotency::begin(&app.state.db, "client:10.0.0.9", "k", "h", now)
            .await
            .unwrap();
        assert_eq!(again, db::idempotency::Begin::InProgress);
        let other = db::idempotency::begin(&app.state.db, "client:10.0.0.9", "k", "x", now)
            .await
            .unwrap();
        assert_eq!(other, db::idempotency::Begin::Mismatch);
        // Another caller's identical key is unrelated.
        let elsewhere = db::idempotency::begin(&app.state.db, "user:1", "k", "x", now)
            .await
            .unwrap();
        assert_eq!(elsewhere, db::idempotency::Begin::Started);
    }
);

db_test!(
    every_invalid_field_is_reported_at_once_and_nothing_is_held,
    |app: TestApp| async move {
        let s = shop(&app, &[("Standard", "5000", 10)]).await;
        let res = buy(
            &app,
            &s.slug,
            json!({
                "buyer": {"name": "", "email": "not-an-email", "phone": "12"},
                "items": [
                    {"ticket_type_id": s.types[0], "quantity": 11, "attendees": [null]},
                    {"ticket_type_id": "0190f0f0-0000-7000-8000-000000000000", "quantity": 1}
                ]
            }),
        )
        .await;
        assert_problem(&res, 422, "validation_failed");
        let errors: Vec<String> = res.body["errors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["field"].as_str().unwrap().to_owned())
            .collect();
        assert!(errors.contains(&"buyer.name".to_owned()), "{errors:?}");
        let res = buy(
            &app,
            &s.slug,
            order_body("ok@example.com", &[(&s.types[0], 11)]),
        )
        .await;
        let errors: Vec<String> = res.body["errors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["field"].as_str().unwrap().to_owned())
            .collect();
        assert_eq!(errors, vec!["items[0].quantity".to_owned()]);
        assert_eq!(counters(&app, &s, &s.types[0]).await, (0, 0));
        let bad = buy(&app, &s.slug, json!({"buyer": {"name": "A", "email": "a@example.com", "phone": "12"}, "items": [{"ticket_type_id": s.types[0], "quantity": 1}]})).await;
        assert_problem(&bad, 422, "validation_failed");
        assert_eq!(bad.body["errors"][0]["field"], "buyer.phone");
    }
);

db_test!(
    a_buyer_cannot_hoard_more_than_the_limit_across_orders,
    |app: TestApp| async move {
        let s = shop(&app, &[("Standard", "5000", 100)]).await;
        for _ in 0..2 {
            let res = buy(
                &app,
                &s.slug,
                order_body("hoarder@example.com", &[(&s.types[0], 10)]),
            )
            .await;
            assert_eq!(res.status, StatusCode::CREATED, "{:?}", res.body);
        }
        let res = buy(
            &app,
            &s.slug,
            order_body("HOARDER@example.com", &[(&s.types[0], 1)]),
        )
        .await;
        assert_problem(&res, 409, "hold_limit_reached");
    }
);

db_test!(
    declined_payments_keep_the_hold_until_the_third_gives_the_tickets_back,
    |app: TestApp| async move {
        let s = shop(&app, &[("Standard", "5000", 10)]).await;
        let res = buy(
            &app,
            &s.slug,
            order_body("decline@example.com", &[(&s.types[0], 2)]),
        )
        .await;
        let (id, token) = (
            res.body["id"].as_str().unwrap().to_owned(),
            token_of(&res.body),
        );
        for attempt in 1..=3 {
            let pay = app
                .post(
                    &format!("/api/v1/orders/{id}/payments?token={token}"),
                    None,
                    json!({"method": "test"}),
                )
                .await;
            assert_eq!(pay.status, StatusCode::CREATED, "{:?}", pay.body);
            let p = pay.body["id"].as_str().unwrap();
            let d = app
                .post(
                    &format!("/api/v1/test-gateway/payments/{p}/decline?token={token}"),
                    None,
                    json!({}),
                )
                .await;
            assert_eq!(d.body["status"], "failed");
            let page = app
                .send(
                    "GET",
                    &format!("/api/v1/orders/{id}?token={token}"),
                    None,
                    None,
                )
                .await;
            let expected = if attempt < 3 { "pending" } else { "cancelled" };
            assert_eq!(page.body["status"], expected);
        }
        assert_eq!(counters(&app, &s, &s.types[0]).await, (0, 0));
    }
);

db_test!(
    organizers_find_cancel_resend_and_export_bookings_with_their_history,
    |app: TestApp| async move {
        let s = shop(&app, &[("Community", "0", 10)]).await;
        let res = buy(
            &app,
            &s.slug,
            order_body("guest@example.com", &[(&s.types[0], 2)]),
        )
        .await;
        let id = res.body["id"].as_str().unwrap().to_owned();
        let reference = res.body["reference"].as_str().unwrap().to_owned();
        let code = res.body["tickets"][0]["code"]
            .as_str()
            .unwrap()
            .to_lowercase();
        buy(
            &app,
            &s.slug,
            order_body("someone@example.com", &[(&s.types[0], 1)]),
        )
        .await;
        let list = |q: String| {
            let app = &app;
            let path = format!("/api/v1/orgs/{}/events/{}/orders{q}", s.org, s.event);
            let token = s.token.clone();
            async move { app.get(&path, &token).await }
        };
        assert_eq!(
            list(String::new()).await.body["items"]
                .as_array()
                .unwrap()
                .len(),
            2
        );
        for q in ["guest", "GUEST@EXAMPLE", &reference.to_lowercase(), &code] {
            let found = list(format!("?q={}", q.replace(' ', "%20"))).await;
            assert_eq!(
                found.body["items"].as_array().unwrap().len(),
                1,
                "search {q}"
            );
            assert_eq!(found.body["items"][0]["id"], id.as_str());
        }
        assert_eq!(
            list("?status=pending".into()).await.body["items"]
                .as_array()
                .unwrap()
                .len(),
            0
        );

        app.run_jobs().await;
        let resend = app
            .post(
                &format!("/api/v1/orgs/{}/orders/{id}/resend", s.org),
                Some(&s.token),
                json!({}),
            )
            .await;
        assert_eq!(resend.status, StatusCode::ACCEPTED);
        app.run_jobs().await;
        let cancel = app
            .post(
                &format!("/api/v1/orgs/{}/orders/{id}/cancel", s.org),
                Some(&s.token),
                json!({"reason": "Duplicate"}),
            )
            .await;
        assert_eq!(cancel.status, StatusCode::OK, "{:?}", cancel.body);
        assert_eq!(cancel.body["order"]["status"], "cancelled");
        assert_eq!(cancel.body["order"]["tickets"][0]["status"], "cancelled");
        let kinds: Vec<&str> = cancel.body["history"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| h["kind"].as_str().unwrap())
            .collect();
        assert_eq!(
            kinds,
            ["created", "confirmed", "tickets_resent", "cancelled"]
        );
        assert_eq!(cancel.body["history"][3]["actor"], "organizer");
        assert!(cancel.body["history"][3]["actor_name"].is_string());
        assert_eq!(counters(&app, &s, &s.types[0]).await, (1, 0));
        let mails = app.emails_to("guest@example.com").await;
        assert_eq!(mails.len(), 3, "confirmation, resend, cancellation");

        let csv = app
            .get(
                &format!("/api/v1/orgs/{}/events/{}/orders.csv", s.org, s.event),
                &s.token,
            )
            .await;
        assert_eq!(csv.status, StatusCode::OK);
        let viewer = app
            .member(&s.token, &s.org, "viewer@example.com", "viewer")
            .await;
        let denied = app
            .post(
                &format!("/api/v1/orgs/{}/orders/{id}/resend", s.org),
                Some(&viewer),
                json!({}),
            )
            .await;
        assert_problem(&denied, 403, "forbidden");
    }
);

db_test!(
    signed_in_buyers_are_prefilled_and_find_their_tickets,
    |app: TestApp| async move {
        let s = shop(&app, &[("Community", "0", 10)]).await;
        let buyer = app.user("member@example.com").await;
        let res = app
            .post(
                &format!("/api/v1/public/events/{}/orders", s.slug),
                Some(&buyer),
                json!({"items": [{"ticket_type_id": s.types[0], "quantity": 1, "attendees": ["Paul Biya Jr"]}]}),
            )
            .await;
        assert_eq!(res.status, StatusCode::CREATED, "{:?}", res.body);
        assert_eq!(res.body["buyer"]["email"], "member@example.com");
        assert_eq!(res.body["tickets"][0]["attendee_name"], "Paul Biya Jr");
        let mine = app.get("/api/v1/me/orders", &buyer).await;
        assert_eq!(mine.body["items"].as_array().unwrap().len(), 1);
        // The buyer's session opens the order without its token.
        let id = res.body["id"].as_str().unwrap();
        assert_eq!(
            app.get(&format!("/api/v1/orders/{id}"), &buyer)
                .await
                .status,
            StatusCode::OK
        );
        let stranger = app.user("stranger@example.com").await;
        assert_problem(
            &app.get(&format!("/api/v1/orders/{id}"), &stranger).await,
            404,
            "not_found",
        );
    }
);

db_test!(
    order_placement_is_rate_limited_per_client_address,
    |mut app: TestApp| async move {
        let s = shop(&app, &[("Community", "0", 100)]).await;
        let mut settings = (*app.state.settings).clone();
        settings.checkout_per_minute = 2;
        app.state.settings = std::sync::Arc::new(settings);
        for i in 0..2 {
            let res = buy(
                &app,
                &s.slug,
                order_body(&format!("r{i}@example.com"), &[(&s.types[0], 1)]),
            )
            .await;
            assert_eq!(res.status, StatusCode::CREATED);
        }
        let res = buy(
            &app,
            &s.slug,
            order_body("r3@example.com", &[(&s.types[0], 1)]),
        )
        .await;
        assert_problem(&res, 429, "rate_limited");
    }
);

db_test!(
    a_ticket_type_or_event_that_took_orders_is_kept_even_after_they_lapsed,
    |app: TestApp| async move {
        let s = shop(&app, &[("Standard", "5000", 10), ("Spare", "0", 5)]).await;
        let res = buy(
            &app,
            &s.slug,
            order_body("lapse@example.com", &[(&s.types[0], 1)]),
        )
        .await;
        assert_eq!(res.status, StatusCode::CREATED);
        let id = res.body["id"].as_str().unwrap();
        let token = token_of(&res.body);
        let cancelled = app
            .post(
                &format!("/api/v1/orders/{id}/cancel?token={token}"),
                None,
                json!({}),
            )
            .await;
        assert_eq!(cancelled.body["status"], "cancelled");
        assert_eq!(counters(&app, &s, &s.types[0]).await, (0, 0));
        let del = app
            .delete(
                &format!(
                    "/api/v1/orgs/{}/events/{}/ticket-types/{}",
                    s.org, s.event, s.types[0]
                ),
                &s.token,
            )
            .await;
        assert_problem(&del, 409, "conflict");
        let spare = app
            .delete(
                &format!(
                    "/api/v1/orgs/{}/events/{}/ticket-types/{}",
                    s.org, s.event, s.types[1]
                ),
                &s.token,
            )
            .await;
        assert_eq!(spare.status, StatusCode::NO_CONTENT);
        let unpublished = app
            .post(
                &format!("/api/v1/orgs/{}/events/{}/unpublish", s.org, s.event),
                Some(&s.token),
                json!({}),
            )
            .await;
        assert_eq!(unpublished.status, StatusCode::OK, "{:?}", unpublished.body);
        let del = app
            .delete(
                &format!("/api/v1/orgs/{}/events/{}", s.org, s.event),
                &s.token,
            )
            .await;
        assert_problem(&del, 409, "conflict");
    }
);

db_test!(
    the_public_page_shows_fresh_availability_after_each_sale,
    |app: TestApp| async move {
        let s = shop(&app, &[("Few", "0", 3)]).await;
        let path = format!("/api/v1/public/events/{}", s.slug);
        let first = app.send("GET", &path, None, None).await;
        assert_eq!(first.body["ticket_types"][0]["remaining"], 3);
        buy(
            &app,
            &s.slug,
            order_body("one@example.com", &[(&s.types[0], 1)]),
        )
        .await;
        let after_one = app.send("GET", &path, None, None).await;
        assert_eq!(after_one.body["ticket_types"][0]["remaining"], 2);
        buy(
            &app,
            &s.slug,
            order_body("two@example.com", &[(&s.types[0], 2)]),
        )
        .await;
        let sold_out = app.send("GET", &path, None, None).await;
        assert_eq!(sold_out.body["ticket_types"][0]["sale_state"], "sold_out");
        assert_eq!(sold_out.body["ticket_types"][0]["remaining"], 0);
    }
);

db_test!(
    discovery_popularity_follows_tickets_sold_after_the_worker_refreshes_it,
    |app: TestApp| async move {
        let s = shop(&app, &[("Community", "0", 10)]).await;
        buy(
            &app,
            &s.slug,
            order_body("p1@example.com", &[(&s.types[0], 2)]),
        )
        .await;
        buy(
            &app,
            &s.slug,
            order_body("p2@example.com", &[(&s.types[0], 1)]),
        )
        .await;
        reckot_server::jobs::refresh_popularity(&app.state)
            .await
            .unwrap();
        let scope = db::OrgScope::for_platform_operation(s.org.parse().unwrap());
        let event = db::events::get(&app.state.db, scope, s.event.parse().unwrap())
            .await
            .unwrap();
        assert_eq!(event.popularity, 3);
    }
);

db_test!(
    a_new_tier_fee_applies_to_the_next_quote_at_once,
    |app: TestApp| async move {
        let s = shop(&app, &[("Standard", "5000", 10)]).await;
        let path = format!("/api/v1/public/events/{}/quote", s.slug);
        let body = json!({"items": [{"ticket_type_id": s.types[0], "quantity": 2}]});
        assert_eq!(
            app.post(&path, None, body.clone()).await.body["fee"]["amount"],
            "500"
        );
        let admin = crate::admin::platform_admin(&app).await;
        let res = app
            .patch(
                "/api/v1/admin/tiers/free",
                &admin,
                json!({"fee_percent": "10", "fee_fixed": [{"amount": "100", "currency": "XAF"}], "fee_payer": "organizer"}),
            )
            .await;
        assert_eq!(res.status, StatusCode::OK, "{:?}", res.body);
        let q = app.post(&path, None, body).await;
        // 10 % of 10 000 + 100 per ticket, absorbed by the organizer: the buyer pays the subtotal.
        assert_eq!(q.body["fee"]["amount"], "1200");
        assert_eq!(q.body["fee_payer"], "organizer");
        assert_eq!(q.body["total"]["amount"], "10000");
    }
);
