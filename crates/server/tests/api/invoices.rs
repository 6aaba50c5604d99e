//! Invoices and credit notes on both databases: numbering without gaps per organization (also
//! under concurrent confirmations), a credit note per completed refund, the monthly platform-fee
//! invoice, totals that match the ledger, and who may download which PDF.

use actix_web::http::StatusCode;
use chrono::{Datelike, NaiveDate};
use futures_util::future::join_all;
use serde_json::{Value, json};

use crate::checkout::{Shop, buy, order_body, shop};
use crate::db_test;
use crate::finance::{buy_paid, paid, settle};
use crate::support::{Res, TestApp};

async fn invoices(app: &TestApp, s: &Shop, query: &str) -> Vec<Value> {
    let res = app
        .get(&format!("/api/v1/orgs/{}/invoices{query}", s.org), &s.token)
        .await;
    assert_eq!(res.status, StatusCode::OK, "{:?}", res.body);
    res.body["items"].as_array().unwrap().clone()
}

fn minor(v: &Value) -> i64 {
    v["amount"].as_str().unwrap().parse().unwrap()
}

fn year(app: &TestApp) -> i32 {
    app.state.now().year()
}

fn assert_pdf(res: &Res) {
    assert_eq!(res.status, StatusCode::OK, "{:?}", res.body);
    assert_eq!(
        res.headers
            .get("content-type")
            .and_then(|v| v.to_str().ok()),
        Some("application/pdf")
    );
    assert!(res.body.as_str().unwrap().starts_with("%PDF"));
}

db_test!(
    a_paid_order_gets_invoice_number_one_and_the_next_order_number_two,
    |app: TestApp| async move {
        let (s, order, _) = paid(&app, 2).await;
        let list = invoices(&app, &s, "").await;
        assert_eq!(list.len(), 1, "{list:?}");
        let inv = &list[0];
        assert_eq!(inv["kind"], "invoice");
        assert_eq!(inv["number"], 1);
        assert_eq!(inv["display_number"], format!("INV-{}-000001", year(&app)));
        assert_eq!(inv["order_id"], order.as_str());
        assert_eq!(inv["customer_email"], "amina@example.com");
        // 2 × 5 000 and the buyer's 5 % service fee: exactly what was paid.
        assert_eq!(inv["total"], json!({"amount": "10500", "currency": "XAF"}));
        assert_eq!(inv["subtotal"]["amount"], "10000");
        assert_eq!(inv["fee"]["amount"], "500");
        let lines = inv["lines"].as_array().unwrap();
        assert_eq!(lines.len(), 2, "{lines:?}");
        assert_eq!(lines[0]["quantity"], 2);
        assert_eq!(lines[0]["unit_price"]["amount"], "5000");
        assert!(
            lines[0]["description"]
                .as_str()
                .unwrap()
                .contains("Standard")
        );
        let (second, _) = buy_paid(&app, &s, "binta@example.com", 1).await;
        let list = invoices(&app, &s, "?kind=invoice").await;
        assert_eq!(list[0]["number"], 2);
        assert_eq!(list[0]["order_id"], second.as_str());
        assert_eq!(list[0]["total"]["amount"], "5250");
        assert!(invoices(&app, &s, "?kind=credit_note").await.is_empty());
    }
);

db_test!(
    ten_orders_confirmed_at_once_are_numbered_one_to_ten_without_gap_or_duplicate,
    |app: TestApp| async move {
        let s = shop(&app, &[("Standard", "5000", 50)]).await;
        let mut approvals = Vec::new();
        for i in 0..10 {
            let res = buy(
                &app,
                &s.slug,
                order_body(&format!("buyer{i}@example.com"), &[(&s.types[0], 1)]),
            )
            .await;
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
            let payment = pay.body["id"].as_str().unwrap().to_owned();
            approvals.push(format!(
                "/api/v1/test-gateway/payments/{payment}/approve?token={token}"
            ));
        }
        let results = join_all(approvals.iter().map(|p| app.post(p, None, json!({})))).await;
        for r in &results {
            assert_eq!(r.status, StatusCode::OK, "{:?}", r.body);
        }
        let list = invoices(&app, &s, "?limit=100").await;
        let mut numbers: Vec<i64> = list.iter().map(|i| i["number"].as_i64().unwrap()).collect();
        numbers.sort_unstable();
        assert_eq!(numbers, (1..=10).collect::<Vec<i64>>());
        let mut orders: Vec<&str> = list
            .iter()
            .map(|i| i["order_id"].as_str().unwrap())
            .collect();
        orders.sort_unstable();
        orders.dedup();
        assert_eq!(orders.len(), 10, "one invoice per order");
    }
);

/// Refunds `ticket_ids` (all when empty) of an order as its organizer and runs the refund.
async fn refund(app: &TestApp, s: &Shop, order: &str, ticket_ids: Value) -> Value {
    let res = app
        .post(
            &format!("/api/v1/orgs/{}/orders/{order}/refunds", s.org),
            Some(&s.token),
            json!({"ticket_ids": ticket_ids, "reason": "Seat problem"}),
        )
        .await;
    assert_eq!(res.status, StatusCode::CREATED, "{:?}", res.body);
    app.run_jobs().await;
    res.body
}

async fn ledger_sum(app: &TestApp, s: &Shop, kinds: &[&str]) -> i64 {
    let res = app
        .get(
            &format!("/api/v1/orgs/{}/ledger?limit=100", s.org),
            &s.token,
        )
        .await;
    res.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| kinds.contains(&e["kind"].as_str().unwrap()))
        .map(|e| minor(&e["amount"]))
        .sum()
}

db_test!(
    a_completed_refund_gets_a_credit_note_and_the_documents_add_up_to_the_ledger,
    |app: TestApp| async move {
        let (s, first, first_token) = paid(&app, 2).await;
        let (second, _) = buy_paid(&app, &s, "binta@example.com", 3).await;
        let refunded = refund(&app, &s, &first, json!([])).await;
        // One ticket of the second order.
        let tickets = {
            let scope = db::OrgScope::for_platform_operation(s.org.parse().unwrap());
            db::tickets::for_order(&app.state.db, scope, second.parse().unwrap())
                .await
                .unwrap()
        };
        refund(&app, &s, &second, json!([tickets[0].id])).await;

        let notes = invoices(&app, &s, "?kind=credit_note").await;
        assert_eq!(notes.len(), 2, "{notes:?}");
        let note = notes
            .iter()
            .find(|n| n["refund_id"] == refunded["id"])
            .unwrap();
        assert_eq!(note["number"], 1);
        assert_eq!(note["display_number"], format!("CN-{}-000001", year(&app)));
        assert_eq!(note["order_id"], first.as_str());
        // The ticket price comes back, not the service fee.
        assert_eq!(note["total"]["amount"], "10000");
        assert_eq!(note["lines"][0]["quantity"], 2);
        let other = notes
            .iter()
            .find(|n| n["order_id"] == second.as_str())
            .unwrap();
        assert_eq!(other["number"], 2);
        assert_eq!(other["total"]["amount"], "5000");

        let all = invoices(&app, &s, "").await;
        let signed: i64 = all
            .iter()
            .map(|i| match i["kind"].as_str().unwrap() {
                "invoice" => minor(&i["total"]),
                "credit_note" => -minor(&i["total"]),
                other => panic!("{other}"),
            })
            .sum();
        assert_eq!(signed, ledger_sum(&app, &s, &["sale", "refund"]).await);
        assert_eq!(signed, 10_500 + 15_750 - 10_000 - 5000);

        // The buyer sees the invoice and the credit note of their order.
        let res = app
            .send(
                "GET",
                &format!("/api/v1/orders/{first}/invoices?token={first_token}"),
                None,
                None,
            )
            .await;
        assert_eq!(res.status, StatusCode::OK, "{:?}", res.body);
        let kinds: Vec<&str> = res
            .body
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["kind"].as_str().unwrap())
            .collect();
        assert_eq!(kinds, vec!["invoice", "credit_note"]);
    }
);

db_test!(
    last_months_fee_invoice_equals_its_platform_fee_ledger_entries,
    |app: TestApp| async move {
        let (mut s, _, _) = paid(&app, 2).await;
        buy_paid(&app, &s, "binta@example.com", 1).await;
        let fees = -ledger_sum(&app, &s, &["platform_fee"]).await;
        assert_eq!(fees, 500 + 250);
        // Nothing to invoice for a month still running.
        assert_eq!(
            reckot_server::services::invoices::issue_monthly_fee_invoices(&app.state)
                .await
                .unwrap(),
            0
        );
        // Into the first hour of next month.
        let now = app.state.now();
        let (y, m) = if now.month() == 12 {
            (now.year() + 1, 1)
        } else {
            (now.year(), now.month() + 1)
        };
        let next = NaiveDate::from_ymd_opt(y, m, 1)
            .unwrap()
            .and_hms_opt(1, 0, 0)
            .unwrap()
            .and_utc();
        app.clock.advance(next - now);
        settle(&app, &mut s).await;
        let issue = || reckot_server::services::invoices::issue_monthly_fee_invoices(&app.state);
        assert_eq!(issue().await.unwrap(), 1);
        assert_eq!(issue().await.unwrap(), 0, "issued once");
        let list = invoices(&app, &s, "?kind=fee_invoice").await;
        assert_eq!(list.len(), 1, "{list:?}");
        let fee = &list[0];
        assert_eq!(minor(&fee["total"]), fees);
        assert_eq!(fee["number"], 1);
        assert_eq!(fee["issuer_name"], "Reckot");
        assert_eq!(fee["customer_name"], "Wouri Live");
        // A Cameroonian organization reads its fee invoices in French.
        assert_eq!(fee["language"], "fr");
        let expected_period = format!("{:04}-{:02}", now.year(), now.month());
        assert_eq!(fee["period"], expected_period.as_str());
        assert!(
            fee["lines"][0]["description"]
                .as_str()
                .unwrap()
                .contains("2 commandes payées en ")
        );
        let res = app
            .get(
                &format!(
                    "/api/v1/orgs/{}/invoices/{}.pdf",
                    s.org,
                    fee["id"].as_str().unwrap()
                ),
                &s.token,
            )
            .await;
        assert_pdf(&res);
    }
);

db_test!(
    invoice_pdfs_reach_the_buyer_and_the_organizer_and_nobody_else,
    |app: TestApp| async move {
        let (s, order, token) = paid(&app, 1).await;
        let (other_order, other_token) = buy_paid(&app, &s, "binta@example.com", 1).await;
        let list = invoices(&app, &s, "").await;
        let id = list
            .iter()
            .find(|i| i["order_id"] == order.as_str())
            .unwrap()["id"]
            .as_str()
            .unwrap()
            .to_owned();
        let org_path = format!("/api/v1/orgs/{}/invoices/{id}.pdf", s.org);
        let res = app.get(&org_path, &s.token).await;
        assert_pdf(&res);
        assert!(
            res.headers
                .get("content-disposition")
                .unwrap()
                .to_str()
                .unwrap()
                .contains(&format!("INV-{}-", year(&app)))
        );
        let buyer_path = format!("/api/v1/orders/{order}/invoices/{id}.pdf");
        assert_pdf(
            &app.send("GET", &format!("{buyer_path}?token={token}"), None, None)
                .await,
        );

        // Another organization's owner: not a member here, and the invoice is not theirs.
        let stranger = app.user("other@example.com").await;
        let other_org = app.org(&stranger, "Other Org").await;
        assert_eq!(app.get(&org_path, &stranger).await.status, 404);
        let res = app
            .get(
                &format!("/api/v1/orgs/{other_org}/invoices/{id}.pdf"),
                &stranger,
            )
            .await;
        assert_eq!(res.status, StatusCode::NOT_FOUND);
        assert!(
            app.get(&format!("/api/v1/orgs/{other_org}/invoices"), &stranger)
                .await
                .body["items"]
                .as_array()
                .unwrap()
                .is_empty()
        );

        // Another buyer: their token opens their order, not this one's invoice.
        let res = app
            .send(
                "GET",
                &format!("{buyer_path}?token={other_token}"),
                None,
                None,
            )
            .await;
        assert_eq!(res.status, StatusCode::NOT_FOUND);
        let res = app
            .send(
                "GET",
                &format!("/api/v1/orders/{other_order}/invoices/{id}.pdf?token={other_token}"),
                None,
                None,
            )
            .await;
        assert_eq!(res.status, StatusCode::NOT_FOUND);
        // Neither a token nor a signed-in buyer.
        let res = app.send("GET", &buyer_path, None, None).await;
        assert_eq!(res.status, StatusCode::NOT_FOUND);
    }
);

db_test!(
    a_french_order_is_invoiced_in_french,
    |app: TestApp| async move {
        let s = shop(&app, &[("Standard", "5000", 50)]).await;
        let mut body = order_body("zoe@example.com", &[(&s.types[0], 1)]);
        body["language"] = json!("fr");
        let res = buy(&app, &s.slug, body).await;
        let id = res.body["id"].as_str().unwrap().to_owned();
        let token = res.body["access_token"].as_str().unwrap().to_owned();
        let pay = app
            .post(
                &format!("/api/v1/orders/{id}/payments?token={token}"),
                None,
                json!({"method": "test"}),
            )
            .await;
        let payment = pay.body["id"].as_str().unwrap();
        app.post(
            &format!("/api/v1/test-gateway/payments/{payment}/approve?token={token}"),
            None,
            json!({}),
        )
        .await;
        let list = invoices(&app, &s, "").await;
        assert_eq!(list[0]["language"], "fr");
        let lines = list[0]["lines"].as_array().unwrap();
        assert!(
            lines[0]["description"]
                .as_str()
                .unwrap()
                .starts_with("Nuit du Jazz")
        );
        assert_eq!(lines[1]["description"], "Frais de service");
    }
);

db_test!(
    a_number_taken_in_a_rolled_back_transaction_is_given_back,
    |app: TestApp| async move {
        let s = shop(&app, &[("Standard", "5000", 50)]).await;
        let scope = db::OrgScope::for_platform_operation(s.org.parse().unwrap());
        let now = app.state.now();
        let tx = db::begin_write(&app.state.db).await.unwrap();
        assert_eq!(
            db::invoices::take_number(&tx, scope, "INV-2026", now)
                .await
                .unwrap(),
            1
        );
        tx.rollback().await.unwrap();
        let tx = db::begin_write(&app.state.db).await.unwrap();
        let first = db::invoices::take_number(&tx, scope, "INV-2026", now)
            .await
            .unwrap();
        let second = db::invoices::take_number(&tx, scope, "INV-2026", now)
            .await
            .unwrap();
        tx.commit().await.unwrap();
        assert_eq!((first, second), (1, 2));
        // Series are independent.
        let tx = db::begin_write(&app.state.db).await.unwrap();
        assert_eq!(
            db::invoices::take_number(&tx, scope, "CN-2026", now)
                .await
                .unwrap(),
            1
        );
        tx.commit().await.unwrap();
    }
);
