//! Tenancy, proven against the OpenAPI document: every `/api/v1/orgs/{org_id}/...` operation,
//! called by the owner of another organization, answers 404 and changes nothing. A new
//! org-scoped operation fails this test until it is added to `CASES`.

use std::collections::BTreeSet;

use actix_web::test::TestRequest;
use serde_json::{Value, json};

use crate::db_test;
use crate::support::{TestApp, assert_problem};

/// (method, path template, body). `{user_id}` and `{invitation_id}` are filled with real ids
/// from the victim organization, so only tenancy can refuse the call.
const CASES: &[(&str, &str, Option<&str>)] = &[
    ("get", "/api/v1/orgs/{org_id}", None),
    (
        "patch",
        "/api/v1/orgs/{org_id}",
        Some(r#"{"name":"Pwned"}"#),
    ),
    ("put", "/api/v1/orgs/{org_id}/logo", Some("PNG")),
    ("delete", "/api/v1/orgs/{org_id}/logo", None),
    ("get", "/api/v1/orgs/{org_id}/members", None),
    (
        "patch",
        "/api/v1/orgs/{org_id}/members/{user_id}",
        Some(r#"{"role":"viewer"}"#),
    ),
    ("delete", "/api/v1/orgs/{org_id}/members/{user_id}", None),
    ("get", "/api/v1/orgs/{org_id}/invitations", None),
    (
        "post",
        "/api/v1/orgs/{org_id}/invitations",
        Some(r#"{"email":"spy@example.com","role":"owner"}"#),
    ),
    (
        "delete",
        "/api/v1/orgs/{org_id}/invitations/{invitation_id}",
        None,
    ),
    ("get", "/api/v1/orgs/{org_id}/events", None),
    (
        "post",
        "/api/v1/orgs/{org_id}/events",
        Some(
            r#"{"title":{"en":"Spy"},"starts_at":"2030-01-01T10:00:00Z","ends_at":"2030-01-01T12:00:00Z","timezone":"Africa/Douala"}"#,
        ),
    ),
    ("get", "/api/v1/orgs/{org_id}/events/{event_id}", None),
    (
        "patch",
        "/api/v1/orgs/{org_id}/events/{event_id}",
        Some(r#"{"title":{"en":"Pwned"}}"#),
    ),
    ("delete", "/api/v1/orgs/{org_id}/events/{event_id}", None),
    (
        "post",
        "/api/v1/orgs/{org_id}/events/{event_id}/publish",
        None,
    ),
    (
        "post",
        "/api/v1/orgs/{org_id}/events/{event_id}/unpublish",
        None,
    ),
    (
        "post",
        "/api/v1/orgs/{org_id}/events/{event_id}/cancel",
        None,
    ),
    (
        "put",
        "/api/v1/orgs/{org_id}/events/{event_id}/cover",
        Some("PNG"),
    ),
    (
        "delete",
        "/api/v1/orgs/{org_id}/events/{event_id}/cover",
        None,
    ),
    (
        "post",
        "/api/v1/orgs/{org_id}/events/{event_id}/theme/preview",
        Some(r#"{"custom_css":"h1{color:red}"}"#),
    ),
    (
        "get",
        "/api/v1/orgs/{org_id}/events/{event_id}/ticket-types",
        None,
    ),
    (
        "post",
        "/api/v1/orgs/{org_id}/events/{event_id}/ticket-types",
        Some(r#"{"name":{"en":"Free"},"price":{"amount":"0","currency":"XAF"},"quantity":5}"#),
    ),
    (
        "patch",
        "/api/v1/orgs/{org_id}/events/{event_id}/ticket-types/{ticket_type_id}",
        Some(r#"{"quantity":1}"#),
    ),
    (
        "delete",
        "/api/v1/orgs/{org_id}/events/{event_id}/ticket-types/{ticket_type_id}",
        None,
    ),
    (
        "get",
        "/api/v1/orgs/{org_id}/events/{event_id}/capacity-groups",
        None,
    ),
    (
        "post",
        "/api/v1/orgs/{org_id}/events/{event_id}/capacity-groups",
        Some(r#"{"name":"Spy","capacity":1}"#),
    ),
    (
        "patch",
        "/api/v1/orgs/{org_id}/events/{event_id}/capacity-groups/{group_id}",
        Some(r#"{"capacity":1}"#),
    ),
    (
        "delete",
        "/api/v1/orgs/{org_id}/events/{event_id}/capacity-groups/{group_id}",
        None,
    ),
    (
        "get",
        "/api/v1/orgs/{org_id}/events/{event_id}/coupons",
        None,
    ),
    (
        "post",
        "/api/v1/orgs/{org_id}/events/{event_id}/coupons",
        Some(r#"{"code":"SPY","kind":"percent","percent":"100"}"#),
    ),
    (
        "patch",
        "/api/v1/orgs/{org_id}/events/{event_id}/coupons/{coupon_id}",
        Some(r#"{"percent":"100"}"#),
    ),
    (
        "delete",
        "/api/v1/orgs/{org_id}/events/{event_id}/coupons/{coupon_id}",
        None,
    ),
    (
        "get",
        "/api/v1/orgs/{org_id}/events/{event_id}/orders",
        None,
    ),
    (
        "get",
        "/api/v1/orgs/{org_id}/events/{event_id}/orders.csv",
        None,
    ),
    ("get", "/api/v1/orgs/{org_id}/orders/{order_id}", None),
    (
        "post",
        "/api/v1/orgs/{org_id}/orders/{order_id}/cancel",
        Some(r#"{"reason":"spy"}"#),
    ),
    (
        "post",
        "/api/v1/orgs/{org_id}/orders/{order_id}/resend",
        None,
    ),
    (
        "get",
        "/api/v1/orgs/{org_id}/events/{event_id}/checkin-lists",
        None,
    ),
    (
        "post",
        "/api/v1/orgs/{org_id}/events/{event_id}/checkin-lists",
        Some(r#"{"name":"Spy door"}"#),
    ),
    (
        "patch",
        "/api/v1/orgs/{org_id}/events/{event_id}/checkin-lists/{list_id}",
        Some(r#"{"name":"Pwned"}"#),
    ),
    (
        "delete",
        "/api/v1/orgs/{org_id}/events/{event_id}/checkin-lists/{list_id}",
        None,
    ),
    ("get", "/api/v1/orgs/{org_id}/checkin-lists/{list_id}", None),
    (
        "post",
        "/api/v1/orgs/{org_id}/checkin-lists/{list_id}/scans",
        Some(r#"{"code":"{ticket_code}","nonce":"spy-nonce-0001"}"#),
    ),
    (
        "get",
        "/api/v1/orgs/{org_id}/checkin-lists/{list_id}/scans",
        None,
    ),
    (
        "get",
        "/api/v1/orgs/{org_id}/events/{event_id}/checkin-key",
        None,
    ),
    (
        "post",
        "/api/v1/orgs/{org_id}/checkin-lists/{list_id}/scans/sync",
        Some(
            r#"{"device_id":"{device_id}","scans":[{"code":"{ticket_code}","nonce":"spy-nonce-0002","scanned_at":"2026-01-01T00:00:00Z","offline_outcome":"ok"}]}"#,
        ),
    ),
    (
        "get",
        "/api/v1/orgs/{org_id}/checkin-lists/{list_id}/tickets",
        None,
    ),
    (
        "post",
        "/api/v1/orgs/{org_id}/checkin-devices",
        Some(r#"{"name":"Spy phone"}"#),
    ),
    ("get", "/api/v1/orgs/{org_id}/checkin-devices", None),
    (
        "post",
        "/api/v1/orgs/{org_id}/checkin-devices/{device_id}/revoke",
        None,
    ),
    (
        "get",
        "/api/v1/orgs/{org_id}/events/{event_id}/checkin-stats",
        None,
    ),
    (
        "get",
        "/api/v1/orgs/{org_id}/events/{event_id}/checkin-stats/stream",
        None,
    ),
    (
        "get",
        "/api/v1/orgs/{org_id}/events/{event_id}/swag-items",
        None,
    ),
    (
        "post",
        "/api/v1/orgs/{org_id}/events/{event_id}/swag-items",
        Some(r#"{"name":"Spy shirt","stock":1}"#),
    ),
    (
        "patch",
        "/api/v1/orgs/{org_id}/events/{event_id}/swag-items/{item_id}",
        Some(r#"{"name":"Pwned"}"#),
    ),
    (
        "delete",
        "/api/v1/orgs/{org_id}/events/{event_id}/swag-items/{item_id}",
        None,
    ),
    (
        "post",
        "/api/v1/orgs/{org_id}/swag-items/{item_id}/handouts",
        Some(r#"{"code":"{ticket_code}","nonce":"spy-nonce-0003"}"#),
    ),
    (
        "get",
        "/api/v1/orgs/{org_id}/swag-items/{item_id}/handouts",
        None,
    ),
    (
        "post",
        "/api/v1/orgs/{org_id}/swag-items/{item_id}/adjustments",
        Some(r#"{"delta":-1,"reason":"spy"}"#),
    ),
    (
        "get",
        "/api/v1/orgs/{org_id}/swag-items/{item_id}/adjustments",
        None,
    ),
    (
        "get",
        "/api/v1/orgs/{org_id}/events/{event_id}/swag-report.csv",
        None,
    ),
    ("get", "/api/v1/orgs/{org_id}/balances", None),
    ("get", "/api/v1/orgs/{org_id}/ledger", None),
    ("get", "/api/v1/orgs/{org_id}/withdrawals", None),
    (
        "post",
        "/api/v1/orgs/{org_id}/withdrawals",
        Some(
            r#"{"amount":{"amount":"1000","currency":"XAF"},"destination":{"kind":"mobile_money","phone":"670000009"}}"#,
        ),
    ),
    ("get", "/api/v1/orgs/{org_id}/refunds", None),
    ("get", "/api/v1/orgs/{org_id}/payments/stuck", None),
    (
        "post",
        "/api/v1/orgs/{org_id}/orders/{order_id}/refunds",
        Some(r#"{"reason":"spy"}"#),
    ),
    ("get", "/api/v1/orgs/{org_id}/invoices", None),
    (
        "get",
        "/api/v1/orgs/{org_id}/invoices/{invoice_id}.pdf",
        None,
    ),
];

fn org_scoped_operations() -> BTreeSet<(String, String)> {
    let doc = serde_json::to_value(reckot_server::openapi::document()).unwrap();
    let mut ops = BTreeSet::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        if path.starts_with("/api/v1/orgs/{org_id}") {
            for method in item.as_object().unwrap().keys() {
                ops.insert((method.clone(), path.clone()));
            }
        }
    }
    ops
}

#[test]
fn every_org_scoped_operation_in_the_openapi_document_is_in_the_tenancy_table() {
    let documented = org_scoped_operations();
    let tested: BTreeSet<(String, String)> = CASES
        .iter()
        .map(|(m, p, _)| ((*m).to_owned(), (*p).to_owned()))
        .collect();
    let missing: Vec<_> = documented.difference(&tested).collect();
    let stale: Vec<_> = tested.difference(&documented).collect();
    assert!(
        missing.is_empty(),
        "org-scoped operations without a tenancy case: {missing:?}"
    );
    assert!(
        stale.is_empty(),
        "tenancy cases for operations that no longer exist: {stale:?}"
    );
}

db_test!(
    every_org_scoped_operation_refuses_another_organizations_member_with_404,
    |app: TestApp| async move {
        let victim = app.user("victim@example.com").await;
        let victim_org = app.org(&victim, "Victim Org").await;
        let invite = app
            .post(
                &format!("/api/v1/orgs/{victim_org}/invitations"),
                Some(&victim),
                json!({"email": "friend@example.com", "role": "viewer"}),
            )
            .await;
        let invitation_id = invite.body["id"].as_str().unwrap().to_owned();
        let members = app
            .get(&format!("/api/v1/orgs/{victim_org}/members"), &victim)
            .await;
        let victim_id = members.body["items"][0]["user_id"]
            .as_str()
            .unwrap()
            .to_owned();
        let (event_id, ticket_type_id, group_id) =
            crate::events::event_with_tickets(&app, &victim, &victim_org).await;
        let coupon = app
            .post(
                &format!("/api/v1/orgs/{victim_org}/events/{event_id}/coupons"),
                Some(&victim),
                json!({"code": "VICTIM", "kind": "percent", "percent": "10"}),
            )
            .await;
        let coupon_id = coupon.body["id"].as_str().unwrap().to_owned();
        let checkin_list = app
            .post(
                &format!("/api/v1/orgs/{victim_org}/events/{event_id}/checkin-lists"),
                Some(&victim),
                json!({"name": "Victim door"}),
            )
            .await;
        let list_id = checkin_list.body["id"].as_str().unwrap().to_owned();
        let swag_items = format!("/api/v1/orgs/{victim_org}/events/{event_id}/swag-items");
        let item = app
            .post(
                &swag_items,
                Some(&victim),
                json!({"name": "Victim shirt", "stock": 5}),
            )
            .await;
        let item_id = item.body["id"].as_str().unwrap().to_owned();
        let device = app
            .post(
                &format!("/api/v1/orgs/{victim_org}/checkin-devices"),
                Some(&victim),
                json!({"name": "Victim phone"}),
            )
            .await;
        let device_id = device.body["id"].as_str().unwrap().to_owned();
        let published = app
            .post(
                &format!("/api/v1/orgs/{victim_org}/events/{event_id}/publish"),
                Some(&victim),
                json!({}),
            )
            .await;
        assert_eq!(
            published.status,
            actix_web::http::StatusCode::OK,
            "{:?}",
            published.body
        );
        let order = crate::checkout::buy(
            &app,
            published.body["slug"].as_str().unwrap(),
            crate::checkout::order_body("buyer@example.com", &[(&ticket_type_id, 1)]),
        )
        .await;
        let order_id = order.body["id"].as_str().unwrap().to_owned();
        // The victim's own free ticket, so that only tenancy can refuse the scan.
        let free_type = app
            .post(
                &format!("/api/v1/orgs/{victim_org}/events/{event_id}/ticket-types"),
                Some(&victim),
                json!({"name": {"en": "Guest"}, "price": {"amount": "0", "currency": "XAF"}, "quantity": 5}),
            )
            .await;
        let guest = crate::checkout::buy(
            &app,
            published.body["slug"].as_str().unwrap(),
            crate::checkout::order_body(
                "guest@example.com",
                &[(free_type.body["id"].as_str().unwrap(), 1)],
            ),
        )
        .await;
        let ticket_code = guest.body["tickets"][0]["code"]
            .as_str()
            .unwrap()
            .to_owned();
        let list_before = app
            .get(
                &format!("/api/v1/orgs/{victim_org}/checkin-lists/{list_id}"),
                &victim,
            )
            .await
            .body;
        let booking_path = format!("/api/v1/orgs/{victim_org}/orders/{order_id}");
        let booking_before = app.get(&booking_path, &victim).await.body;
        let before = snapshot(&app, &victim, &victim_org).await;

        let attacker = app.user("attacker@example.com").await;
        app.org(&attacker, "Attacker Org").await;

        for (method, template, body) in CASES {
            let path = template
                .replace("{org_id}", &victim_org)
                .replace("{user_id}", &victim_id)
                .replace("{invitation_id}", &invitation_id)
                .replace("{event_id}", &event_id)
                .replace("{ticket_type_id}", &ticket_type_id)
                .replace("{group_id}", &group_id)
                .replace("{coupon_id}", &coupon_id)
                .replace("{order_id}", &order_id);
            let path = path
                .replace("{item_id}", &item_id)
                .replace("{list_id}", &list_id)
                .replace("{device_id}", &device_id)
                // Any id: the attacker is turned away before it is looked up.
                .replace("{invoice_id}", &order_id);
            let filled = body.map(|b| {
                b.replace("{ticket_code}", &ticket_code)
                    .replace("{device_id}", &device_id)
            });
            let body = &filled.as_deref();
            let mut req = match *method {
                "get" => TestRequest::get(),
                "post" => TestRequest::post(),
                "put" => TestRequest::put(),
                "patch" => TestRequest::patch(),
                "delete" => TestRequest::delete(),
                other => panic!("{other}"),
            }
            .uri(&path)
            .insert_header(("Authorization", format!("Bearer {attacker}")));
            req = match body {
                Some("PNG") => req
                    .insert_header(("Content-Type", "image/png"))
                    .set_payload(b"\x89PNG\r\n\x1a\n0000".to_vec()),
                Some(json) => req
                    .insert_header(("Content-Type", "application/json"))
                    .set_payload(json.to_string()),
                None => req,
            };
            let res = app.call(req).await;
            assert_problem(&res, 404, "not_found");
        }
        assert_eq!(
            snapshot(&app, &victim, &victim_org).await,
            before,
            "a refused call changed the victim's data"
        );
        let coupons = app
            .get(
                &format!("/api/v1/orgs/{victim_org}/events/{event_id}/coupons"),
                &victim,
            )
            .await;
        assert_eq!(
            coupons.body,
            json!([coupon.body]),
            "a refused call changed the victim's coupons"
        );

        assert_eq!(
            app.get(&booking_path, &victim).await.body,
            booking_before,
            "a refused call changed the victim's order"
        );

        assert_eq!(
            app.get(
                &format!("/api/v1/orgs/{victim_org}/checkin-lists/{list_id}"),
                &victim
            )
            .await
            .body,
            list_before,
            "a refused call changed the victim's check-in list"
        );
        assert_eq!(
            app.get(
                &format!("/api/v1/orgs/{victim_org}/checkin-lists/{list_id}/scans"),
                &victim
            )
            .await
            .body["items"],
            json!([]),
            "a refused scan was recorded"
        );
        let devices = app
            .get(
                &format!("/api/v1/orgs/{victim_org}/checkin-devices"),
                &victim,
            )
            .await;
        assert_eq!(devices.body.as_array().unwrap().len(), 1);
        assert!(
            devices.body[0]["revoked_at"].is_null(),
            "a refused call revoked the victim's device"
        );

        assert_eq!(
            app.get(&swag_items, &victim).await.body,
            json!([item.body]),
            "a refused call changed the victim's swag"
        );
        assert_eq!(
            app.get(
                &format!("/api/v1/orgs/{victim_org}/swag-items/{item_id}/adjustments"),
                &victim
            )
            .await
            .body,
            json!([]),
            "a refused adjustment was recorded"
        );

        // A malformed org id is indistinguishable from a foreign one.
        assert_problem(
            &app.get("/api/v1/orgs/not-a-uuid/members", &attacker).await,
            404,
            "not_found",
        );
    }
);

async fn snapshot(app: &TestApp, token: &str, org: &str) -> Value {
    json!({
        "org": app.get(&format!("/api/v1/orgs/{org}"), token).await.body,
        "members": app.get(&format!("/api/v1/orgs/{org}/members"), token).await.body,
        "invitations": app.get(&format!("/api/v1/orgs/{org}/invitations"), token).await.body,
        "events": app.get(&format!("/api/v1/orgs/{org}/events"), token).await.body,
    })
}
