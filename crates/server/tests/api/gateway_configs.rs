//! Platform admins configure payment gateways at run time: credentials are sealed at rest and
//! never returned, half a configuration is refused, currencies can be limited, and another
//! instance picks the change up on its worker's tick.

use actix_web::http::StatusCode;
use serde_json::json;

use crate::admin::platform_admin;
use crate::db_test;
use crate::support::{TestApp, assert_problem};

const SECRET: &str = "tok-SECRET-4242";

db_test!(
    an_admin_turns_a_gateway_on_with_sealed_credentials_that_are_never_returned,
    |app: TestApp| async move {
        let admin = platform_admin(&app).await;
        assert!(
            !app.state
                .gateways
                .methods_for("XAF")
                .iter()
                .any(|m| m.as_str() == "pawapay")
        );
        let res = app
            .send(
                "PUT",
                "/api/v1/admin/gateways/pawapay",
                Some(&admin),
                Some(json!({"enabled": true, "currencies": ["XAF"], "credentials": {"base_url": "http://127.0.0.1:9/", "api_token": SECRET}})),
            )
            .await;
        assert_eq!(res.status, StatusCode::OK, "{:?}", res.body);
        assert_eq!(res.body["active"], true);
        assert_eq!(res.body["source"], "admin");
        assert_eq!(
            res.body["credentials_set"],
            json!(["api_token", "base_url"])
        );
        assert!(!res.body.to_string().contains(SECRET));
        let list = app.get("/api/v1/admin/gateways", &admin).await;
        assert!(!list.body.to_string().contains(SECRET));
        // Sealed in the database.
        let rows = db::gateway_configs::all(&app.state.db).await.unwrap();
        let sealed = rows[0].sealed_credentials.clone().unwrap();
        assert!(!sealed.contains(SECRET) && !sealed.contains("api_token"));
        // In force at once, limited to XAF.
        let methods = app.state.gateways.methods_for("XAF");
        assert!(
            methods.iter().any(|m| m.as_str() == "pawapay"),
            "{methods:?}"
        );
        assert!(
            !app.state
                .gateways
                .methods_for("XOF")
                .iter()
                .any(|m| m.as_str() == "pawapay")
        );

        // Switched off: gone, credentials kept for next time.
        let res = app
            .send(
                "PUT",
                "/api/v1/admin/gateways/pawapay",
                Some(&admin),
                Some(json!({"enabled": false})),
            )
            .await;
        assert_eq!(res.body["active"], false, "{:?}", res.body);
        assert_eq!(
            res.body["credentials_set"],
            json!(["api_token", "base_url"])
        );
        assert!(app.state.gateways.get("pawapay").is_none());
    }
);

db_test!(
    half_a_gateway_configuration_is_refused_and_changes_nothing,
    |app: TestApp| async move {
        let admin = platform_admin(&app).await;
        let put = |body: serde_json::Value| {
            app.send(
                "PUT",
                "/api/v1/admin/gateways/campay",
                Some(&admin),
                Some(body),
            )
        };
        let res = put(json!({"enabled": true, "credentials": {"token": "t"}})).await;
        assert_problem(&res, 422, "validation_failed");
        assert_eq!(res.body["errors"][0]["field"], "credentials");
        let res =
            put(json!({"enabled": true, "currencies": ["USD"], "credentials": {"colour": "blue"}}))
                .await;
        assert_problem(&res, 422, "validation_failed");
        let fields: Vec<&str> = res.body["errors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["field"].as_str().unwrap())
            .collect();
        assert_eq!(fields, vec!["currencies[0]", "credentials.colour"]);
        assert!(
            db::gateway_configs::all(&app.state.db)
                .await
                .unwrap()
                .is_empty()
        );
        assert!(app.state.gateways.get("campay").is_none());
        // Only platform admins.
        let someone = app.user("someone@example.com").await;
        assert_problem(
            &app.get("/api/v1/admin/gateways", &someone).await,
            403,
            "forbidden",
        );
    }
);

db_test!(
    another_instance_applies_an_admins_gateway_change_on_its_next_tick,
    |app: TestApp| async move {
        let admin = platform_admin(&app).await;
        let mut other = app.state.clone();
        other.gateways = reckot_server::state::Gateways::from_settings(&other.settings);
        let res = app
            .send(
                "PUT",
                "/api/v1/admin/gateways/flutterwave",
                Some(&admin),
                Some(json!({"enabled": true, "credentials": {"base_url": "http://127.0.0.1:9/", "secret_key": "FLWSECK_TEST-x", "secret_hash": "h"}})),
            )
            .await;
        assert_eq!(res.status, StatusCode::OK, "{:?}", res.body);
        assert!(other.gateways.get("flutterwave").is_none());
        reckot_server::services::gateway_configs::apply(&other, true)
            .await
            .unwrap();
        assert!(other.gateways.get("flutterwave").is_some());
    }
);
