//! Events as organizers manage them: drafts, validation, ticket types, capacity groups, publishing.

use actix_web::http::StatusCode;
use serde_json::{Value, json};

use crate::db_test;
use crate::support::{TestApp, assert_problem};

pub fn future(days: i64, hour: u32) -> String {
    let d = chrono::Utc::now().date_naive() + chrono::Duration::days(days);
    format!("{}T{:02}:00:00Z", d, hour)
}

pub fn event_body(title_en: &str, title_fr: &str, city: &str) -> Value {
    json!({
        "title": {"en": title_en, "fr": title_fr},
        "summary": {"en": format!("{title_en} summary"), "fr": format!("Résumé de {title_fr}")},
        "description": {"en": "## Line-up\n\n**Great** music", "fr": "## Programme\n\nDe la **bonne** musique"},
        "starts_at": future(30, 18),
        "ends_at": future(30, 23),
        "timezone": "Africa/Douala",
        "location": {"venue_name": "Palais des Sports", "city": city, "country": "CM", "latitude": "4.0511", "longitude": "9.7679"},
        "theme": {"primary_color": "#0f766e", "accent_color": "#f59e0b", "custom_css": "h1 { letter-spacing: 1px }"}
    })
}

pub fn ticket(name: &str, amount: &str, quantity: u32) -> Value {
    json!({"name": {"en": name, "fr": name}, "price": {"amount": amount, "currency": "XAF"}, "quantity": quantity})
}

/// A draft event with one ticket type in a capacity group: (event id, ticket type id, group id).
pub async fn event_with_tickets(app: &TestApp, token: &str, org: &str) -> (String, String, String) {
    let res = app
        .post(
            &format!("/api/v1/orgs/{org}/events"),
            Some(token),
            event_body("Jazz Night", "Nuit du Jazz", "Douala"),
        )
        .await;
    assert_eq!(res.status, StatusCode::CREATED, "{:?}", res.body);
    let event = res.body["id"].as_str().unwrap().to_owned();
    let group = app
        .post(
            &format!("/api/v1/orgs/{org}/events/{event}/capacity-groups"),
            Some(token),
            json!({"name": "Hall", "capacity": 100}),
        )
        .await;
    assert_eq!(group.status, StatusCode::CREATED, "{:?}", group.body);
    let group = group.body["id"].as_str().unwrap().to_owned();
    let mut body = ticket("Standard", "5000", 80);
    body["capacity_group_id"] = json!(group);
    let tt = app
        .post(
            &format!("/api/v1/orgs/{org}/events/{event}/ticket-types"),
            Some(token),
            body,
        )
        .await;
    assert_eq!(tt.status, StatusCode::CREATED, "{:?}", tt.body);
    (event, tt.body["id"].as_str().unwrap().to_owned(), group)
}

fn fields(res: &crate::support::Res) -> Vec<(String, String)> {
    res.body["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["field"].as_str().unwrap().to_owned(),
                e["code"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

db_test!(
    a_bilingual_draft_gets_a_stable_slug_and_sanitized_html,
    |app: TestApp| async move {
        let t = app.user("org@example.com").await;
        let org = app.org(&t, "Events Org").await;
        let mut body = event_body("Fête de la Musique", "Fête de la Musique", "Yaoundé");
        body["description"]["en"] = json!(
            "Hello <script>alert(1)</script> [click](javascript:alert(1)) <img src=x onerror=alert(1)> **bold**"
        );
        let res = app
            .post(&format!("/api/v1/orgs/{org}/events"), Some(&t), body)
            .await;
        assert_eq!(res.status, StatusCode::CREATED, "{:?}", res.body);
        assert_eq!(res.body["slug"], "fete-de-la-musique");
        assert_eq!(res.body["status"], "draft");
        assert_eq!(res.body["currency"], "XAF");
        assert_eq!(res.body["location"]["latitude"], "4.0511");
        let html = res.body["description_html"]["en"].as_str().unwrap();
        assert!(html.contains("<strong>bold</strong>"), "{html}");
        for bad in ["<script", "javascript:", "onerror"] {
            assert!(!html.contains(bad), "{bad} survived: {html}");
        }
        let id = res.body["id"].as_str().unwrap();
        let renamed = app
            .patch(
                &format!("/api/v1/orgs/{org}/events/{id}"),
                &t,
                json!({"title": {"en": "Music Day", "fr": "Fête"}}),
            )
            .await;
        assert_eq!(renamed.status, StatusCode::OK, "{:?}", renamed.body);
        assert_eq!(renamed.body["slug"], "fete-de-la-musique");
        assert_eq!(
            renamed.body["summary"]["fr"], "Résumé de Fête de la Musique",
            "untouched fields stay"
        );

        let again = app
            .post(
                &format!("/api/v1/orgs/{org}/events"),
                Some(&t),
                event_body("Fête de la Musique", "x", "Douala"),
            )
            .await;
        assert_ne!(
            again.body["slug"], "fete-de-la-musique",
            "a derived slug that collides gets a suffix"
        );
        let mut explicit = event_body("Other", "Autre", "Douala");
        explicit["slug"] = json!("fete-de-la-musique");
        assert_problem(
            &app.post(&format!("/api/v1/orgs/{org}/events"), Some(&t), explicit)
                .await,
            409,
            "slug_taken",
        );
    }
);

db_test!(
    invalid_event_fields_are_all_listed_and_nothing_is_saved,
    |app: TestApp| async move {
        let t = app.user("org2@example.com").await;
        let org = app.org(&t, "Invalid Org").await;
        let mut body = event_body("", "", "Douala");
        body["ends_at"] = json!(future(29, 10));
        body["timezone"] = json!("Mars/Olympus");
        body["theme"] = json!({"primary_color": "teal", "custom_css": "@import url(https://evil.example/x.css); body { background: url(https://evil.example/i.png) }"});
        body["location"]["online_url"] = json!("http://insecure.example");
        let res = app
            .post(&format!("/api/v1/orgs/{org}/events"), Some(&t), body)
            .await;
        assert_problem(&res, 422, "validation_failed");
        let f = fields(&res);
        for expected in [
            ("title", "required"),
            ("ends_at", "before_start"),
            ("timezone", "invalid_timezone"),
            ("theme.primary_color", "invalid_color"),
            ("location.online_url", "invalid_url"),
        ] {
            assert!(
                f.contains(&(expected.0.to_owned(), expected.1.to_owned())),
                "{expected:?} missing from {f:?}"
            );
        }
        let css_codes: Vec<&str> = f
            .iter()
            .filter(|(k, _)| k == "theme.custom_css")
            .map(|(_, c)| c.as_str())
            .collect();
        assert!(
            css_codes.contains(&"import_not_allowed") || css_codes.contains(&"external_url"),
            "{f:?}"
        );
        let list = app.get(&format!("/api/v1/orgs/{org}/events"), &t).await;
        assert!(list.body["items"].as_array().unwrap().is_empty());
    }
);

db_test!(
    ticket_prices_follow_the_event_currency_exactly,
    |app: TestApp| async move {
        let t = app.user("org3@example.com").await;
        let org = app.org(&t, "Price Org").await;
        let (event, _, _) = event_with_tickets(&app, &t, &org).await;
        let path = format!("/api/v1/orgs/{org}/events/{event}/ticket-types");
        assert_problem(
            &app.post(&path, Some(&t), ticket("Half franc", "10.5", 10))
                .await,
            422,
            "validation_failed",
        );
        let mut usd = ticket("Dollars", "10", 10);
        usd["price"]["currency"] = json!("USD");
        let res = app.post(&path, Some(&t), usd).await;
        assert_eq!(
            fields(&res),
            vec![("price.currency".to_owned(), "currency_mismatch".to_owned())]
        );
        let mut bad = ticket("Bad limits", "0", 10);
        bad["min_per_order"] = json!(5);
        bad["max_per_order"] = json!(2);
        bad["access_code"] = json!("ab");
        let res = app.post(&path, Some(&t), bad).await;
        let f = fields(&res);
        assert!(
            f.contains(&("max_per_order".into(), "out_of_range".into()))
                && f.contains(&("access_code".into(), "length".into())),
            "{f:?}"
        );

        let free = app.post(&path, Some(&t), ticket("Free", "0", 10)).await;
        assert_eq!(free.status, StatusCode::CREATED);
        assert_eq!(
            free.body["price"],
            json!({"amount": "0", "currency": "XAF"})
        );
        let list = app.get(&path, &t).await;
        assert_eq!(list.body.as_array().unwrap().len(), 2);
        // The currency is fixed once a ticket has a price.
        let res = app
            .patch(
                &format!("/api/v1/orgs/{org}/events/{event}"),
                &t,
                json!({"currency": "EUR"}),
            )
            .await;
        assert_eq!(
            fields(&res),
            vec![("currency".to_owned(), "has_priced_tickets".to_owned())]
        );
    }
);

db_test!(
    publishing_lists_what_is_missing_then_succeeds_once_complete,
    |app: TestApp| async move {
        let t = app.user("org4@example.com").await;
        let org = app.org(&t, "Publish Org").await;
        let res = app
        .post(&format!("/api/v1/orgs/{org}/events"), Some(&t), json!({"title": {"fr": "Atelier"}, "starts_at": future(10, 9), "ends_at": future(10, 12), "timezone": "Africa/Abidjan"}))
        .await;
        let event = res.body["id"].as_str().unwrap().to_owned();
        let res = app
            .post(
                &format!("/api/v1/orgs/{org}/events/{event}/publish"),
                Some(&t),
                json!({}),
            )
            .await;
        assert_problem(&res, 422, "validation_failed");
        let missing: Vec<String> = fields(&res).into_iter().map(|(f, _)| f).collect();
        assert_eq!(missing, vec!["summary", "location", "ticket_types"]);

        app.patch(&format!("/api/v1/orgs/{org}/events/{event}"), &t, json!({"summary": {"fr": "Un atelier"}, "location": {"online_url": "https://meet.example/x"}})).await;
        app.post(&format!("/api/v1/orgs/{org}/events/{event}/ticket-types"), Some(&t), json!({"name": {"fr": "Entrée"}, "price": {"amount": "0", "currency": "XAF"}, "quantity": 30})).await;
        let res = app
            .post(
                &format!("/api/v1/orgs/{org}/events/{event}/publish"),
                Some(&t),
                json!({}),
            )
            .await;
        assert_eq!(res.status, StatusCode::OK, "{:?}", res.body);
        assert_eq!(res.body["status"], "published");
        assert_problem(
            &app.delete(&format!("/api/v1/orgs/{org}/events/{event}"), &t)
                .await,
            409,
            "conflict",
        );

        let published = app
            .get(&format!("/api/v1/orgs/{org}/events?status=published"), &t)
            .await;
        assert_eq!(published.body["items"].as_array().unwrap().len(), 1);
        assert!(
            app.get(&format!("/api/v1/orgs/{org}/events?status=draft"), &t)
                .await
                .body["items"]
                .as_array()
                .unwrap()
                .is_empty()
        );

        app.clock.advance(chrono::Duration::days(11));
        let t = app.login("org4@example.com", "correct horse battery").await;
        let ended = app
            .get(&format!("/api/v1/orgs/{org}/events/{event}"), &t)
            .await;
        assert_eq!(
            ended.body["status"], "ended",
            "ended follows from the clock"
        );
    }
);

db_test!(
    unpublishing_returns_to_draft_and_cancelling_is_final,
    |app: TestApp| async move {
        let t = app.user("org5@example.com").await;
        let org = app.org(&t, "Cancel Org").await;
        let (event, _, _) = event_with_tickets(&app, &t, &org).await;
        let base = format!("/api/v1/orgs/{org}/events/{event}");
        assert_eq!(
            app.post(&format!("{base}/publish"), Some(&t), json!({}))
                .await
                .status,
            StatusCode::OK
        );
        assert_eq!(
            app.post(&format!("{base}/unpublish"), Some(&t), json!({}))
                .await
                .body["status"],
            "draft"
        );
        assert_eq!(
            app.post(&format!("{base}/cancel"), Some(&t), json!({}))
                .await
                .body["status"],
            "cancelled"
        );
        assert_problem(
            &app.post(&format!("{base}/publish"), Some(&t), json!({}))
                .await,
            409,
            "conflict",
        );
    }
);

db_test!(
    viewers_read_events_but_cannot_change_them,
    |app: TestApp| async move {
        let owner = app.user("own5@example.com").await;
        let org = app.org(&owner, "Viewer Events").await;
        let (event, tt, _) = event_with_tickets(&app, &owner, &org).await;
        let viewer = app
            .member(&owner, &org, "watch@example.com", "viewer")
            .await;
        assert_eq!(
            app.get(&format!("/api/v1/orgs/{org}/events/{event}"), &viewer)
                .await
                .status,
            StatusCode::OK
        );
        assert_problem(
            &app.patch(
                &format!("/api/v1/orgs/{org}/events/{event}"),
                &viewer,
                json!({"title": {"en": "x"}}),
            )
            .await,
            403,
            "forbidden",
        );
        assert_problem(
            &app.patch(
                &format!("/api/v1/orgs/{org}/events/{event}/ticket-types/{tt}"),
                &viewer,
                json!({"quantity": 1}),
            )
            .await,
            403,
            "forbidden",
        );
        assert_problem(
            &app.post(
                &format!("/api/v1/orgs/{org}/events/{event}/publish"),
                Some(&viewer),
                json!({}),
            )
            .await,
            403,
            "forbidden",
        );
    }
);

db_test!(a_cover_must_be_a_real_image, |app: TestApp| async move {
    let t = app.user("org6@example.com").await;
    let org = app.org(&t, "Cover Org").await;
    let (event, _, _) = event_with_tickets(&app, &t, &org).await;
    let put = |body: Vec<u8>| {
        actix_web::test::TestRequest::put()
            .uri(&format!("/api/v1/orgs/{org}/events/{event}/cover"))
            .insert_header(("Authorization", format!("Bearer {t}")))
            .insert_header(("Content-Type", "image/jpeg"))
            .set_payload(body)
    };
    let res = app.call(put(b"GIF89a not accepted".to_vec())).await;
    assert_problem(&res, 422, "validation_failed");
    assert_eq!(res.body["errors"][0]["field"], "cover");
    let mut too_big = vec![0xFF, 0xD8, 0xFF, 0xE0];
    too_big.resize(5 * 1024 * 1024 + 1, 0);
    assert_problem(&app.call(put(too_big)).await, 413, "payload_too_large");
    let res = app
        .call(put(vec![
            0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, b'J', b'F', b'I', b'F',
        ]))
        .await;
    assert_eq!(res.status, StatusCode::OK, "{:?}", res.body);
    assert!(
        res.body["cover_url"]
            .as_str()
            .unwrap()
            .starts_with("/media/covers/")
    );
});
