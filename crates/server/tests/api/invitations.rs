//! Invitations: bound to one address, single use, 7 days.

use actix_web::http::StatusCode;
use serde_json::json;

use crate::db_test;
use crate::support::{TestApp, assert_problem};

db_test!(
    an_invited_colleague_joins_with_the_offered_role,
    |app: TestApp| async move {
        let owner = app.user("boss@example.com").await;
        let org = app.org(&owner, "Accra Arts").await;
        let res = app
            .post(
                &format!("/api/v1/orgs/{org}/invitations"),
                Some(&owner),
                json!({"email": "Colleague@Example.com", "role": "manager"}),
            )
            .await;
        assert_eq!(res.status, StatusCode::CREATED, "{:?}", res.body);
        assert_eq!(res.body["status"], "pending");
        assert_eq!(res.body["email"], "colleague@example.com");
        let pending = app
            .get(&format!("/api/v1/orgs/{org}/invitations"), &owner)
            .await;
        assert_eq!(pending.body["items"].as_array().unwrap().len(), 1);

        let colleague = app.user("colleague@example.com").await;
        let token = app
            .emailed_token("colleague@example.com", "/invitations/accept")
            .await;
        let preview = app
            .send("GET", &format!("/api/v1/invitations/{token}"), None, None)
            .await;
        assert_eq!(preview.body["organization_name"], "Accra Arts");
        assert_eq!(preview.body["role"], "manager");
        assert_eq!(preview.body["invited_by"], "Test Person");

        let res = app
            .post(
                "/api/v1/invitations/accept",
                Some(&colleague),
                json!({"token": token}),
            )
            .await;
        assert_eq!(res.status, StatusCode::OK, "{:?}", res.body);
        assert_eq!(res.body["my_role"], "manager");
        let again = app
            .post(
                "/api/v1/invitations/accept",
                Some(&colleague),
                json!({"token": token}),
            )
            .await;
        assert_problem(&again, 410, "invitation_invalid");

        let members = app
            .get(&format!("/api/v1/orgs/{org}/members"), &owner)
            .await;
        let roles: Vec<&str> = members.body["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["role"].as_str().unwrap())
            .collect();
        assert_eq!(roles, vec!["owner", "manager"]);
        let pending = app
            .get(&format!("/api/v1/orgs/{org}/invitations"), &owner)
            .await;
        assert!(pending.body["items"].as_array().unwrap().is_empty());
    }
);

db_test!(
    an_invitation_cannot_be_accepted_by_another_account,
    |app: TestApp| async move {
        let owner = app.user("boss2@example.com").await;
        let org = app.org(&owner, "Dakar Digital").await;
        app.post(
            &format!("/api/v1/orgs/{org}/invitations"),
            Some(&owner),
            json!({"email": "right@example.com", "role": "admin"}),
        )
        .await;
        let token = app
            .emailed_token("right@example.com", "/invitations/accept")
            .await;
        let intruder = app.user("wrong@example.com").await;
        let res = app
            .post(
                "/api/v1/invitations/accept",
                Some(&intruder),
                json!({"token": token}),
            )
            .await;
        assert_problem(&res, 403, "invitation_email_mismatch");
        assert_problem(
            &app.get(&format!("/api/v1/orgs/{org}"), &intruder).await,
            404,
            "not_found",
        );
    }
);

db_test!(
    invitations_expire_after_seven_days_and_revoked_ones_stop_working,
    |app: TestApp| async move {
        let owner = app.user("boss3@example.com").await;
        let org = app.org(&owner, "Kigali Konnect").await;
        app.post(
            &format!("/api/v1/orgs/{org}/invitations"),
            Some(&owner),
            json!({"email": "late@example.com", "role": "viewer"}),
        )
        .await;
        let late_token = app
            .emailed_token("late@example.com", "/invitations/accept")
            .await;
        let res = app
            .post(
                &format!("/api/v1/orgs/{org}/invitations"),
                Some(&owner),
                json!({"email": "revoked@example.com", "role": "viewer"}),
            )
            .await;
        let revoked_id = res.body["id"].as_str().unwrap().to_owned();
        let revoked_token = app
            .emailed_token("revoked@example.com", "/invitations/accept")
            .await;
        let res = app
            .delete(
                &format!("/api/v1/orgs/{org}/invitations/{revoked_id}"),
                &owner,
            )
            .await;
        assert_eq!(res.status, StatusCode::NO_CONTENT);
        let revoked_user = app.user("revoked@example.com").await;
        let res = app
            .post(
                "/api/v1/invitations/accept",
                Some(&revoked_user),
                json!({"token": revoked_token}),
            )
            .await;
        assert_problem(&res, 410, "invitation_invalid");

        app.clock
            .advance(chrono::Duration::days(7) + chrono::Duration::minutes(1));
        let late = app.user("late@example.com").await;
        let res = app
            .post(
                "/api/v1/invitations/accept",
                Some(&late),
                json!({"token": late_token}),
            )
            .await;
        assert_problem(&res, 410, "invitation_invalid");
    }
);

db_test!(
    a_new_invitation_to_the_same_address_replaces_the_old_link,
    |app: TestApp| async move {
        let owner = app.user("boss4@example.com").await;
        let org = app.org(&owner, "Abidjan Arena").await;
        app.post(
            &format!("/api/v1/orgs/{org}/invitations"),
            Some(&owner),
            json!({"email": "twice@example.com", "role": "viewer"}),
        )
        .await;
        let old = app
            .emailed_token("twice@example.com", "/invitations/accept")
            .await;
        app.post(
            &format!("/api/v1/orgs/{org}/invitations"),
            Some(&owner),
            json!({"email": "twice@example.com", "role": "manager"}),
        )
        .await;
        let new = app
            .emailed_token("twice@example.com", "/invitations/accept")
            .await;
        assert_ne!(old, new);
        let t = app.user("twice@example.com").await;
        assert_problem(
            &app.post(
                "/api/v1/invitations/accept",
                Some(&t),
                json!({"token": old}),
            )
            .await,
            410,
            "invitation_invalid",
        );
        let res = app
            .post(
                "/api/v1/invitations/accept",
                Some(&t),
                json!({"token": new}),
            )
            .await;
        assert_eq!(res.body["my_role"], "manager");
    }
);

db_test!(
    inviting_an_existing_member_is_a_conflict,
    |app: TestApp| async move {
        let owner = app.user("boss5@example.com").await;
        let org = app.org(&owner, "Lomé Lights").await;
        let res = app
            .post(
                &format!("/api/v1/orgs/{org}/invitations"),
                Some(&owner),
                json!({"email": "boss5@example.com", "role": "viewer"}),
            )
            .await;
        assert_problem(&res, 409, "already_member");
    }
);

db_test!(
    the_invitation_email_is_written_in_the_inviters_language,
    |app: TestApp| async move {
        let owner = app.user("boss6@example.com").await;
        let org = app.org(&owner, "Cotonou Culture").await;
        let req = actix_web::test::TestRequest::post()
            .uri(&format!("/api/v1/orgs/{org}/invitations"))
            .insert_header(("Authorization", format!("Bearer {owner}")))
            .insert_header(("Accept-Language", "fr"))
            .set_json(json!({"email": "invitee@example.com", "role": "checkin_staff"}));
        assert_eq!(app.call(req).await.status, StatusCode::CREATED);
        let email = app.emails_to("invitee@example.com").await.pop().unwrap();
        let subject = email["subject"].as_str().unwrap();
        assert!(subject.contains("Cotonou Culture"), "{subject}");
        assert!(
            subject.contains("invit") || subject.contains("Rejoignez"),
            "{subject}"
        );
    }
);

db_test!(
    an_invitation_accepted_twice_at_once_adds_the_member_once,
    |app: TestApp| async move {
        let owner = app.user("boss7@example.com").await;
        let org = app.org(&owner, "Race Org").await;
        app.post(
            &format!("/api/v1/orgs/{org}/invitations"),
            Some(&owner),
            json!({"email": "dup@example.com", "role": "viewer"}),
        )
        .await;
        let token = app
            .emailed_token("dup@example.com", "/invitations/accept")
            .await;
        let t = app.user("dup@example.com").await;
        let body = json!({"token": token});
        let (a, b) = tokio::join!(
            app.post("/api/v1/invitations/accept", Some(&t), body.clone()),
            app.post("/api/v1/invitations/accept", Some(&t), body.clone())
        );
        let oks = [a.status, b.status]
            .iter()
            .filter(|s| **s == StatusCode::OK)
            .count();
        assert_eq!(oks, 1, "{:?} / {:?}", a.body, b.body);
        let members = app
            .get(&format!("/api/v1/orgs/{org}/members"), &owner)
            .await;
        assert_eq!(members.body["items"].as_array().unwrap().len(), 2);
    }
);
