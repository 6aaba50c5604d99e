//! The platform administrators' area.

use actix_web::http::StatusCode;
use serde_json::json;

use crate::db_test;
use crate::support::{TestApp, assert_problem};

pub async fn platform_admin(app: &TestApp) -> String {
    let t = app.user("root@reckot.test").await;
    let user = db::users::find_by_email(&app.state.db, "root@reckot.test")
        .await
        .unwrap()
        .unwrap();
    db::users::set_platform_admin(&app.state.db, user.id, true, app.state.now())
        .await
        .unwrap();
    t
}

db_test!(
    only_platform_admins_reach_the_admin_area,
    |app: TestApp| async move {
        let someone = app.user("someone@example.com").await;
        for path in [
            "/api/v1/admin/orgs",
            "/api/v1/admin/users",
            "/api/v1/admin/tiers",
        ] {
            assert_problem(&app.get(path, &someone).await, 403, "forbidden");
        }
        let admin = platform_admin(&app).await;
        assert_eq!(
            app.get("/api/v1/admin/users?q=SOMEONE", &admin).await.body["items"]
                .as_array()
                .unwrap()
                .len(),
            1
        );
    }
);

db_test!(
    a_suspended_organization_is_read_only_for_its_members,
    |app: TestApp| async move {
        let owner = app.user("suspect@example.com").await;
        let org = app.org(&owner, "Suspect Org").await;
        let admin = platform_admin(&app).await;
        let list = app.get("/api/v1/admin/orgs?q=suspect", &admin).await;
        assert_eq!(list.body["items"][0]["member_count"], 1);

        let res = app
            .patch(
                &format!("/api/v1/admin/orgs/{org}"),
                &admin,
                json!({"suspended": true, "tier": "pro"}),
            )
            .await;
        assert_eq!(res.status, StatusCode::OK, "{:?}", res.body);
        assert_eq!(res.body["suspended"], true);
        assert_eq!(res.body["tier"], "pro");

        let read = app.get(&format!("/api/v1/orgs/{org}"), &owner).await;
        assert_eq!(read.body["suspended"], true);
        let res = app
            .patch(
                &format!("/api/v1/orgs/{org}"),
                &owner,
                json!({"name": "Renamed"}),
            )
            .await;
        assert_problem(&res, 403, "org_suspended");

        app.patch(
            &format!("/api/v1/admin/orgs/{org}"),
            &admin,
            json!({"suspended": false}),
        )
        .await;
        assert_eq!(
            app.patch(
                &format!("/api/v1/orgs/{org}"),
                &owner,
                json!({"name": "Renamed"})
            )
            .await
            .status,
            StatusCode::OK
        );
    }
);

db_test!(
    tier_fees_are_edited_exactly_and_bad_values_are_refused,
    |app: TestApp| async move {
        let admin = platform_admin(&app).await;
        let tiers = app.get("/api/v1/admin/tiers", &admin).await;
        let names: Vec<&str> = tiers
            .body
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["tier"].as_str().unwrap())
            .collect();
        assert_eq!(names, vec!["free", "starter", "pro", "enterprise"]);
        assert_eq!(tiers.body[0]["fee_percent"], "5");

        let res = app
        .patch(
            "/api/v1/admin/tiers/starter",
            &admin,
            json!({"fee_percent": "3.25", "fee_fixed": [{"amount": "100", "currency": "XAF"}, {"amount": "0.30", "currency": "USD"}], "fee_payer": "organizer"}),
        )
        .await;
        assert_eq!(res.status, StatusCode::OK, "{:?}", res.body);
        assert_eq!(res.body["fee_percent"], "3.25");
        assert_eq!(res.body["fee_payer"], "organizer");
        let fixed = res.body["fee_fixed"].as_array().unwrap();
        assert!(
            fixed.contains(&json!({"amount": "0.30", "currency": "USD"})),
            "{fixed:?}"
        );
        assert!(
            fixed.contains(&json!({"amount": "100", "currency": "XAF"})),
            "{fixed:?}"
        );

        let res = app
            .patch(
                "/api/v1/admin/tiers/starter",
                &admin,
                json!({"fee_percent": "101", "fee_fixed": [{"amount": "0.5", "currency": "XAF"}]}),
            )
            .await;
        assert_problem(&res, 422, "validation_failed");
        let fields: Vec<&str> = res.body["errors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["field"].as_str().unwrap())
            .collect();
        assert_eq!(fields, vec!["fee_percent", "fee_fixed[0].amount"]);
        let unchanged = app.get("/api/v1/admin/tiers", &admin).await;
        assert_eq!(
            unchanged.body[1]["fee_percent"], "3.25",
            "a refused update changes nothing"
        );
    }
);
