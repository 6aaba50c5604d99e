//! The throughput ceiling for `just bench-public`: a trivial actix-web server with one handler that
//! returns a small fixed JSON object (a few hundred bytes, like a public event page). It has no
//! middleware, no database and no cache, and the same worker count as `reckot serve` (actix's
//! default: one per core), so that, loaded the same way on the same machine in the same run, it
//! shows what the hardware, the load generator and actix itself allow.
//!
//! ```text
//! cargo build --release -p reckot-server --example ceiling
//! BIND_ADDR=127.0.0.1:18080 target/release/examples/ceiling
//! curl http://127.0.0.1:18080/api/v1/public/events/douala-jazz-night
//! ```

use actix_web::{App, HttpResponse, HttpServer, web};
use serde_json::{Value, json};

/// A stand-in for a small public event: similar shape and size to the real payload's head.
fn event() -> Value {
    json!({
        "slug": "douala-jazz-night",
        "title": "Douala Jazz Night",
        "summary": "An evening of Cameroonian jazz by the river.",
        "starts_at": "2026-01-09T18:00:00Z",
        "ends_at": "2026-01-09T23:00:00Z",
        "timezone": "Africa/Douala",
        "location": { "venue_name": "Espace Wouri", "city": "Douala", "country": "CM" },
        "status": "on_sale",
        "organizer": { "name": "Douala Tech Week", "slug": "douala-tech-week", "logo_url": null },
        "ticket_types": [
            { "name": "Standard", "price": { "amount": "5000", "currency": "XAF" }, "sale_state": "on_sale", "remaining": 120 }
        ]
    })
}

/// Serializes the object on every request, as a plain `web::Json` handler would.
async fn handler(body: web::Data<Value>) -> HttpResponse {
    HttpResponse::Ok().json(body.get_ref())
}

#[actix_web::main]
async fn main() -> std::io::Result<()> {
    let addr = std::env::var("BIND_ADDR").unwrap_or_else(|_| "127.0.0.1:18080".into());
    let body = web::Data::new(event());
    let server = HttpServer::new(move || {
        App::new()
            .app_data(body.clone())
            .default_service(web::to(handler))
    })
    .bind(&addr)?
    .run();
    eprintln!("ceiling: listening on http://{addr}/ (any path answers the same JSON)");
    server.await
}
