//! Money after the sale on both databases, through the test gateway: the ledger and balances,
//! withdrawals (limits, concurrency, approval, payout, rejection) and refunds (window,
//! approval, tickets voided and places released, never twice). Real gateways' refunds and
//! payouts are in `payments.rs`.

use actix_web::http::StatusCode;
use futures_util::future::join_all;
use serde_json::{Value, json};

use crate::admin::platform_admin;
use crate::checkout::{Shop, buy, order_body, shop};
use crate::db_test;
use crate::support::{Res, TestApp, assert_problem};

/// A confirmed order of `n` tickets at 5 000 XAF (the buyer pays a 5 % fee on top), paid
/// through the test gateway: (shop, order id, access token).
pub async fn paid(app: &TestApp, n: u32) -> (Shop, String, String) {
    let s = shop(app, &[("Standard", "5000", 50)]).await;
    let order = buy_paid(app, &s, "amina@example.com", n).await;
    (s, order.0, order.1)
}

pub async fn buy_paid(app: &TestApp, s: &Shop, email: &str, n: u32) -> (String, String) {
    let res = buy(app, &s.slug, order_body(email, &[(&s.types[0], n)])).await;
    assert_eq!(res.status, StatusCode::CREATED, "{:?}", res.body);
    let id = res.body["id"].as_str().unwrap().to_owned();
    let token = res.body["access_token"].as_str().unwrap().to_owned();
    let pay = app
        .post(
            &format!("/api/v1/orders/{id}/payments?token={token}"),
            None,
            json!({"method": "test"}),
        )
        .await;
    assert_eq!(pay.status, StatusCode::CREATED, "{:?}", pay.body);
    let payment = pay.body["id"].as_str().unwrap();
    let ok = app
        .post(
            &format!("/api/v1/test-gateway/payments/{payment}/approve?token={token}"),
            None,
            json!({}),
        )
        .await;
    assert_eq!(ok.status, StatusCode::OK, "{:?}", ok.body);
    (id, token)
}

async fn balance(app: &TestApp, s: &Shop) -> Value {
    let res = app
        .get(&format!("/api/v1/orgs/{}/balances", s.org), &s.token)
        .await;
    assert_eq!(res.status, StatusCode::OK, "{:?}", res.body);
    res.body[0].clone()
}

fn amount(v: &Value) -> &str {
    v["amount"].as_str().unwrap()
}

/// Past the settlement delay (48 hours by default); the owner signs in again since access
/// tokens last minutes.
pub async fn settle(app: &TestApp, s: &mut Shop) {
    app.clock.advance(chrono::Duration::hours(49));
    s.token = app
        .login("owner@example.com", "correct horse battery")
        .await;
}

async fn withdraw(app: &TestApp, s: &Shop, amount: &str) -> Res {
    app.post(
        &format!("/api/v1/orgs/{}/withdrawals", s.org),
        Some(&s.token),
        json!({
            "amount": {"amount": amount, "currency": "XAF"},
            "destination": {"kind": "mobile_money", "phone": "6 70 00 00 09", "operator": "mtn"}
        }),
    )
    .await
}

db_test!(
    a_paid_order_posts_its_sale_and_fee_and_becomes_available_after_settlement,
    |app: TestApp| async move {
        let (mut s, _, _) = paid(&app, 2).await;
        let b = balance(&app, &s).await;
        assert_eq!(b["currency"], "XAF");
        // 10 500 paid, 500 of it the platform's fee.
        assert_eq!(amount(&b["pending"]), "10000");
        assert_eq!(amount(&b["available"]), "0");
        let ledger = app
            .get(&format!("/api/v1/orgs/{}/ledger", s.org), &s.token)
            .await;
        let kinds: Vec<(&str, &str)> = ledger.body["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| {
                (
                    e["kind"].as_str().unwrap(),
                    e["amount"]["amount"].as_str().unwrap(),
                )
            })
            .collect();
        assert!(kinds.contains(&("sale", "10500")), "{kinds:?}");
        assert!(kinds.contains(&("platform_fee", "-500")), "{kinds:?}");
        settle(&app, &mut s).await;
        let b = balance(&app, &s).await;
        assert_eq!(amount(&b["pending"]), "0");
        assert_eq!(amount(&b["available"]), "10000");
        // Check-in staff and viewers do not see the money.
        let viewer = app
            .member(&s.token, &s.org, "viewer@example.com", "viewer")
            .await;
        assert_problem(
            &app.get(&format!("/api/v1/orgs/{}/balances", s.org), &viewer)
                .await,
            403,
            "forbidden",
        );
    }
);

db_test!(
    an_approved_mobile_money_withdrawal_is_paid_out_and_counted_as_paid_out,
    |app: TestApp| async move {
        let (mut s, _, _) = paid(&app, 2).await;
        settle(&app, &mut s).await;
        let res = withdraw(&app, &s, "6000").await;
        assert_eq!(res.status, StatusCode::CREATED, "{:?}", res.body);
        assert_eq!(res.body["status"], "requested");
        assert_eq!(res.body["destination_label"], "MTN · +237 •••• 0009");
        let id = res.body["id"].as_str().unwrap().to_owned();
        // Taken off at once: a second request cannot spend it again.
        assert_eq!(amount(&balance(&app, &s).await["available"]), "4000");

        let admin = platform_admin(&app).await;
        let res = app
            .post(
                &format!("/api/v1/admin/withdrawals/{id}/approve"),
                Some(&admin),
                json!({}),
            )
            .await;
        assert_eq!(res.status, StatusCode::OK, "{:?}", res.body);
        assert_eq!(res.body["status"], "approved");
        app.run_jobs().await;
        let list = app
            .get(&format!("/api/v1/orgs/{}/withdrawals", s.org), &s.token)
            .await;
        let w = &list.body["items"][0];
        assert_eq!(w["status"], "completed", "{w:?}");
        assert!(
            w["payout_reference"]
                .as_str()
                .unwrap()
                .starts_with("test-payout-")
        );
        let b = balance(&app, &s).await;
        assert_eq!(amount(&b["available"]), "4000");
        assert_eq!(amount(&b["paid_out"]), "6000");
        // Approving twice does nothing more.
        assert_problem(
            &app.post(
                &format!("/api/v1/admin/withdrawals/{id}/approve"),
                Some(&admin),
                json!({}),
            )
            .await,
            409,
            "conflict",
        );
    }
);

db_test!(
    concurrent_withdrawals_never_take_more_than_is_available,
    |app: TestApp| async move {
        let (mut s, _, _) = paid(&app, 2).await;
        settle(&app, &mut s).await;
        let results = join_all((0..8).map(|_| withdraw(&app, &s, "3000"))).await;
        let created = results
            .iter()
            .filter(|r| r.status == StatusCode::CREATED)
            .count();
        for r in results.iter().filter(|r| r.status != StatusCode::CREATED) {
            assert_problem(r, 409, "insufficient_balance");
        }
        assert_eq!(created, 3);
        assert_eq!(amount(&balance(&app, &s).await["available"]), "1000");
    }
);

db_test!(
    a_rejected_withdrawal_gives_its_amount_back,
    |app: TestApp| async move {
        let (mut s, _, _) = paid(&app, 1).await;
        settle(&app, &mut s).await;
        let res = withdraw(&app, &s, "5000").await;
        let id = res.body["id"].as_str().unwrap().to_owned();
        assert_eq!(amount(&balance(&app, &s).await["available"]), "0");
        let admin = platform_admin(&app).await;
        assert_problem(
            &app.post(
                &format!("/api/v1/admin/withdrawals/{id}/reject"),
                Some(&admin),
                json!({}),
            )
            .await,
            422,
            "validation_failed",
        );
        let res = app
            .post(
                &format!("/api/v1/admin/withdrawals/{id}/reject"),
                Some(&admin),
                json!({"note": "Please verify your account first"}),
            )
            .await;
        assert_eq!(res.body["status"], "rejected", "{:?}", res.body);
        assert_eq!(amount(&balance(&app, &s).await["available"]), "5000");
    }
);

db_test!(
    a_withdrawal_with_bad_fields_names_each_of_them_and_writes_nothing,
    |app: TestApp| async move {
        let (mut s, _, _) = paid(&app, 1).await;
        settle(&app, &mut s).await;
        let res = app
            .post(
                &format!("/api/v1/orgs/{}/withdrawals", s.org),
                Some(&s.token),
                json!({"amount": {"amount": "100.5", "currency": "XAF"}, "destination": {"kind": "mobile_money", "phone": "12"}}),
            )
            .await;
        assert_problem(&res, 422, "validation_failed");
        let fields: Vec<&str> = res.body["errors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["field"].as_str().unwrap())
            .collect();
        assert_eq!(fields, vec!["amount", "destination.phone"]);
        assert_problem(
            &withdraw(&app, &s, "6000").await,
            409,
            "insufficient_balance",
        );
        let list = app
            .get(&format!("/api/v1/orgs/{}/withdrawals", s.org), &s.token)
            .await;
        assert_eq!(list.body["items"], json!([]));
        assert_eq!(amount(&balance(&app, &s).await["available"]), "5000");
    }
);

db_test!(
    a_retried_withdrawal_with_the_same_key_is_made_once,
    |app: TestApp| async move {
        let (mut s, _, _) = paid(&app, 2).await;
        settle(&app, &mut s).await;
        let send = || {
            let req = actix_web::test::TestRequest::post()
                .uri(&format!("/api/v1/orgs/{}/withdrawals", s.org))
                .insert_header(("Authorization", format!("Bearer {}", s.token)))
                .insert_header(("Idempotency-Key", "w-1"))
                .set_json(json!({"amount": {"amount": "4000", "currency": "XAF"}, "destination": {"kind": "bank_account", "account_name": "Wouri Live SARL", "bank_name": "Afriland", "account_number": "CM21 10005 00001 01234567890 12"}}));
            app.call(req)
        };
        let first = send().await;
        let second = send().await;
        assert_eq!(first.status, StatusCode::CREATED, "{:?}", first.body);
        assert_eq!(first.body["id"], second.body["id"]);
        assert_eq!(amount(&balance(&app, &s).await["available"]), "6000");
        // A bank transfer is made by hand and marked completed with its reference.
        let id = first.body["id"].as_str().unwrap();
        let admin = platform_admin(&app).await;
        let res = app
            .post(
                &format!("/api/v1/admin/withdrawals/{id}/approve"),
                Some(&admin),
                json!({}),
            )
            .await;
        assert_eq!(res.body["status"], "processing", "{:?}", res.body);
        let res = app
            .post(
                &format!("/api/v1/admin/withdrawals/{id}/complete"),
                Some(&admin),
                json!({"reference": "VIR-2026-118"}),
            )
            .await;
        assert_eq!(res.body["status"], "completed", "{:?}", res.body);
        assert_eq!(amount(&balance(&app, &s).await["paid_out"]), "4000");
    }
);

pub async fn allow_buyer_refunds(app: &TestApp, s: &Shop) {
    let res = app
        .patch(
            &format!("/api/v1/orgs/{}/events/{}", s.org, s.event),
            &s.token,
            json!({"refund_deadline_hours": 48}),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{:?}", res.body);
    assert_eq!(res.body["refund_deadline_hours"], 48);
}

pub async fn order_of(app: &TestApp, id: &str, token: &str) -> Value {
    let res = app
        .send(
            "GET",
            &format!("/api/v1/orders/{id}?token={token}"),
            None,
            None,
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{:?}", res.body);
    res.body
}

db_test!(
    a_buyers_refund_waits_for_an_admin_then_voids_the_ticket_frees_its_place_and_debits_the_ledger,
    |app: TestApp| async move {
        let (mut s, id, token) = paid(&app, 2).await;
        let path = format!("/api/v1/orders/{id}/refunds?token={token}");
        assert_problem(
            &app.post(&path, None, json!({})).await,
            409,
            "refund_window_closed",
        );
        allow_buyer_refunds(&app, &s).await;
        let order = order_of(&app, &id, &token).await;
        assert!(order["refundable_until"].is_string(), "{order:?}");
        let ticket = order["tickets"][0]["id"].as_str().unwrap().to_owned();
        let res = app
            .post(
                &path,
                None,
                json!({"ticket_ids": [ticket], "reason": "I cannot come"}),
            )
            .await;
        assert_eq!(res.status, StatusCode::CREATED, "{:?}", res.body);
        assert_eq!(res.body["status"], "requested");
        assert_eq!(res.body["requested_by"], "buyer");
        assert_eq!(
            res.body["amount"],
            json!({"amount": "5000", "currency": "XAF"})
        );
        let refund = res.body["id"].as_str().unwrap().to_owned();

        let admin = platform_admin(&app).await;
        let queue = app
            .get("/api/v1/admin/refunds?status=requested", &admin)
            .await;
        assert_eq!(queue.body["items"][0]["id"], refund.as_str());
        let res = app
            .post(
                &format!("/api/v1/admin/refunds/{refund}/approve"),
                Some(&admin),
                json!({}),
            )
            .await;
        assert_eq!(res.status, StatusCode::OK, "{:?}", res.body);
        app.run_jobs().await;

        let order = order_of(&app, &id, &token).await;
        assert_eq!(order["refunds"][0]["status"], "refunded", "{order:?}");
        assert_eq!(order["tickets"][0]["status"], "refunded");
        assert_eq!(order["tickets"][1]["status"], "valid");
        // The place is back on sale.
        let scope = db::OrgScope::for_platform_operation(s.org.parse().unwrap());
        let t = db::ticket_types::get(
            &app.state.db,
            scope,
            s.event.parse().unwrap(),
            s.types[0].parse().unwrap(),
        )
        .await
        .unwrap();
        assert_eq!(t.sold, 1);
        // 10 000 earned, 5 000 given back.
        settle(&app, &mut s).await;
        assert_eq!(amount(&balance(&app, &s).await["available"]), "5000");
        let mails = app.emails_to("amina@example.com").await;
        assert!(
            mails
                .iter()
                .any(|m| m["subject"].as_str().unwrap_or("").contains("refund")),
            "{mails:?}"
        );
    }
);

db_test!(
    a_ticket_is_refunded_once_even_when_asked_for_many_times_at_once,
    |app: TestApp| async move {
        let (s, id, token) = paid(&app, 1).await;
        allow_buyer_refunds(&app, &s).await;
        let path = format!("/api/v1/orders/{id}/refunds?token={token}");
        let results = join_all((0..6).map(|_| app.post(&path, None, json!({})))).await;
        let created = results
            .iter()
            .filter(|r| r.status == StatusCode::CREATED)
            .count();
        assert_eq!(
            created,
            1,
            "{:?}",
            results.iter().map(|r| &r.body).collect::<Vec<_>>()
        );
        for r in results.iter().filter(|r| r.status != StatusCode::CREATED) {
            assert_problem(r, 409, "nothing_to_refund");
        }
    }
);

db_test!(
    an_organizers_refund_runs_at_once_and_a_rejected_request_keeps_the_ticket,
    |app: TestApp| async move {
        let (s, id, token) = paid(&app, 2).await;
        let res = app
            .post(
                &format!("/api/v1/orgs/{}/orders/{id}/refunds", s.org),
                Some(&s.token),
                json!({"reason": "Seat problem"}),
            )
            .await;
        assert_eq!(res.status, StatusCode::CREATED, "{:?}", res.body);
        assert_eq!(res.body["status"], "approved");
        assert_eq!(res.body["amount"]["amount"], "10000");
        app.run_jobs().await;
        let order = order_of(&app, &id, &token).await;
        assert_eq!(order["refunds"][0]["status"], "refunded");
        assert!(order["refundable_until"].is_null());
        assert_problem(
            &app.post(
                &format!("/api/v1/orgs/{}/orders/{id}/refunds", s.org),
                Some(&s.token),
                json!({}),
            )
            .await,
            409,
            "nothing_to_refund",
        );

        // Another buyer asks; the admin declines; the ticket stays valid and can be asked again.
        allow_buyer_refunds(&app, &s).await;
        let (id2, token2) = buy_paid(&app, &s, "binta@example.com", 1).await;
        let res = app
            .post(
                &format!("/api/v1/orders/{id2}/refunds?token={token2}"),
                None,
                json!({}),
            )
            .await;
        let refund = res.body["id"].as_str().unwrap().to_owned();
        let admin = platform_admin(&app).await;
        let res = app
            .post(
                &format!("/api/v1/admin/refunds/{refund}/reject"),
                Some(&admin),
                json!({"note": "Past the policy"}),
            )
            .await;
        assert_eq!(res.body["status"], "rejected", "{:?}", res.body);
        let order = order_of(&app, &id2, &token2).await;
        assert_eq!(order["tickets"][0]["status"], "valid");
        let again = app
            .post(
                &format!("/api/v1/orders/{id2}/refunds?token={token2}"),
                None,
                json!({}),
            )
            .await;
        assert_eq!(again.status, StatusCode::CREATED, "{:?}", again.body);
    }
);

db_test!(
    a_failed_job_is_listed_for_admins_and_can_be_retried,
    |app: TestApp| async move {
        let now = app.state.now();
        let id = db::jobs::enqueue(&app.state.db, "no_such_job", json!({}), now, now)
            .await
            .unwrap();
        // Eight attempts with backoff: jump the clock past each.
        for _ in 0..8 {
            app.run_jobs().await;
            app.clock.advance(chrono::Duration::hours(2));
        }
        let admin = platform_admin(&app).await;
        let failed = app.get("/api/v1/admin/jobs?status=failed", &admin).await;
        assert_eq!(
            failed.body["items"][0]["id"],
            id.to_string(),
            "{:?}",
            failed.body
        );
        assert!(
            failed.body["items"][0]["last_error"]
                .as_str()
                .unwrap()
                .contains("unknown job kind")
        );
        let res = app
            .post(
                &format!("/api/v1/admin/jobs/{id}/retry"),
                Some(&admin),
                json!({}),
            )
            .await;
        assert_eq!(res.status, StatusCode::OK, "{:?}", res.body);
        assert_eq!(res.body["status"], "pending");
        assert_eq!(res.body["attempts"], 0);
        assert_problem(
            &app.post(
                &format!("/api/v1/admin/jobs/{id}/retry"),
                Some(&admin),
                json!({}),
            )
            .await,
            409,
            "conflict",
        );
    }
);

db_test!(
    a_payment_pending_past_the_deadline_is_shown_to_the_organizer,
    |app: TestApp| async move {
        let s = shop(&app, &[("Standard", "5000", 50)]).await;
        let res = buy(
            &app,
            &s.slug,
            order_body("amina@example.com", &[(&s.types[0], 1)]),
        )
        .await;
        let id = res.body["id"].as_str().unwrap().to_owned();
        let token = res.body["access_token"].as_str().unwrap().to_owned();
        let pay = app
            .post(
                &format!("/api/v1/orders/{id}/payments?token={token}"),
                None,
                json!({"method": "test"}),
            )
            .await;
        assert_eq!(pay.status, StatusCode::CREATED, "{:?}", pay.body);
        let path = format!("/api/v1/orgs/{}/payments/stuck", s.org);
        assert_eq!(app.get(&path, &s.token).await.body, json!([]));
        app.clock.advance(chrono::Duration::minutes(61));
        let owner = app
            .login("owner@example.com", "correct horse battery")
            .await;
        let stuck = app.get(&path, &owner).await;
        assert_eq!(stuck.status, StatusCode::OK, "{:?}", stuck.body);
        assert_eq!(stuck.body[0]["order_id"], id.as_str());
        assert_eq!(stuck.body[0]["payment"]["status"], "pending");
        assert_eq!(stuck.body[0]["buyer"]["email"], "amina@example.com");
    }
);
