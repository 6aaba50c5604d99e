//! Roles and membership changes: the permission matrix, owners, leaving.

use actix_web::http::StatusCode;
use serde_json::json;

use crate::db_test;
use crate::support::{TestApp, assert_problem};

async fn member_id(app: &TestApp, org: &str, token: &str, email: &str) -> String {
    let members = app.get(&format!("/api/v1/orgs/{org}/members"), token).await;
    members.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["email"] == email)
        .unwrap()["user_id"]
        .as_str()
        .unwrap()
        .to_owned()
}

db_test!(
    viewers_and_check_in_staff_can_read_but_not_manage,
    |app: TestApp| async move {
        let owner = app.user("o@example.com").await;
        let org = app.org(&owner, "Matrix Org").await;
        for (email, role) in [
            ("viewer@example.com", "viewer"),
            ("staff@example.com", "checkin_staff"),
            ("manager@example.com", "manager"),
        ] {
            let t = app.member(&owner, &org, email, role).await;
            assert_eq!(
                app.get(&format!("/api/v1/orgs/{org}"), &t).await.status,
                StatusCode::OK
            );
            assert_eq!(
                app.get(&format!("/api/v1/orgs/{org}/members"), &t)
                    .await
                    .status,
                StatusCode::OK
            );
            let res = app
                .patch(
                    &format!("/api/v1/orgs/{org}"),
                    &t,
                    json!({"name": "Hijacked"}),
                )
                .await;
            assert_problem(&res, 403, "forbidden");
            let res = app
                .post(
                    &format!("/api/v1/orgs/{org}/invitations"),
                    Some(&t),
                    json!({"email": "x@example.com", "role": "viewer"}),
                )
                .await;
            assert_problem(&res, 403, "forbidden");
        }
    }
);

db_test!(
    admins_manage_members_but_only_owners_touch_owners,
    |app: TestApp| async move {
        let owner = app.user("own@example.com").await;
        let org = app.org(&owner, "Owners Club").await;
        let admin = app.member(&owner, &org, "adm@example.com", "admin").await;
        app.member(&owner, &org, "v@example.com", "viewer").await;
        let owner_id = member_id(&app, &org, &owner, "own@example.com").await;
        let viewer_id = member_id(&app, &org, &owner, "v@example.com").await;

        let res = app
            .patch(
                &format!("/api/v1/orgs/{org}/members/{viewer_id}"),
                &admin,
                json!({"role": "manager"}),
            )
            .await;
        assert_eq!(res.status, StatusCode::OK, "{:?}", res.body);
        assert_eq!(res.body["role"], "manager");
        let res = app
            .patch(
                &format!("/api/v1/orgs/{org}/members/{viewer_id}"),
                &admin,
                json!({"role": "owner"}),
            )
            .await;
        assert_problem(&res, 403, "forbidden");
        let res = app
            .patch(
                &format!("/api/v1/orgs/{org}/members/{owner_id}"),
                &admin,
                json!({"role": "viewer"}),
            )
            .await;
        assert_problem(&res, 403, "forbidden");
        assert_problem(
            &app.delete(&format!("/api/v1/orgs/{org}/members/{owner_id}"), &admin)
                .await,
            403,
            "forbidden",
        );
        let res = app
            .post(
                &format!("/api/v1/orgs/{org}/invitations"),
                Some(&admin),
                json!({"email": "newowner@example.com", "role": "owner"}),
            )
            .await;
        assert_problem(&res, 403, "forbidden");
    }
);

db_test!(
    the_last_owner_can_neither_leave_nor_be_demoted,
    |app: TestApp| async move {
        let owner = app.user("solo@example.com").await;
        let org = app.org(&owner, "Solo Org").await;
        let me = member_id(&app, &org, &owner, "solo@example.com").await;
        assert_problem(
            &app.patch(
                &format!("/api/v1/orgs/{org}/members/{me}"),
                &owner,
                json!({"role": "admin"}),
            )
            .await,
            409,
            "last_owner",
        );
        assert_problem(
            &app.delete(&format!("/api/v1/orgs/{org}/members/{me}"), &owner)
                .await,
            409,
            "last_owner",
        );
        let members = app
            .get(&format!("/api/v1/orgs/{org}/members"), &owner)
            .await;
        assert_eq!(
            members.body["items"][0]["role"], "owner",
            "the refused change was rolled back"
        );

        // With a second owner, the first may step down.
        let second = app
            .member(&owner, &org, "second@example.com", "admin")
            .await;
        let second_id = member_id(&app, &org, &owner, "second@example.com").await;
        app.patch(
            &format!("/api/v1/orgs/{org}/members/{second_id}"),
            &owner,
            json!({"role": "owner"}),
        )
        .await;
        assert_eq!(
            app.delete(&format!("/api/v1/orgs/{org}/members/{me}"), &owner)
                .await
                .status,
            StatusCode::NO_CONTENT
        );
        assert_problem(
            &app.get(&format!("/api/v1/orgs/{org}"), &owner).await,
            404,
            "not_found",
        );
        assert_eq!(
            app.get(&format!("/api/v1/orgs/{org}"), &second).await.body["my_role"],
            "owner"
        );
    }
);

db_test!(
    any_member_may_leave_and_loses_access_at_once,
    |app: TestApp| async move {
        let owner = app.user("host@example.com").await;
        let org = app.org(&owner, "Leavers").await;
        let viewer = app
            .member(&owner, &org, "leaver@example.com", "viewer")
            .await;
        let me = member_id(&app, &org, &owner, "leaver@example.com").await;
        assert_eq!(
            app.delete(&format!("/api/v1/orgs/{org}/members/{me}"), &viewer)
                .await
                .status,
            StatusCode::NO_CONTENT
        );
        assert_problem(
            &app.get(&format!("/api/v1/orgs/{org}"), &viewer).await,
            404,
            "not_found",
        );
    }
);
