//! Organizations: creation, listing, settings, logo.

use actix_web::http::StatusCode;
use actix_web::test::TestRequest;
use serde_json::json;

use crate::db_test;
use crate::support::{TestApp, assert_problem};

db_test!(
    creating_an_organization_makes_me_its_owner_with_a_stable_slug,
    |app: TestApp| async move {
        let t = app.user("owner@example.com").await;
        let res = app
            .post(
                "/api/v1/orgs",
                Some(&t),
                json!({"name": "Fête de Yaoundé", "country": "cm", "currency": "XAF"}),
            )
            .await;
        assert_eq!(res.status, StatusCode::CREATED, "{:?}", res.body);
        assert_eq!(res.body["slug"], "fete-de-yaounde");
        assert_eq!(res.body["country"], "CM");
        assert_eq!(res.body["my_role"], "owner");
        assert_eq!(res.body["tier"], "free");
        let id = res.body["id"].as_str().unwrap().to_owned();

        let renamed = app
            .patch(
                &format!("/api/v1/orgs/{id}"),
                &t,
                json!({"name": "Yaoundé Fest", "currency": "EUR"}),
            )
            .await;
        assert_eq!(renamed.status, StatusCode::OK, "{:?}", renamed.body);
        assert_eq!(
            renamed.body["slug"], "fete-de-yaounde",
            "renaming keeps the public address"
        );
        assert_eq!(renamed.body["currency"], "EUR");

        let list = app.get("/api/v1/orgs", &t).await;
        assert_eq!(list.body["items"].as_array().unwrap().len(), 1);
        assert_eq!(list.body["items"][0]["name"], "Yaoundé Fest");
    }
);

db_test!(
    a_taken_or_malformed_slug_is_a_field_error_and_creates_nothing,
    |app: TestApp| async move {
        let t = app.user("slugs@example.com").await;
        app.post(
            "/api/v1/orgs",
            Some(&t),
            json!({"name": "Lagos Live", "slug": "lagos-live", "country": "NG", "currency": "NGN"}),
        )
        .await;
        let res = app
            .post(
                "/api/v1/orgs",
                Some(&t),
                json!({"name": "Other", "slug": "lagos-live", "country": "NG", "currency": "NGN"}),
            )
            .await;
        assert_problem(&res, 409, "slug_taken");
        assert_eq!(res.body["errors"][0]["field"], "slug");
        let res = app
            .post(
                "/api/v1/orgs",
                Some(&t),
                json!({"name": "Other", "slug": "Bad Slug!", "country": "NG", "currency": "NGN"}),
            )
            .await;
        assert_problem(&res, 422, "validation_failed");
        let res = app
            .post(
                "/api/v1/orgs",
                Some(&t),
                json!({"name": "Other", "country": "NG", "currency": "DOGE"}),
            )
            .await;
        assert_problem(&res, 400, "malformed_request");
        let list = app.get("/api/v1/orgs", &t).await;
        assert_eq!(list.body["items"].as_array().unwrap().len(), 1);
    }
);

db_test!(
    my_organizations_are_paginated_with_a_cursor,
    |app: TestApp| async move {
        let t = app.user("many@example.com").await;
        for i in 0..5 {
            app.org(&t, &format!("Org number {i}")).await;
        }
        let first = app.get("/api/v1/orgs?limit=2", &t).await;
        assert_eq!(first.body["items"].as_array().unwrap().len(), 2);
        let mut seen: Vec<String> = first.body["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|o| o["name"].as_str().unwrap().to_owned())
            .collect();
        let mut cursor = first.body["next_cursor"].as_str().map(str::to_owned);
        while let Some(c) = cursor {
            let page = app
                .get(&format!("/api/v1/orgs?limit=2&cursor={c}"), &t)
                .await;
            seen.extend(
                page.body["items"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|o| o["name"].as_str().unwrap().to_owned()),
            );
            cursor = page.body["next_cursor"].as_str().map(str::to_owned);
        }
        assert_eq!(
            seen,
            (0..5)
                .map(|i| format!("Org number {i}"))
                .collect::<Vec<_>>()
        );
    }
);

db_test!(
    a_logo_is_accepted_by_content_and_served_back,
    |app: TestApp| async move {
        let t = app.user("logo@example.com").await;
        let id = app.org(&t, "Logo Org").await;
        let png =
            b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89"
                .to_vec();
        let req = TestRequest::put()
            .uri(&format!("/api/v1/orgs/{id}/logo"))
            .insert_header(("Authorization", format!("Bearer {t}")))
            .insert_header(("Content-Type", "image/png"))
            .set_payload(png.clone());
        let res = app.call(req).await;
        assert_eq!(res.status, StatusCode::OK, "{:?}", res.body);
        let url = res.body["logo_url"].as_str().unwrap().to_owned();
        assert!(
            url.starts_with("/media/logos/") && url.ends_with(".png"),
            "{url}"
        );
        let served = app.call(TestRequest::get().uri(&url)).await;
        assert_eq!(served.status, StatusCode::OK);
        assert_eq!(served.headers.get("content-type").unwrap(), "image/png");

        let req = TestRequest::put()
            .uri(&format!("/api/v1/orgs/{id}/logo"))
            .insert_header(("Authorization", format!("Bearer {t}")))
            .insert_header(("Content-Type", "image/png"))
            .set_payload("<svg onload=alert(1)>");
        assert_problem(&app.call(req).await, 415, "unsupported_media_type");

        let res = app.delete(&format!("/api/v1/orgs/{id}/logo"), &t).await;
        assert_eq!(res.body["logo_url"], serde_json::Value::Null);
        assert_eq!(
            app.call(TestRequest::get().uri(&url)).await.status,
            StatusCode::NOT_FOUND
        );
    }
);
