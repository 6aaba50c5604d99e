//! Sign-up, verification and password reset, as a newcomer meets them.

use actix_web::http::StatusCode;
use serde_json::json;

use crate::db_test;
use crate::support::{TestApp, assert_problem};

db_test!(
    signing_up_sends_a_verification_link_that_confirms_the_address_once,
    |app: TestApp| async move {
        let res = app.post("/api/v1/auth/signup", None, json!({"email": "Ama@Example.com", "password": "correct horse battery", "name": "Ama"})).await;
        assert_eq!(res.status, StatusCode::ACCEPTED);
        let res = app
            .post(
                "/api/v1/auth/login",
                None,
                json!({"email": "ama@example.com", "password": "correct horse battery"}),
            )
            .await;
        assert_problem(&res, 403, "email_not_verified");

        let token = app.emailed_token("ama@example.com", "/verify-email").await;
        let res = app
            .post("/api/v1/auth/verify-email", None, json!({"token": token}))
            .await;
        assert_eq!(res.status, StatusCode::NO_CONTENT);
        let again = app
            .post("/api/v1/auth/verify-email", None, json!({"token": token}))
            .await;
        assert_problem(&again, 401, "invalid_token");

        let access = app.login("AMA@example.com", "correct horse battery").await;
        let me = app.get("/api/v1/me", &access).await;
        assert_eq!(me.body["email"], "ama@example.com");
        assert_eq!(me.body["email_verified"], true);
    }
);

db_test!(
    signing_up_with_a_taken_address_answers_the_same_and_warns_its_owner,
    |app: TestApp| async move {
        app.user("kofi@example.com").await;
        let fresh = app.post("/api/v1/auth/signup", None, json!({"email": "new@example.com", "password": "correct horse battery", "name": "N"})).await;
        let taken = app.post("/api/v1/auth/signup", None, json!({"email": "kofi@example.com", "password": "another password!", "name": "Impostor"})).await;
        assert_eq!(fresh.status, taken.status);
        assert_eq!(fresh.body, taken.body);
        let emails = app.emails_to("kofi@example.com").await;
        let last = emails.last().unwrap();
        assert!(
            last["links"]
                .as_array()
                .unwrap()
                .iter()
                .any(|l| l.as_str().unwrap().ends_with("/forgot-password")),
            "{last}"
        );
        // The original password still works: nothing was overwritten.
        app.login("kofi@example.com", "correct horse battery").await;
    }
);

db_test!(
    signing_up_in_french_sends_the_email_in_french,
    |app: TestApp| async move {
        let req = actix_web::test::TestRequest::post()
        .uri("/api/v1/auth/signup")
        .insert_header(("Accept-Language", "fr-CM,fr;q=0.9"))
        .set_json(json!({"email": "awa@example.com", "password": "correct horse battery", "name": "Awa"}));
        let res = app.call(req).await;
        assert_eq!(res.status, StatusCode::ACCEPTED);
        assert!(res.body["message"].as_str().unwrap().contains("e-mail"));
        let email = app.emails_to("awa@example.com").await.pop().unwrap();
        let subject = email["subject"].as_str().unwrap();
        assert!(
            subject.contains("Confirm") || subject.contains("onfirm"),
            "{subject}"
        );
        let text = std::fs::read_dir(&app.mail_dir)
            .unwrap()
            .flatten()
            .find(|e| e.path().extension().is_some_and(|x| x == "txt"))
            .map(|e| std::fs::read_to_string(e.path()).unwrap())
            .unwrap();
        assert!(
            text.contains("Bonjour") || text.contains("adresse"),
            "{text}"
        );
    }
);

db_test!(
    invalid_sign_up_fields_are_all_reported_and_nothing_is_created,
    |app: TestApp| async move {
        let res = app
            .post(
                "/api/v1/auth/signup",
                None,
                json!({"email": "not-an-email", "password": "short", "name": ""}),
            )
            .await;
        assert_problem(&res, 422, "validation_failed");
        let fields: Vec<&str> = res.body["errors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["field"].as_str().unwrap())
            .collect();
        assert_eq!(fields, vec!["email", "name", "password"]);
        assert!(
            db::users::find_by_email(&app.state.db, "not-an-email")
                .await
                .unwrap()
                .is_none()
        );
        assert!(app.emails_to("not-an-email").await.is_empty());
    }
);

db_test!(
    a_password_reset_changes_the_password_and_signs_out_everywhere,
    |app: TestApp| async move {
        app.user("efua@example.com").await;
        let refresh_cookie = login_cookie(&app, "efua@example.com", "correct horse battery").await;

        let known = app
            .post(
                "/api/v1/auth/password-reset",
                None,
                json!({"email": "efua@example.com"}),
            )
            .await;
        let unknown = app
            .post(
                "/api/v1/auth/password-reset",
                None,
                json!({"email": "nobody@example.com"}),
            )
            .await;
        assert_eq!(known.status, StatusCode::ACCEPTED);
        assert_eq!((known.status, &known.body), (unknown.status, &unknown.body));

        let token = app
            .emailed_token("efua@example.com", "/reset-password")
            .await;
        let res = app
            .post(
                "/api/v1/auth/password-reset/confirm",
                None,
                json!({"token": token, "password": "a brand new secret"}),
            )
            .await;
        assert_eq!(res.status, StatusCode::NO_CONTENT);
        let reused = app
            .post(
                "/api/v1/auth/password-reset/confirm",
                None,
                json!({"token": token, "password": "yet another secret"}),
            )
            .await;
        assert_problem(&reused, 401, "invalid_token");

        let old = app
            .post(
                "/api/v1/auth/login",
                None,
                json!({"email": "efua@example.com", "password": "correct horse battery"}),
            )
            .await;
        assert_problem(&old, 401, "invalid_credentials");
        app.login("efua@example.com", "a brand new secret").await;

        let res = app
            .call(
                actix_web::test::TestRequest::post()
                    .uri("/api/v1/auth/refresh")
                    .cookie(refresh_cookie),
            )
            .await;
        assert_problem(&res, 401, "invalid_token");
    }
);

db_test!(
    reset_links_expire_after_an_hour,
    |app: TestApp| async move {
        app.user("yaw@example.com").await;
        app.post(
            "/api/v1/auth/password-reset",
            None,
            json!({"email": "yaw@example.com"}),
        )
        .await;
        let token = app
            .emailed_token("yaw@example.com", "/reset-password")
            .await;
        app.clock.advance(chrono::Duration::minutes(61));
        let res = app
            .post(
                "/api/v1/auth/password-reset/confirm",
                None,
                json!({"token": token, "password": "a brand new secret"}),
            )
            .await;
        assert_problem(&res, 401, "invalid_token");
    }
);

db_test!(
    the_profile_can_be_edited_and_bad_phones_are_refused,
    |app: TestApp| async move {
        let t = app.user("abena@example.com").await;
        let res = app
            .patch(
                "/api/v1/me",
                &t,
                json!({"name": "Abena Mensah", "phone": "+237 670 000 000", "language": "fr"}),
            )
            .await;
        assert_eq!(res.status, StatusCode::OK, "{:?}", res.body);
        assert_eq!(res.body["phone"], "+237670000000");
        assert_eq!(res.body["language"], "fr");
        let res = app.patch("/api/v1/me", &t, json!({"phone": "0670"})).await;
        assert_problem(&res, 422, "validation_failed");
        assert_eq!(res.body["errors"][0]["code"], "invalid_phone");
        let res = app.patch("/api/v1/me", &t, json!({"phone": null})).await;
        assert_eq!(res.body["phone"], serde_json::Value::Null);
        assert_eq!(res.body["name"], "Abena Mensah");
    }
);

pub async fn login_cookie(
    app: &TestApp,
    email: &str,
    password: &str,
) -> actix_web::cookie::Cookie<'static> {
    let res = app
        .post(
            "/api/v1/auth/login",
            None,
            json!({"email": email, "password": password}),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK);
    let set_cookie = res
        .headers
        .get("set-cookie")
        .unwrap()
        .to_str()
        .unwrap()
        .to_owned();
    actix_web::cookie::Cookie::parse(set_cookie).unwrap()
}
