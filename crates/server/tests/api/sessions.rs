//! Login, refresh-token rotation with reuse detection, logout, rate limits.

use actix_web::http::StatusCode;
use actix_web::test::TestRequest;
use serde_json::json;

use crate::accounts::login_cookie;
use crate::db_test;
use crate::support::{TestApp, assert_problem};

fn refresh(cookie: &actix_web::cookie::Cookie<'static>) -> TestRequest {
    TestRequest::post()
        .uri("/api/v1/auth/refresh")
        .cookie(cookie.clone())
}

fn cookie_of(res: &crate::support::Res) -> actix_web::cookie::Cookie<'static> {
    let raw = res
        .headers
        .get("set-cookie")
        .unwrap()
        .to_str()
        .unwrap()
        .to_owned();
    actix_web::cookie::Cookie::parse(raw).unwrap()
}

db_test!(
    the_refresh_cookie_is_http_only_strict_and_scoped_to_auth,
    |app: TestApp| async move {
        app.user("kwame@example.com").await;
        let cookie = login_cookie(&app, "kwame@example.com", "correct horse battery").await;
        assert_eq!(cookie.name(), "reckot_refresh");
        assert_eq!(cookie.http_only(), Some(true));
        assert_eq!(
            cookie.same_site(),
            Some(actix_web::cookie::SameSite::Strict)
        );
        assert_eq!(cookie.path(), Some("/api/v1/auth"));
    }
);

db_test!(
    refreshing_rotates_the_token_and_reusing_an_old_one_revokes_the_family,
    |app: TestApp| async move {
        app.user("adjoa@example.com").await;
        let first = login_cookie(&app, "adjoa@example.com", "correct horse battery").await;

        let res = app.call(refresh(&first)).await;
        assert_eq!(res.status, StatusCode::OK, "{:?}", res.body);
        let second = cookie_of(&res);
        assert_ne!(first.value(), second.value());
        let me = app
            .get("/api/v1/me", res.body["access_token"].as_str().unwrap())
            .await;
        assert_eq!(me.status, StatusCode::OK);

        // The first token is replayed (stolen copy): refused, and the live one dies with it.
        assert_problem(&app.call(refresh(&first)).await, 401, "invalid_token");
        assert_problem(&app.call(refresh(&second)).await, 401, "invalid_token");

        // A separate login is a separate family and is unaffected.
        let other = login_cookie(&app, "adjoa@example.com", "correct horse battery").await;
        assert_eq!(app.call(refresh(&other)).await.status, StatusCode::OK);
    }
);

db_test!(
    logging_out_revokes_the_refresh_token_and_clears_the_cookie,
    |app: TestApp| async move {
        app.user("akosua@example.com").await;
        let cookie = login_cookie(&app, "akosua@example.com", "correct horse battery").await;
        let res = app
            .call(
                TestRequest::post()
                    .uri("/api/v1/auth/logout")
                    .cookie(cookie.clone()),
            )
            .await;
        assert_eq!(res.status, StatusCode::NO_CONTENT);
        let cleared = cookie_of(&res);
        assert_eq!(cleared.value(), "");
        assert_problem(&app.call(refresh(&cookie)).await, 401, "invalid_token");
        // Twice is fine.
        let res = app
            .call(
                TestRequest::post()
                    .uri("/api/v1/auth/logout")
                    .cookie(cookie),
            )
            .await;
        assert_eq!(res.status, StatusCode::NO_CONTENT);
    }
);

db_test!(
    wrong_passwords_and_unknown_emails_get_the_same_answer,
    |app: TestApp| async move {
        app.user("esi@example.com").await;
        let wrong = app
            .post(
                "/api/v1/auth/login",
                None,
                json!({"email": "esi@example.com", "password": "not the password"}),
            )
            .await;
        let unknown = app
            .post(
                "/api/v1/auth/login",
                None,
                json!({"email": "ghost@example.com", "password": "not the password"}),
            )
            .await;
        assert_problem(&wrong, 401, "invalid_credentials");
        let strip = |mut v: serde_json::Value| {
            v.as_object_mut().unwrap().remove("request_id");
            v
        };
        assert_eq!(strip(wrong.body), strip(unknown.body));
    }
);

db_test!(
    login_is_rate_limited_per_address_with_retry_headers,
    |app: TestApp| async move {
        for _ in 0..10 {
            let res = app
                .post(
                    "/api/v1/auth/login",
                    None,
                    json!({"email": "target@example.com", "password": "guess guess guess"}),
                )
                .await;
            assert_problem(&res, 401, "invalid_credentials");
        }
        let res = app
            .post(
                "/api/v1/auth/login",
                None,
                json!({"email": "TARGET@example.com", "password": "guess guess guess"}),
            )
            .await;
        assert_problem(&res, 429, "rate_limited");
        let retry: u64 = res
            .headers
            .get("retry-after")
            .unwrap()
            .to_str()
            .unwrap()
            .parse()
            .unwrap();
        assert!(retry > 0 && retry <= 900, "{retry}");
        assert_eq!(res.headers.get("ratelimit-limit").unwrap(), "10");
        assert_eq!(res.headers.get("ratelimit-remaining").unwrap(), "0");
    }
);

db_test!(
    an_expired_access_token_is_refused,
    |app: TestApp| async move {
        let t = app.user("nana@example.com").await;
        app.clock.advance(chrono::Duration::minutes(16));
        assert_problem(&app.get("/api/v1/me", &t).await, 401, "invalid_token");
        let res = app.send("GET", "/api/v1/me", None, None).await;
        assert_problem(&res, 401, "authentication_required");
        assert_eq!(res.headers.get("www-authenticate").unwrap(), "Bearer");
    }
);

db_test!(
    two_simultaneous_refreshes_with_one_token_let_at_most_one_through,
    |app: TestApp| async move {
        app.user("race@example.com").await;
        let cookie = login_cookie(&app, "race@example.com", "correct horse battery").await;
        let (a, b) = tokio::join!(app.call(refresh(&cookie)), app.call(refresh(&cookie)));
        let ok = [a.status, b.status]
            .iter()
            .filter(|s| **s == StatusCode::OK)
            .count();
        assert!(
            ok <= 1,
            "both refreshes succeeded: {:?} / {:?}",
            a.body,
            b.body
        );
        assert!(
            [a.status, b.status]
                .iter()
                .all(|s| *s == StatusCode::OK || *s == StatusCode::UNAUTHORIZED),
            "{:?} {:?}",
            a.body,
            b.body
        );
    }
);
