//! Errors, headers and the non-API surface: problem+json everywhere, request ids, languages,
//! security headers, health, docs and the SPA fallback.

use actix_web::http::StatusCode;
use actix_web::test::TestRequest;

use crate::db_test;
use crate::support::{TestApp, assert_problem};

db_test!(
    unknown_api_paths_get_a_json_problem_not_the_spa,
    |app: TestApp| async move {
        let spa = app.state.settings.spa_dir.clone();
        std::fs::create_dir_all(&spa).unwrap();
        std::fs::write(
            spa.join("index.html"),
            "<!doctype html><title>Reckot</title>",
        )
        .unwrap();

        let res = app.call(TestRequest::get().uri("/api/v1/nope")).await;
        assert_problem(&res, 404, "not_found");
        let res = app.call(TestRequest::get().uri("/orgs/123/members")).await;
        assert_eq!(res.status, StatusCode::OK);
        assert!(res.body.as_str().unwrap().contains("<title>Reckot</title>"));
        assert_eq!(
            app.call(TestRequest::get().uri("/../Cargo.toml"))
                .await
                .status,
            StatusCode::OK,
            "climbing out serves the shell, not the file"
        );
    }
);

db_test!(
    problems_carry_the_request_id_of_the_response_header_and_speak_french,
    |app: TestApp| async move {
        let res = app
            .call(
                TestRequest::get()
                    .uri("/api/v1/me")
                    .insert_header(("Accept-Language", "fr")),
            )
            .await;
        assert_problem(&res, 401, "authentication_required");
        assert_eq!(res.body["title"], "Veuillez vous connecter");
        let header = res.headers.get("x-request-id").unwrap().to_str().unwrap();
        assert_eq!(res.body["request_id"], header);
        assert_eq!(res.headers.get("content-language").unwrap(), "fr");
    }
);

db_test!(
    unreadable_bodies_are_malformed_and_missing_fields_are_named,
    |app: TestApp| async move {
        let res = app
            .call(
                TestRequest::post()
                    .uri("/api/v1/auth/login")
                    .insert_header(("Content-Type", "application/json"))
                    .set_payload("{not json"),
            )
            .await;
        assert_problem(&res, 400, "malformed_request");
        let res = app
            .call(
                TestRequest::post()
                    .uri("/api/v1/auth/login")
                    .set_json(serde_json::json!({"email": "a@b.co"})),
            )
            .await;
        assert_problem(&res, 422, "validation_failed");
        assert_eq!(res.body["errors"][0]["field"], "password");
        assert_eq!(res.body["errors"][0]["code"], "required");
    }
);

db_test!(
    every_response_carries_the_security_headers,
    |app: TestApp| async move {
        let res = app.call(TestRequest::get().uri("/health")).await;
        assert_eq!(res.status, StatusCode::OK);
        let csp = res
            .headers
            .get("content-security-policy")
            .unwrap()
            .to_str()
            .unwrap();
        assert!(
            csp.contains("default-src 'self'") && csp.contains("frame-ancestors 'none'"),
            "{csp}"
        );
        assert!(!csp.contains("unsafe-inline"), "{csp}");
        assert_eq!(
            res.headers.get("x-content-type-options").unwrap(),
            "nosniff"
        );
        assert!(
            res.headers.get("strict-transport-security").is_none(),
            "HSTS only in production"
        );
    }
);

db_test!(
    readiness_reports_the_database_and_docs_are_served,
    |app: TestApp| async move {
        let res = app.call(TestRequest::get().uri("/health/ready")).await;
        assert_eq!(res.status, StatusCode::OK);
        assert_eq!(res.body["database"], "ok");
        assert_eq!(res.body["redis"], "not_configured");
        let res = app.call(TestRequest::get().uri("/api/openapi.json")).await;
        assert_eq!(res.body["info"]["title"], "Reckot API");
        let res = app.call(TestRequest::get().uri("/api/docs")).await;
        assert_eq!(res.status, StatusCode::PERMANENT_REDIRECT);
        let res = app.call(TestRequest::get().uri("/api/docs/")).await;
        assert_eq!(res.status, StatusCode::OK);
    }
);
