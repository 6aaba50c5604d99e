//! Coupons as organizers manage them: creation and listing with stats, validation of every field
//! at once, unique codes per event, permissions, partial updates and deletion.
//! (Stats with real orders and usage-limit races are covered with checkout.)

use actix_web::http::StatusCode;
use serde_json::{Value, json};

use crate::db_test;
use crate::events::{event_with_tickets, future};
use crate::support::{TestApp, assert_problem};

fn coupons_path(org: &str, event: &str) -> String {
    format!("/api/v1/orgs/{org}/events/{event}/coupons")
}

async fn create(app: &TestApp, token: &str, org: &str, event: &str, body: Value) -> Value {
    let res = app.post(&coupons_path(org, event), Some(token), body).await;
    assert_eq!(res.status, StatusCode::CREATED, "{:?}", res.body);
    res.body
}

async fn list(app: &TestApp, token: &str, org: &str, event: &str) -> Vec<Value> {
    let res = app.get(&coupons_path(org, event), token).await;
    assert_eq!(res.status, StatusCode::OK, "{:?}", res.body);
    res.body.as_array().unwrap().clone()
}

/// (field, code) of each field error, sorted.
fn field_errors(body: &Value) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = body["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["field"].as_str().unwrap().to_owned(),
                e["code"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    out.sort();
    out
}

fn pairs(expected: &[(&str, &str)]) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = expected
        .iter()
        .map(|(f, c)| ((*f).to_owned(), (*c).to_owned()))
        .collect();
    out.sort();
    out
}

db_test!(
    percent_and_fixed_coupons_are_created_and_listed_with_zero_stats,
    |app: TestApp| async move {
        let t = app.user("coupons1@example.com").await;
        let org = app.org(&t, "Coupon Org").await;
        let (event, tt, _) = event_with_tickets(&app, &t, &org).await;

        let early = create(
            &app,
            &t,
            &org,
            &event,
            json!({
                "code": "early-bird",
                "kind": "percent",
                "percent": "12.5",
                "ticket_type_ids": [tt],
                "starts_at": future(1, 9),
                "ends_at": future(10, 9),
                "max_uses": 50,
                "max_uses_per_email": 2,
                "allowed_emails": [" Fan@Example.com ", "fan@example.com", "vip@example.com"]
            }),
        )
        .await;
        assert_eq!(early["code"], "EARLY-BIRD");
        assert_eq!(early["kind"], "percent");
        assert_eq!(early["percent"], "12.5");
        assert_eq!(early["amount"], Value::Null);
        assert_eq!(early["event_id"], event.as_str());
        assert_eq!(early["ticket_type_ids"], json!([tt]));
        assert_eq!(early["max_uses"], 50);
        assert_eq!(early["max_uses_per_email"], 2);
        assert_eq!(
            early["allowed_emails"],
            json!(["fan@example.com", "vip@example.com"])
        );
        assert_eq!(early["active"], true);

        let fixed = create(
            &app,
            &t,
            &org,
            &event,
            json!({
                "code": "MINUS1000",
                "kind": "fixed",
                "amount": {"amount": "1000", "currency": "XAF"},
                "min_order": {"amount": "5000", "currency": "XAF"},
                "active": false
            }),
        )
        .await;
        assert_eq!(fixed["kind"], "fixed");
        assert_eq!(
            fixed["amount"],
            json!({"amount": "1000", "currency": "XAF"})
        );
        assert_eq!(
            fixed["min_order"],
            json!({"amount": "5000", "currency": "XAF"})
        );
        assert_eq!(fixed["percent"], Value::Null);
        assert_eq!(fixed["ticket_type_ids"], json!([]));
        assert_eq!(fixed["max_uses"], Value::Null);
        assert_eq!(fixed["active"], false);

        let listed = list(&app, &t, &org, &event).await;
        assert_eq!(listed.len(), 2);
        assert_eq!(listed[0]["id"], early["id"]);
        assert_eq!(listed[1]["id"], fixed["id"]);
        let zero = json!({
            "uses": 0,
            "reserved": 0,
            "discount_total": {"amount": "0", "currency": "XAF"},
            "revenue": {"amount": "0", "currency": "XAF"}
        });
        for c in &listed {
            assert_eq!(c["stats"], zero, "{c:?}");
        }
        assert_eq!(listed[0], early);
    }
);

db_test!(
    every_invalid_field_is_reported_at_once_and_nothing_is_saved,
    |app: TestApp| async move {
        let t = app.user("coupons2@example.com").await;
        let org = app.org(&t, "Coupon Org").await;
        let (event, tt, _) = event_with_tickets(&app, &t, &org).await;
        let other_event = "00000000-0000-7000-8000-000000000000";

        let res = app
            .post(
                &coupons_path(&org, &event),
                Some(&t),
                json!({
                    "code": "a!",
                    "kind": "percent",
                    "percent": "100.5",
                    "amount": {"amount": "10", "currency": "XAF"},
                    "ticket_type_ids": [tt, other_event],
                    "min_order": {"amount": "-1", "currency": "XAF"},
                    "starts_at": future(5, 10),
                    "ends_at": future(5, 9),
                    "max_uses": 0,
                    "max_uses_per_email": 0,
                    "allowed_emails": ["ok@example.com", "not-an-email"]
                }),
            )
            .await;
        assert_problem(&res, 422, "validation_failed");
        assert_eq!(
            field_errors(&res.body),
            pairs(&[
                ("allowed_emails[1]", "invalid_email"),
                ("amount", "not_allowed"),
                ("code", "invalid_characters"),
                ("code", "length"),
                ("ends_at", "before_start"),
                ("max_uses", "out_of_range"),
                ("max_uses_per_email", "out_of_range"),
                ("min_order.amount", "negative"),
                ("percent", "out_of_range"),
                ("ticket_type_ids[1]", "not_found"),
            ])
        );

        // Fixed amounts: in the event's currency, exact to its minor unit, above zero.
        let res = app
            .post(
                &coupons_path(&org, &event),
                Some(&t),
                json!({
                    "code": "FIXED",
                    "kind": "fixed",
                    "percent": "10",
                    "amount": {"amount": "12.5", "currency": "XAF"},
                    "min_order": {"amount": "10", "currency": "USD"}
                }),
            )
            .await;
        assert_problem(&res, 422, "validation_failed");
        assert_eq!(
            field_errors(&res.body),
            pairs(&[
                ("amount.amount", "too_precise"),
                ("min_order.currency", "currency_mismatch"),
                ("percent", "not_allowed"),
            ])
        );
        for (body, expected) in [
            (
                json!({"code": "NONE", "kind": "fixed"}),
                ("amount", "required"),
            ),
            (
                json!({"code": "ZERO", "kind": "fixed", "amount": {"amount": "0", "currency": "XAF"}}),
                ("amount.amount", "too_small"),
            ),
            (
                json!({"code": "NONE", "kind": "percent"}),
                ("percent", "required"),
            ),
            (
                json!({"code": "ZERO", "kind": "percent", "percent": "0"}),
                ("percent", "out_of_range"),
            ),
            (
                json!({"code": "FINE", "kind": "percent", "percent": "10.125"}),
                ("percent", "too_precise"),
            ),
            (
                json!({"code": "AB", "kind": "percent", "percent": "10"}),
                ("code", "length"),
            ),
            (
                json!({"code": "A".repeat(33), "kind": "percent", "percent": "10"}),
                ("code", "length"),
            ),
        ] {
            let res = app
                .post(&coupons_path(&org, &event), Some(&t), body.clone())
                .await;
            assert_problem(&res, 422, "validation_failed");
            assert_eq!(field_errors(&res.body), pairs(&[expected]), "{body}");
        }

        let too_many: Vec<String> = (0..501).map(|i| format!("fan{i}@example.com")).collect();
        let res = app
            .post(
                &coupons_path(&org, &event),
                Some(&t),
                json!({"code": "MANY", "kind": "percent", "percent": "5", "allowed_emails": too_many}),
            )
            .await;
        assert_problem(&res, 422, "validation_failed");
        assert_eq!(
            field_errors(&res.body),
            pairs(&[("allowed_emails", "too_many")])
        );

        assert!(list(&app, &t, &org, &event).await.is_empty());

        // The limits themselves are fine.
        let ok = create(
            &app,
            &t,
            &org,
            &event,
            json!({"code": "A".repeat(32), "kind": "percent", "percent": "100"}),
        )
        .await;
        assert_eq!(ok["percent"], "100");
    }
);

db_test!(
    codes_are_unique_per_event_whatever_their_case,
    |app: TestApp| async move {
        let t = app.user("coupons3@example.com").await;
        let org = app.org(&t, "Coupon Org").await;
        let (event, _, _) = event_with_tickets(&app, &t, &org).await;
        let (other_event, _, _) = event_with_tickets(&app, &t, &org).await;

        let c = create(
            &app,
            &t,
            &org,
            &event,
            json!({"code": "  summer_25 ", "kind": "percent", "percent": "25"}),
        )
        .await;
        assert_eq!(c["code"], "SUMMER_25");

        let res = app
            .post(
                &coupons_path(&org, &event),
                Some(&t),
                json!({"code": "Summer_25", "kind": "fixed", "amount": {"amount": "500", "currency": "XAF"}}),
            )
            .await;
        assert_problem(&res, 409, "conflict");
        assert_eq!(res.body["errors"][0]["field"], "code");
        assert_eq!(list(&app, &t, &org, &event).await.len(), 1);

        // Another event may use the same code.
        let again = create(
            &app,
            &t,
            &org,
            &other_event,
            json!({"code": "summer_25", "kind": "percent", "percent": "25"}),
        )
        .await;
        assert_eq!(again["code"], "SUMMER_25");
    }
);

db_test!(
    ticket_types_of_another_event_are_refused,
    |app: TestApp| async move {
        let t = app.user("coupons4@example.com").await;
        let org = app.org(&t, "Coupon Org").await;
        let (event, tt, _) = event_with_tickets(&app, &t, &org).await;
        let (_, other_tt, _) = event_with_tickets(&app, &t, &org).await;

        let res = app
            .post(
                &coupons_path(&org, &event),
                Some(&t),
                json!({"code": "MIXED", "kind": "percent", "percent": "10", "ticket_type_ids": [tt, other_tt]}),
            )
            .await;
        assert_problem(&res, 422, "validation_failed");
        assert_eq!(
            field_errors(&res.body),
            pairs(&[("ticket_type_ids[1]", "not_found")])
        );

        let c = create(
            &app,
            &t,
            &org,
            &event,
            json!({"code": "MINE", "kind": "percent", "percent": "10", "ticket_type_ids": [tt]}),
        )
        .await;
        let res = app
            .patch(
                &format!(
                    "{}/{}",
                    coupons_path(&org, &event),
                    c["id"].as_str().unwrap()
                ),
                &t,
                json!({"ticket_type_ids": [other_tt]}),
            )
            .await;
        assert_problem(&res, 422, "validation_failed");
        assert_eq!(
            field_errors(&res.body),
            pairs(&[("ticket_type_ids[0]", "not_found")])
        );
    }
);

db_test!(
    viewers_list_coupons_but_cannot_change_them,
    |app: TestApp| async move {
        let owner = app.user("coupons5@example.com").await;
        let org = app.org(&owner, "Coupon Org").await;
        let (event, _, _) = event_with_tickets(&app, &owner, &org).await;
        let c = create(
            &app,
            &owner,
            &org,
            &event,
            json!({"code": "SEEN", "kind": "percent", "percent": "10"}),
        )
        .await;
        let id = c["id"].as_str().unwrap();
        let viewer = app
            .member(&owner, &org, "coupon-viewer@example.com", "viewer")
            .await;

        assert_eq!(list(&app, &viewer, &org, &event).await.len(), 1);
        assert_problem(
            &app.post(
                &coupons_path(&org, &event),
                Some(&viewer),
                json!({"code": "NOPE", "kind": "percent", "percent": "10"}),
            )
            .await,
            403,
            "forbidden",
        );
        assert_problem(
            &app.patch(
                &format!("{}/{id}", coupons_path(&org, &event)),
                &viewer,
                json!({"active": false}),
            )
            .await,
            403,
            "forbidden",
        );
        assert_problem(
            &app.delete(&format!("{}/{id}", coupons_path(&org, &event)), &viewer)
                .await,
            403,
            "forbidden",
        );
        assert_eq!(list(&app, &owner, &org, &event).await, vec![c]);
    }
);

db_test!(
    updates_clear_fields_with_null_and_leave_omitted_ones,
    |app: TestApp| async move {
        let t = app.user("coupons6@example.com").await;
        let org = app.org(&t, "Coupon Org").await;
        let (event, tt, _) = event_with_tickets(&app, &t, &org).await;
        let c = create(
            &app,
            &t,
            &org,
            &event,
            json!({
                "code": "FULL",
                "kind": "fixed",
                "amount": {"amount": "1000", "currency": "XAF"},
                "ticket_type_ids": [tt],
                "min_order": {"amount": "2000", "currency": "XAF"},
                "starts_at": future(1, 9),
                "ends_at": future(10, 9),
                "max_uses": 10,
                "max_uses_per_email": 1,
                "allowed_emails": ["a@example.com"]
            }),
        )
        .await;
        let path = format!(
            "{}/{}",
            coupons_path(&org, &event),
            c["id"].as_str().unwrap()
        );

        let res = app
            .patch(
                &path,
                &t,
                json!({
                    "min_order": null,
                    "ends_at": null,
                    "max_uses": null,
                    "amount": {"amount": "1500", "currency": "XAF"}
                }),
            )
            .await;
        assert_eq!(res.status, StatusCode::OK, "{:?}", res.body);
        let u = &res.body;
        assert_eq!(u["min_order"], Value::Null);
        assert_eq!(u["ends_at"], Value::Null);
        assert_eq!(u["max_uses"], Value::Null);
        assert_eq!(u["amount"], json!({"amount": "1500", "currency": "XAF"}));
        // Left out: unchanged.
        for field in [
            "code",
            "kind",
            "ticket_type_ids",
            "starts_at",
            "max_uses_per_email",
            "allowed_emails",
            "active",
            "created_at",
        ] {
            assert_eq!(u[field], c[field], "{field}");
        }
        assert_eq!(list(&app, &t, &org, &event).await, vec![u.clone()]);

        // A percentage does not fit a fixed coupon; a bad update changes nothing.
        let res = app
            .patch(&path, &t, json!({"percent": "10", "active": false}))
            .await;
        assert_problem(&res, 422, "validation_failed");
        assert_eq!(
            field_errors(&res.body),
            pairs(&[("percent", "not_allowed")])
        );
        // The end must stay after the (kept) start.
        let res = app.patch(&path, &t, json!({"ends_at": future(0, 1)})).await;
        assert_problem(&res, 422, "validation_failed");
        assert_eq!(
            field_errors(&res.body),
            pairs(&[("ends_at", "before_start")])
        );
        assert_eq!(list(&app, &t, &org, &event).await, vec![u.clone()]);

        let res = app
            .patch(
                &path,
                &t,
                json!({"ticket_type_ids": [], "allowed_emails": [], "active": false}),
            )
            .await;
        assert_eq!(res.status, StatusCode::OK, "{:?}", res.body);
        assert_eq!(res.body["ticket_type_ids"], json!([]));
        assert_eq!(res.body["allowed_emails"], json!([]));
        assert_eq!(res.body["active"], false);
        assert_eq!(res.body["min_order"], Value::Null);
    }
);

db_test!(
    unused_coupons_are_deleted_and_used_ones_must_be_deactivated,
    |app: TestApp| async move {
        let t = app.user("coupons7@example.com").await;
        let org = app.org(&t, "Coupon Org").await;
        let (event, _, _) = event_with_tickets(&app, &t, &org).await;
        let unused = create(
            &app,
            &t,
            &org,
            &event,
            json!({"code": "GONE", "kind": "percent", "percent": "10"}),
        )
        .await;
        let path = format!(
            "{}/{}",
            coupons_path(&org, &event),
            unused["id"].as_str().unwrap()
        );
        let res = app.delete(&path, &t).await;
        assert_eq!(res.status, StatusCode::NO_CONTENT, "{:?}", res.body);
        assert!(list(&app, &t, &org, &event).await.is_empty());
        assert_problem(&app.delete(&path, &t).await, 404, "not_found");

        // Two uses reserved, as checkout does.
        let used = create(
            &app,
            &t,
            &org,
            &event,
            json!({"code": "KEPT", "kind": "percent", "percent": "10", "max_uses": 5}),
        )
        .await;
        let id: uuid::Uuid = used["id"].as_str().unwrap().parse().unwrap();
        let scope = db::OrgScope::for_platform_operation(org.parse().unwrap());
        let row = db::coupons::get(&app.state.db, scope, event.parse().unwrap(), id)
            .await
            .unwrap();
        for email in ["a@example.com", "b@example.com"] {
            assert!(
                db::coupons::reserve_use(&app.state.db, scope, &row, email, chrono::Utc::now())
                    .await
                    .unwrap()
            );
        }
        let path = format!("{}/{id}", coupons_path(&org, &event));
        let res = app.delete(&path, &t).await;
        assert_problem(&res, 409, "conflict");
        assert!(res.body["detail"].as_str().unwrap().contains("deactivate"));

        // Lowering the limit below the uses so far is allowed: no uses are left.
        let res = app.patch(&path, &t, json!({"max_uses": 1})).await;
        assert_eq!(res.status, StatusCode::OK, "{:?}", res.body);
        assert_eq!(res.body["max_uses"], 1);
        let row = db::coupons::get(&app.state.db, scope, event.parse().unwrap(), id)
            .await
            .unwrap();
        assert!(
            !db::coupons::reserve_use(
                &app.state.db,
                scope,
                &row,
                "c@example.com",
                chrono::Utc::now()
            )
            .await
            .unwrap()
        );
        let res = app.patch(&path, &t, json!({"active": false})).await;
        assert_eq!(res.status, StatusCode::OK, "{:?}", res.body);
        assert_eq!(list(&app, &t, &org, &event).await.len(), 1);
    }
);

db_test!(
    coupons_of_an_event_outside_the_organization_are_not_found,
    |app: TestApp| async move {
        let t = app.user("coupons8@example.com").await;
        let org = app.org(&t, "Coupon Org").await;
        let other_org = app.org(&t, "Other Org").await;
        let (event, _, _) = event_with_tickets(&app, &t, &org).await;
        let c = create(
            &app,
            &t,
            &org,
            &event,
            json!({"code": "HOME", "kind": "percent", "percent": "10"}),
        )
        .await;
        // The same person, through another of their organizations.
        assert_problem(
            &app.get(&coupons_path(&other_org, &event), &t).await,
            404,
            "not_found",
        );
        assert_problem(
            &app.post(
                &coupons_path(&other_org, &event),
                Some(&t),
                json!({"code": "AWAY", "kind": "percent", "percent": "10"}),
            )
            .await,
            404,
            "not_found",
        );
        assert_problem(
            &app.patch(
                &format!(
                    "{}/{}",
                    coupons_path(&other_org, &event),
                    c["id"].as_str().unwrap()
                ),
                &t,
                json!({"active": false}),
            )
            .await,
            404,
            "not_found",
        );
        // A coupon id under another event of the same organization.
        let (second, _, _) = event_with_tickets(&app, &t, &org).await;
        assert_problem(
            &app.delete(
                &format!(
                    "{}/{}",
                    coupons_path(&org, &second),
                    c["id"].as_str().unwrap()
                ),
                &t,
            )
            .await,
            404,
            "not_found",
        );
        assert_eq!(list(&app, &t, &org, &event).await, vec![c]);
    }
);
