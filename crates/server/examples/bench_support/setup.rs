//! The set-up the load generators share (`bench_checkout`, `bench_checkin`): sign in as an
//! organizer that already exists (`reckot create-user --verified`), create an organization, an
//! event with one FREE ticket type, publish it, and check that its public page answers.
//! Included with `#[path = "bench_support/setup.rs"] mod setup;`, next to `mod http;`.

use anyhow::Context;
use serde_json::{Value, json};

use crate::http::{Conn, call, str_field};

/// What the event is called; each bench names its own.
pub struct Names {
    pub org: &'static str,
    pub title: &'static str,
    pub summary_en: &'static str,
    pub summary_fr: &'static str,
    pub description_en: &'static str,
    pub description_fr: &'static str,
    pub ticket_type: &'static str,
}

pub struct Sale {
    pub org_id: String,
    pub event_id: String,
    pub ticket_type_id: String,
    pub slug: String,
    /// The organizer's access token.
    pub token: String,
}

/// `YYYY-MM-DDTHH:00:00Z`, `days` from today.
pub fn future(days: i64, hour: u32) -> String {
    let d = chrono::Utc::now().date_naive() + chrono::Duration::days(days);
    format!("{d}T{hour:02}:00:00Z")
}

/// Signs in, then creates the organization, the event and its free ticket type of `tickets`
/// (at most 10 per order), and publishes it.
pub async fn set_up_sale(
    host: &str,
    email: &str,
    password: &str,
    tickets: u32,
    names: &Names,
) -> anyhow::Result<Sale> {
    let mut c = Conn::connect(host)
        .await
        .with_context(|| format!("cannot connect to {host}"))?;
    let login = call(
        &mut c,
        "POST",
        "/api/v1/auth/login",
        None,
        Some(&json!({"email": email, "password": password})),
        200,
    )
    .await?;
    let token = str_field(&login, "access_token")?;
    let t = Some(token.as_str());
    let org = call(
        &mut c,
        "POST",
        "/api/v1/orgs",
        t,
        Some(&json!({"name": names.org, "country": "CM", "currency": "XAF"})),
        201,
    )
    .await?;
    let org_id = str_field(&org, "id")?;
    let event = call(
        &mut c,
        "POST",
        &format!("/api/v1/orgs/{org_id}/events"),
        t,
        Some(&json!({
            "title": {"en": names.title, "fr": names.title},
            "summary": {"en": names.summary_en, "fr": names.summary_fr},
            "description": {"en": names.description_en, "fr": names.description_fr},
            "starts_at": future(30, 18),
            "ends_at": future(30, 23),
            "timezone": "Africa/Douala",
            "location": {"venue_name": "Palais des Sports", "city": "Yaoundé", "country": "CM"}
        })),
        201,
    )
    .await?;
    let event_id = str_field(&event, "id")?;
    let tt = call(
        &mut c,
        "POST",
        &format!("/api/v1/orgs/{org_id}/events/{event_id}/ticket-types"),
        t,
        Some(&json!({
            "name": {"en": names.ticket_type, "fr": names.ticket_type},
            "price": {"amount": "0", "currency": "XAF"},
            "quantity": tickets,
            "max_per_order": 10
        })),
        201,
    )
    .await?;
    let ticket_type_id = str_field(&tt, "id")?;
    let published = call(
        &mut c,
        "POST",
        &format!("/api/v1/orgs/{org_id}/events/{event_id}/publish"),
        t,
        Some(&json!({})),
        200,
    )
    .await?;
    let slug = str_field(&published, "slug")?;
    // The public page answers: the event is on sale.
    call(
        &mut c,
        "GET",
        &format!("/api/v1/public/events/{slug}"),
        None,
        None,
        200,
    )
    .await?;
    Ok(Sale {
        org_id,
        event_id,
        ticket_type_id,
        slug,
        token,
    })
}

/// The JSON body of an order of `quantity` tickets of `ticket_type_id` by buyer number `n`.
pub fn order_body(n: u64, ticket_type_id: &str, quantity: u32) -> Value {
    json!({
        "buyer": {"name": format!("Buyer {n}"), "email": format!("buyer{n}@bench.test")},
        "items": [{"ticket_type_id": ticket_type_id, "quantity": quantity}]
    })
}
