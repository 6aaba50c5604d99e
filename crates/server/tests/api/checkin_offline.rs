//! The door without network, on both databases: scanning devices (registered, revoked), the
//! attendee search and the offline copy of a list, and offline scans synced later — applied in
//! the order they happened, replay-safe, with double admissions reported as conflicts.

use actix_web::http::StatusCode;
use chrono::{Duration, Utc};
use serde_json::{Value, json};

use crate::checkin::{create_list, qr, rfc3339, scan_with, tickets};
use crate::checkout::{Shop, buy, shop};
use crate::db_test;
use crate::support::{TestApp, assert_problem};

async fn register(app: &TestApp, token: &str, org: &str, name: &str) -> String {
    let res = app
        .post(
            &format!("/api/v1/orgs/{org}/checkin-devices"),
            Some(token),
            json!({ "name": name }),
        )
        .await;
    assert_eq!(res.status, StatusCode::CREATED, "{:?}", res.body);
    res.body["id"].as_str().unwrap().to_owned()
}

fn offline(code: &str, nonce: &str, minutes_ago: i64, shown: &str) -> Value {
    json!({
        "code": code,
        "nonce": nonce,
        "scanned_at": rfc3339(Utc::now() - Duration::minutes(minutes_ago)),
        "offline_outcome": shown,
        "gate": "Side door",
    })
}

async fn sync(
    app: &TestApp,
    token: &str,
    s: &Shop,
    list: &str,
    body: Value,
) -> crate::support::Res {
    app.post(
        &format!("/api/v1/orgs/{}/checkin-lists/{list}/scans/sync", s.org),
        Some(token),
        body,
    )
    .await
}

async fn scans(app: &TestApp, token: &str, s: &Shop, list: &str, conflicts: bool) -> Vec<Value> {
    let res = app
        .get(
            &format!(
                "/api/v1/orgs/{}/checkin-lists/{list}/scans?conflicts={conflicts}&limit=100",
                s.org
            ),
            token,
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{:?}", res.body);
    res.body["items"].as_array().unwrap().clone()
}

db_test!(
    offline_scans_apply_in_the_order_they_happened_and_a_double_admission_is_a_reported_conflict,
    |app: TestApp| async move {
        let s = shop(&app, &[("Standard", "0", 20)]).await;
        let staff = app
            .member(&s.token, &s.org, "door@example.com", "checkin_staff")
            .await;
        let list = create_list(&app, &s, json!({"name": "Main door"})).await;
        let list_id = list["id"].as_str().unwrap().to_owned();
        let (_, bought) = tickets(&app, &s.slug, "amina@example.com", &s.types[0], 3).await;
        let device = register(&app, &staff, &s.org, "Side door phone").await;

        // Online, the main door lets ticket 0 in now.
        let online = scan_with(
            &app,
            &s.token,
            &s.org,
            &list_id,
            json!({"code": qr(&app, &s.event, &bought[0]), "nonce": "online-0001"}),
        )
        .await;
        assert_eq!(online.body["outcome"], "ok");

        // Meanwhile the side door, offline, had let ticket 0 in ten minutes ago, ticket 1 twice
        // (the second time it said already checked in), and ticket 2 by typed code. Sent out of
        // order on purpose.
        let batch = json!({
            "device_id": device,
            "scans": [
                offline(bought[2]["code"].as_str().unwrap(), "side-0004", 1, "ok"),
                offline(&qr(&app, &s.event, &bought[1]), "side-0003", 4, "already_checked_in"),
                offline(&qr(&app, &s.event, &bought[0]), "side-0001", 10, "ok"),
                offline(&qr(&app, &s.event, &bought[1]), "side-0002", 5, "ok"),
            ],
        });
        let report = sync(&app, &staff, &s, &list_id, batch.clone()).await;
        assert_eq!(report.status, StatusCode::OK, "{:?}", report.body);
        let results = report.body["results"].as_array().unwrap();
        let got: Vec<(&str, &str, bool)> = results
            .iter()
            .map(|r| {
                (
                    r["nonce"].as_str().unwrap(),
                    r["result"]["outcome"].as_str().unwrap(),
                    r["conflict"].as_bool().unwrap(),
                )
            })
            .collect();
        assert_eq!(
            got,
            vec![
                ("side-0004", "ok", false),
                // Applied after side-0002 (it happened later), so ticket 1 is inside by then.
                ("side-0003", "already_checked_in", false),
                // Admitted offline although the main door had admitted it: the conflict.
                ("side-0001", "already_checked_in", true),
                ("side-0002", "ok", false),
            ]
        );
        assert_eq!(report.body["conflicts"], 1);

        // The conflict report names the ticket, the device and what the device showed.
        let conflicts = scans(&app, &s.token, &s, &list_id, true).await;
        assert_eq!(conflicts.len(), 1, "{conflicts:?}");
        assert_eq!(conflicts[0]["ticket"]["id"], bought[0]["id"]);
        assert_eq!(conflicts[0]["device_id"], device.as_str());
        assert_eq!(conflicts[0]["offline_outcome"], "ok");
        assert_eq!(conflicts[0]["conflict"], true);
        assert_eq!(conflicts[0]["gate"], "Side door");

        // The first scan wins: ticket 0's first entry moves back to the side door's time.
        let scope = db::OrgScope::for_platform_operation(s.org.parse().unwrap());
        let row = db::checkin::presence(
            &app.state.db,
            scope,
            list_id.parse().unwrap(),
            bought[0]["id"].as_str().unwrap().parse().unwrap(),
        )
        .await
        .unwrap()
        .unwrap();
        let side_time: chrono::DateTime<Utc> = batch["scans"][2]["scanned_at"]
            .as_str()
            .unwrap()
            .parse()
            .unwrap();
        assert_eq!(row.first_entry_at, side_time);

        // Sending the same batch again (the answer was lost) changes nothing.
        let before = scans(&app, &s.token, &s, &list_id, false).await.len();
        let again = sync(&app, &staff, &s, &list_id, batch).await;
        assert_eq!(again.status, StatusCode::OK, "{:?}", again.body);
        assert_eq!(again.body["results"], report.body["results"]);
        assert_eq!(
            scans(&app, &s.token, &s, &list_id, false).await.len(),
            before
        );
        assert_eq!(before, 5);

        // The list counts three tickets inside.
        let counts = app
            .get(
                &format!("/api/v1/orgs/{}/checkin-lists/{list_id}", s.org),
                &staff,
            )
            .await;
        assert_eq!(counts.body["counts"]["checked_in"], 3);
    }
);

db_test!(
    a_revoked_device_is_refused_on_scans_and_syncs_and_only_organizers_revoke,
    |app: TestApp| async move {
        let s = shop(&app, &[("Standard", "0", 20)]).await;
        let staff = app
            .member(&s.token, &s.org, "door@example.com", "checkin_staff")
            .await;
        let list = create_list(&app, &s, json!({"name": "Main door"})).await;
        let list_id = list["id"].as_str().unwrap().to_owned();
        let (_, bought) = tickets(&app, &s.slug, "amina@example.com", &s.types[0], 2).await;
        let device = register(&app, &staff, &s.org, "Lost phone").await;
        let code = qr(&app, &s.event, &bought[0]);

        let ok = scan_with(
            &app,
            &staff,
            &s.org,
            &list_id,
            json!({"code": code, "nonce": "device-0001", "device_id": device}),
        )
        .await;
        assert_eq!(ok.body["outcome"], "ok", "{:?}", ok.body);

        let revoke = format!("/api/v1/orgs/{}/checkin-devices/{device}/revoke", s.org);
        assert_problem(
            &app.post(&revoke, Some(&staff), json!({})).await,
            403,
            "forbidden",
        );
        let revoked = app.post(&revoke, Some(&s.token), json!({})).await;
        assert_eq!(revoked.status, StatusCode::OK, "{:?}", revoked.body);
        let at = revoked.body["revoked_at"].clone();
        assert!(at.is_string());
        // Revoking again keeps the first time.
        assert_eq!(
            app.post(&revoke, Some(&s.token), json!({})).await.body["revoked_at"],
            at
        );

        let scan = scan_with(
            &app,
            &staff,
            &s.org,
            &list_id,
            json!({"code": qr(&app, &s.event, &bought[1]), "nonce": "device-0002", "device_id": device}),
        )
        .await;
        assert_problem(&scan, 403, "device_revoked");
        let synced = sync(
            &app,
            &staff,
            &s,
            &list_id,
            json!({"device_id": device, "scans": [offline(&qr(&app, &s.event, &bought[1]), "device-0003", 2, "ok")]}),
        )
        .await;
        assert_problem(&synced, 403, "device_revoked");
        // Nothing was recorded for the refused requests.
        assert_eq!(scans(&app, &s.token, &s, &list_id, false).await.len(), 1);

        // A device id that is not the organization's is a bad field.
        let unknown = scan_with(
            &app,
            &staff,
            &s.org,
            &list_id,
            json!({"code": code, "nonce": "device-0004", "device_id": uuid::Uuid::now_v7()}),
        )
        .await;
        assert_problem(&unknown, 422, "validation_failed");
        assert_eq!(unknown.body["errors"][0]["field"], "device_id");

        let devices = app
            .get(&format!("/api/v1/orgs/{}/checkin-devices", s.org), &staff)
            .await;
        assert_eq!(devices.body[0]["name"], "Lost phone");
        assert_eq!(devices.body[0]["registered_by_name"], "Test Person");
        assert_eq!(devices.body[0]["revoked_at"], at);
        assert!(devices.body[0]["last_seen_at"].is_string());
    }
);

db_test!(
    a_sync_reports_every_bad_scan_by_its_position_and_records_none,
    |app: TestApp| async move {
        let s = shop(&app, &[("Standard", "0", 20)]).await;
        let list = create_list(&app, &s, json!({"name": "Main door"})).await;
        let list_id = list["id"].as_str().unwrap().to_owned();
        let device = register(&app, &s.token, &s.org, "Phone").await;
        let (_, bought) = tickets(&app, &s.slug, "amina@example.com", &s.types[0], 1).await;
        let good = offline(&qr(&app, &s.event, &bought[0]), "good-0001", 1, "ok");
        let mut future = offline("ABCD", "late-0001", 0, "ok");
        future["scanned_at"] = json!(rfc3339(Utc::now() + Duration::hours(1)));
        let res = sync(
            &app,
            &s.token,
            &s,
            &list_id,
            json!({"device_id": device, "scans": [good, offline("", "short", 1, "ok"), future]}),
        )
        .await;
        assert_problem(&res, 422, "validation_failed");
        let fields: Vec<&str> = res.body["errors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["field"].as_str().unwrap())
            .collect();
        assert_eq!(
            fields,
            vec!["scans[1].code", "scans[1].nonce", "scans[2].scanned_at"]
        );
        assert!(scans(&app, &s.token, &s, &list_id, false).await.is_empty());

        let too_many: Vec<Value> = (0..501)
            .map(|i| offline("ABCD", &format!("nonce-{i:05}"), 1, "ok"))
            .collect();
        let res = sync(
            &app,
            &s.token,
            &s,
            &list_id,
            json!({"device_id": device, "scans": too_many}),
        )
        .await;
        assert_problem(&res, 422, "validation_failed");
        assert_eq!(res.body["errors"][0]["field"], "scans");
    }
);

db_test!(
    the_door_finds_attendees_by_name_email_reference_or_code_and_pages_through_every_ticket,
    |app: TestApp| async move {
        let s = shop(&app, &[("Standard", "0", 20), ("VIP", "0", 5)]).await;
        let staff = app
            .member(&s.token, &s.org, "door@example.com", "checkin_staff")
            .await;
        let list = create_list(&app, &s, json!({"name": "Main door"})).await;
        let list_id = list["id"].as_str().unwrap().to_owned();
        let body = |name: &str, email: &str, type_id: &str, n: u32| {
            json!({
                "buyer": {"name": name, "email": email},
                "items": [{"ticket_type_id": type_id, "quantity": n}],
            })
        };
        let paul = buy(
            &app,
            &s.slug,
            body("Paul Biya-Ekane", "paul@example.com", &s.types[0], 2),
        )
        .await;
        assert_eq!(paul.status, StatusCode::CREATED, "{:?}", paul.body);
        let ngozi = buy(
            &app,
            &s.slug,
            body("Ngozi Okafor", "ngozi@lagos.example", &s.types[1], 1),
        )
        .await;
        assert_eq!(ngozi.status, StatusCode::CREATED, "{:?}", ngozi.body);
        let ngozi_ticket = ngozi.body["tickets"][0].clone();
        scan_with(
            &app,
            &staff,
            &s.org,
            &list_id,
            json!({"code": ngozi_ticket["code"], "nonce": "search-0001"}),
        )
        .await;

        let find = |q: &str| {
            let app = &app;
            let staff = staff.clone();
            let path = format!(
                "/api/v1/orgs/{}/checkin-lists/{list_id}/tickets?q={}",
                s.org,
                q.replace(' ', "%20").replace('@', "%40")
            );
            async move { app.get(&path, &staff).await }
        };
        let by_name = find("okaf").await;
        assert_eq!(by_name.status, StatusCode::OK, "{:?}", by_name.body);
        let items = by_name.body["items"].as_array().unwrap();
        assert_eq!(items.len(), 1);
        assert_eq!(items[0]["attendee_name"], "Ngozi Okafor");
        assert_eq!(items[0]["ticket_type_id"], s.types[1].as_str());
        assert_eq!(items[0]["admission"], "valid");
        assert_eq!(items[0]["presence"], "inside");
        assert!(items[0]["last_entry_at"].is_string());

        assert_eq!(
            find("PAUL@example").await.body["items"]
                .as_array()
                .unwrap()
                .len(),
            2
        );
        let code = ngozi_ticket["code"]
            .as_str()
            .unwrap()
            .to_lowercase()
            .replace('-', "");
        assert_eq!(find(&code).await.body["items"][0]["id"], ngozi_ticket["id"]);
        let reference = ngozi.body["reference"].as_str().unwrap().to_lowercase();
        assert_eq!(
            find(&reference).await.body["items"][0]["id"],
            ngozi_ticket["id"]
        );
        assert!(
            find("zz").await.body["items"]
                .as_array()
                .unwrap()
                .is_empty()
        );
        assert_problem(&find("a").await, 422, "validation_failed");

        // The offline copy: every ticket, two per page, in a stable order.
        let mut seen = Vec::new();
        let mut cursor: Option<String> = None;
        loop {
            let mut path = format!(
                "/api/v1/orgs/{}/checkin-lists/{list_id}/tickets?limit=2",
                s.org
            );
            if let Some(c) = &cursor {
                path.push_str(&format!("&cursor={c}"));
            }
            let page = app.get(&path, &staff).await;
            assert_eq!(page.status, StatusCode::OK, "{:?}", page.body);
            for t in page.body["items"].as_array().unwrap() {
                seen.push(t["id"].as_str().unwrap().to_owned());
            }
            match page.body["next_cursor"].as_str() {
                Some(c) => cursor = Some(c.to_owned()),
                None => break,
            }
        }
        assert_eq!(seen.len(), 3);
        let mut sorted = seen.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(sorted.len(), 3);

        // A cancelled order's tickets are there, marked so the door refuses them offline too.
        let cancel = app
            .post(
                &format!(
                    "/api/v1/orgs/{}/orders/{}/cancel",
                    s.org,
                    paul.body["id"].as_str().unwrap()
                ),
                Some(&s.token),
                json!({"reason": "duplicate"}),
            )
            .await;
        assert_eq!(cancel.status, StatusCode::OK, "{:?}", cancel.body);
        let paul_tickets = find("biya").await;
        for t in paul_tickets.body["items"].as_array().unwrap() {
            assert_eq!(t["admission"], "cancelled");
            assert_eq!(t["presence"], "never");
        }
    }
);
