//! What visitors and partners see: discovery, event pages, availability, caching, calendar,
//! theme and link previews.

use actix_web::http::StatusCode;
use actix_web::test::TestRequest;
use serde_json::json;

use crate::db_test;
use crate::events::{event_body, future, ticket};
use crate::support::{TestApp, assert_problem};

/// Publishes a bilingual event with a free type, two paid types sharing a capacity of 8, and a
/// hidden type; returns its slug.
async fn published_event(app: &TestApp, token: &str, org: &str, title: &str, city: &str) -> String {
    let mut body = event_body(title, &format!("{title} (fr)"), city);
    body["category_id"] = json!(music_category(app).await);
    let res = app
        .post(&format!("/api/v1/orgs/{org}/events"), Some(token), body)
        .await;
    assert_eq!(res.status, StatusCode::CREATED, "{:?}", res.body);
    let event = res.body["id"].as_str().unwrap().to_owned();
    let base = format!("/api/v1/orgs/{org}/events/{event}");
    let group = app
        .post(
            &format!("{base}/capacity-groups"),
            Some(token),
            json!({"name": "Main hall", "capacity": 8}),
        )
        .await;
    let group = group.body["id"].as_str().unwrap().to_owned();
    app.post(
        &format!("{base}/ticket-types"),
        Some(token),
        ticket("Student", "0", 500),
    )
    .await;
    for (name, price) in [("Standard", "5000"), ("VIP", "15000")] {
        let mut t = ticket(name, price, 100);
        t["capacity_group_id"] = json!(group);
        assert_eq!(
            app.post(&format!("{base}/ticket-types"), Some(token), t)
                .await
                .status,
            StatusCode::CREATED
        );
    }
    let mut hidden = ticket("Press", "0", 5);
    hidden["access_code"] = json!("PRESS2026");
    app.post(&format!("{base}/ticket-types"), Some(token), hidden)
        .await;
    let res = app
        .post(&format!("{base}/publish"), Some(token), json!({}))
        .await;
    assert_eq!(res.status, StatusCode::OK, "{:?}", res.body);
    res.body["slug"].as_str().unwrap().to_owned()
}

async fn music_category(app: &TestApp) -> String {
    let res = app
        .call(TestRequest::get().uri("/api/v1/public/categories"))
        .await;
    res.body
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["slug"] == "music")
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

async fn public(app: &TestApp, path: &str) -> crate::support::Res {
    app.call(TestRequest::get().uri(path)).await
}

db_test!(
    an_event_page_shows_prices_availability_and_hides_coded_tickets,
    |app: TestApp| async move {
        let t = app.user("pub@example.com").await;
        let org = app.org(&t, "Public Org").await;
        let slug = published_event(&app, &t, &org, "Makossa Live", "Douala").await;
        let res = public(&app, &format!("/api/v1/public/events/{slug}")).await;
        assert_eq!(res.status, StatusCode::OK, "{:?}", res.body);
        assert_eq!(res.body["organizer"]["name"], "Public Org");
        assert_eq!(res.body["title"]["fr"], "Makossa Live (fr)");
        assert_eq!(res.body["category"]["slug"], "music");
        let types = res.body["ticket_types"].as_array().unwrap();
        let names: Vec<&str> = types
            .iter()
            .map(|t| t["name"]["en"].as_str().unwrap())
            .collect();
        assert_eq!(
            names,
            vec!["Student", "Standard", "VIP"],
            "the coded type is hidden"
        );
        assert_eq!(
            types[0]["remaining"],
            serde_json::Value::Null,
            "plenty left: just 'available'"
        );
        assert_eq!(
            types[1]["remaining"], 8,
            "the shared capacity is the tighter limit"
        );
        assert_eq!(types[1]["sale_state"], "on_sale");
        assert_eq!(
            types[2]["price"],
            json!({"amount": "15000", "currency": "XAF"})
        );
        assert_eq!(
            res.body["theme"]["stylesheet_url"],
            format!("/api/v1/public/events/{slug}/theme.css")
        );

        let unlocked = app
            .post(
                &format!("/api/v1/public/events/{slug}/unlock"),
                None,
                json!({"code": "press2026"}),
            )
            .await;
        assert_eq!(unlocked.body[0]["name"]["en"], "Press");
        let wrong = app
            .post(
                &format!("/api/v1/public/events/{slug}/unlock"),
                None,
                json!({"code": "nope"}),
            )
            .await;
        assert_problem(&wrong, 422, "validation_failed");
    }
);

db_test!(
    drafts_are_invisible_and_unlisted_events_only_by_link,
    |app: TestApp| async move {
        let t = app.user("hide@example.com").await;
        let org = app.org(&t, "Hidden Org").await;
        let draft = app
            .post(
                &format!("/api/v1/orgs/{org}/events"),
                Some(&t),
                event_body("Secret Draft", "Brouillon", "Douala"),
            )
            .await;
        let draft_slug = draft.body["slug"].as_str().unwrap();
        assert_problem(
            &public(&app, &format!("/api/v1/public/events/{draft_slug}")).await,
            404,
            "not_found",
        );

        let slug = published_event(&app, &t, &org, "Private Party", "Douala").await;
        let id = app
            .get(&format!("/api/v1/orgs/{org}/events"), &t)
            .await
            .body["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["slug"] == slug.as_str())
            .unwrap()["id"]
            .as_str()
            .unwrap()
            .to_owned();
        app.patch(
            &format!("/api/v1/orgs/{org}/events/{id}"),
            &t,
            json!({"visibility": "unlisted"}),
        )
        .await;
        assert_eq!(
            public(&app, &format!("/api/v1/public/events/{slug}"))
                .await
                .status,
            StatusCode::OK
        );
        let found = public(&app, "/api/v1/public/events?q=private").await;
        assert!(
            found.body["items"].as_array().unwrap().is_empty(),
            "{:?}",
            found.body
        );
    }
);

db_test!(
    discovery_searches_filters_and_pages_through_upcoming_events,
    |app: TestApp| async move {
        let t = app.user("disc@example.com").await;
        let org = app.org(&t, "Discovery Org").await;
        published_event(&app, &t, &org, "Douala Jazz", "Douala").await;
        published_event(&app, &t, &org, "Yaounde Tech Summit", "Yaoundé").await;
        // A paid-only event in another country.
        let mut body = event_body("Abidjan Fashion", "Mode Abidjan", "Abidjan");
        body["location"]["country"] = json!("CI");
        body["starts_at"] = json!(future(60, 18));
        body["ends_at"] = json!(future(60, 22));
        let res = app
            .post(&format!("/api/v1/orgs/{org}/events"), Some(&t), body)
            .await;
        let id = res.body["id"].as_str().unwrap().to_owned();
        app.post(
            &format!("/api/v1/orgs/{org}/events/{id}/ticket-types"),
            Some(&t),
            ticket("Entry", "2500", 50),
        )
        .await;
        app.post(
            &format!("/api/v1/orgs/{org}/events/{id}/publish"),
            Some(&t),
            json!({}),
        )
        .await;

        let titles = |res: &crate::support::Res| -> Vec<String> {
            res.body["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|e| e["title"]["en"].as_str().unwrap().to_owned())
                .collect()
        };
        assert_eq!(
            titles(&public(&app, "/api/v1/public/events?q=JAZZ").await),
            vec!["Douala Jazz"]
        );
        assert_eq!(
            titles(&public(&app, "/api/v1/public/events?city=YAOUND%C3%A9").await),
            vec!["Yaounde Tech Summit"]
        );
        assert_eq!(
            titles(&public(&app, "/api/v1/public/events?country=ci").await),
            vec!["Abidjan Fashion"]
        );
        assert_eq!(
            titles(&public(&app, "/api/v1/public/events?price=free").await).len(),
            2
        );
        assert_eq!(
            titles(&public(&app, "/api/v1/public/events?category=music&price=paid").await).len(),
            2
        );
        let to = (chrono::Utc::now() + chrono::Duration::days(40)).date_naive();
        assert_eq!(
            titles(&public(&app, &format!("/api/v1/public/events?to={to}")).await).len(),
            2
        );
        assert_problem(
            &public(&app, "/api/v1/public/events?category=nope").await,
            422,
            "validation_failed",
        );

        let first = public(&app, "/api/v1/public/events?limit=2").await;
        let mut all = titles(&first);
        let cursor = first.body["next_cursor"].as_str().unwrap().to_owned();
        let second = public(
            &app,
            &format!("/api/v1/public/events?limit=2&cursor={cursor}"),
        )
        .await;
        all.extend(titles(&second));
        assert_eq!(all.len(), 3);
        assert_eq!(all.last().unwrap(), "Abidjan Fashion", "soonest first");
        assert_eq!(
            first.body["items"][0]["min_price"],
            json!({"amount": "0", "currency": "XAF"})
        );
    }
);

db_test!(
    event_pages_revalidate_with_etags_and_changes_show_at_once,
    |app: TestApp| async move {
        let t = app.user("etag@example.com").await;
        let org = app.org(&t, "Etag Org").await;
        let slug = published_event(&app, &t, &org, "Cached Concert", "Douala").await;
        let path = format!("/api/v1/public/events/{slug}");
        let first = public(&app, &path).await;
        let etag = first
            .headers
            .get("etag")
            .unwrap()
            .to_str()
            .unwrap()
            .to_owned();
        let again = app
            .call(
                TestRequest::get()
                    .uri(&path)
                    .insert_header(("If-None-Match", etag.clone())),
            )
            .await;
        assert_eq!(again.status, StatusCode::NOT_MODIFIED);

        let id = app
            .get(&format!("/api/v1/orgs/{org}/events"), &t)
            .await
            .body["items"][0]["id"]
            .as_str()
            .unwrap()
            .to_owned();
        app.patch(
            &format!("/api/v1/orgs/{org}/events/{id}"),
            &t,
            json!({"title": {"en": "Renamed Concert"}}),
        )
        .await;
        let changed = app
            .call(
                TestRequest::get()
                    .uri(&path)
                    .insert_header(("If-None-Match", etag.clone())),
            )
            .await;
        assert_eq!(changed.status, StatusCode::OK);
        assert_eq!(changed.body["title"]["en"], "Renamed Concert");
        assert_ne!(changed.headers.get("etag").unwrap().to_str().unwrap(), etag);
    }
);

db_test!(
    calendar_theme_and_link_previews_are_served,
    |app: TestApp| async move {
        let t = app.user("ics@example.com").await;
        let org = app.org(&t, "Ics Org").await;
        let slug = published_event(&app, &t, &org, "Calendar Gala", "Douala").await;
        let ics = public(&app, &format!("/api/v1/public/events/{slug}/calendar.ics")).await;
        assert_eq!(ics.status, StatusCode::OK);
        assert!(
            ics.headers
                .get("content-type")
                .unwrap()
                .to_str()
                .unwrap()
                .starts_with("text/calendar")
        );
        let text = ics.body.as_str().unwrap();
        assert!(
            text.contains("BEGIN:VEVENT") && text.contains("SUMMARY:Calendar Gala"),
            "{text}"
        );

        let css = public(&app, &format!("/api/v1/public/events/{slug}/theme.css")).await;
        let css = css.body.as_str().unwrap();
        assert!(
            css.contains("--event-primary:#0f766e") && css.contains(".event-theme h1"),
            "{css}"
        );

        let spa = app.state.settings.spa_dir.clone();
        std::fs::create_dir_all(&spa).unwrap();
        std::fs::write(
            spa.join("index.html"),
            "<!doctype html><html><head><title>Reckot</title></head><body></body></html>",
        )
        .unwrap();
        let page = app
            .call(
                TestRequest::get()
                    .uri(&format!("/e/{slug}"))
                    .insert_header(("Accept-Language", "fr")),
            )
            .await;
        let html = page.body.as_str().unwrap();
        assert!(
            html.contains("og:title") && html.contains("Calendar Gala (fr) · Ics Org"),
            "{html}"
        );
        assert!(html.contains("twitter:card"), "{html}");
        let unknown = app.call(TestRequest::get().uri("/e/does-not-exist")).await;
        assert_eq!(
            unknown.status,
            StatusCode::OK,
            "the SPA shows its own not-found page"
        );
    }
);

db_test!(
    featured_events_come_first_in_discovery,
    |app: TestApp| async move {
        let t = app.user("feat@example.com").await;
        let org = app.org(&t, "Feature Org").await;
        published_event(&app, &t, &org, "Soon Show", "Douala").await;
        let later = published_event(&app, &t, &org, "Later Show", "Douala").await;
        let admin = app.user("curator@reckot.test").await;
        let user = db::users::find_by_email(&app.state.db, "curator@reckot.test")
            .await
            .unwrap()
            .unwrap();
        db::users::set_platform_admin(&app.state.db, user.id, true, app.state.now())
            .await
            .unwrap();
        let events = app.get(&format!("/api/v1/orgs/{org}/events"), &t).await;
        let later_id = events.body["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["slug"] == later.as_str())
            .unwrap()["id"]
            .as_str()
            .unwrap()
            .to_owned();
        assert_problem(
            &app.patch(
                &format!("/api/v1/admin/events/{later_id}"),
                &t,
                json!({"featured": true}),
            )
            .await,
            403,
            "forbidden",
        );
        assert_eq!(
            app.patch(
                &format!("/api/v1/admin/events/{later_id}"),
                &admin,
                json!({"featured": true})
            )
            .await
            .status,
            StatusCode::NO_CONTENT
        );
        let list = public(&app, "/api/v1/public/events").await;
        assert_eq!(list.body["items"][0]["slug"], later.as_str());
        assert_eq!(list.body["items"][0]["featured"], true);
    }
);

db_test!(
    instances_sharing_redis_see_each_others_changes_at_once,
    |app: TestApp| async move {
        let prefix = format!("reckot-test:{}:", uuid::Uuid::new_v4().simple());
        let (Some(a), Some(b)) = (
            app.redis_instance(&prefix).await,
            app.redis_instance(&prefix).await,
        ) else {
            return;
        };
        let t = app.user("redis@example.com").await;
        let org = app.org(&t, "Redis Org").await;
        let slug = published_event(&app, &t, &org, "Shared Cache Gig", "Douala").await;
        let path = format!("/api/v1/public/events/{slug}");
        let first = crate::support::call_state(&a, TestRequest::get().uri(&path)).await;
        assert_eq!(first.body["title"]["en"], "Shared Cache Gig");
        let id = app
            .get(&format!("/api/v1/orgs/{org}/events"), &t)
            .await
            .body["items"][0]["id"]
            .as_str()
            .unwrap()
            .to_owned();
        let req = TestRequest::patch()
            .uri(&format!("/api/v1/orgs/{org}/events/{id}"))
            .insert_header(("Authorization", format!("Bearer {t}")))
            .set_json(json!({"title": {"en": "Renamed On B"}}));
        assert_eq!(
            crate::support::call_state(&b, req).await.status,
            StatusCode::OK
        );
        let seen_by_a = crate::support::call_state(&a, TestRequest::get().uri(&path)).await;
        assert_eq!(seen_by_a.body["title"]["en"], "Renamed On B");
    }
);
