//! The OpenAPI document, collected from the registered handlers. Cross-cutting parts (security,
//! the problem+json error responses) are added here once instead of on every handler.

use common::Problem;
use utoipa::openapi::path::Operation;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityRequirement, SecurityScheme};
use utoipa::openapi::{ContentBuilder, OpenApi as OpenApiDoc, Ref, ResponseBuilder};
use utoipa::{Modify, OpenApi, PartialSchema, ToSchema};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Reckot API",
        description = "Event management and ticketing. Errors are RFC 9457 problem+json with a stable `code`; \
                       send `Accept-Language: fr` for French titles. Money amounts are decimal strings in major units.",
        version = "1.0.0",
        license(name = "AGPL-3.0-only")
    ),
    tags(
        (name = "auth", description = "Sign-up, login, tokens, password reset"),
        (name = "me", description = "The signed-in person's profile"),
        (name = "orgs", description = "Organizations and their settings"),
        (name = "members", description = "Members, roles and invitations"),
        (name = "events", description = "Events, ticket types and capacity groups, as organizers manage them"),
        (name = "public", description = "Discovery and event pages, for anyone (cached, with ETag)"),
        (name = "checkout", description = "Pricing and placing orders (holds, coupons, Idempotency-Key)"),
        (name = "orders", description = "A buyer's order: status, payment, tickets (by signed token or as the signed-in buyer)"),
        (name = "test-gateway", description = "Development payment gateway (approve or decline); disabled in production"),
        (name = "webhooks", description = "Payment gateways report outcomes (authenticated by their signatures, not a bearer token)"),
        (name = "bookings", description = "An organizer's orders: search, detail with history, cancel, resend, CSV"),
        (name = "coupons", description = "Discount codes of an event, with usage statistics"),
        (name = "checkin", description = "Check-in lists, scanning at the door (online and offline sync), the scan log with its conflicts, attendee search, scanning devices and the key for offline verification"),
        (name = "finance", description = "Money after the sale: balances and ledger, withdrawals to the organizer, refunds to buyers, invoices and credit notes (PDF, en/fr)"),
        (name = "swag", description = "Swag items of an event: stock and adjustments, hand-outs by scanning the ticket, the report"),
        (name = "admin", description = "Platform administration"),
        (name = "health", description = "Liveness and readiness"),
    ),
    modifiers(&Conventions)
)]
pub struct BaseDoc;

/// The whole document, as served at `/api/openapi.json` and committed in `openapi/openapi.json`.
pub fn document() -> OpenApiDoc {
    crate::http::app::collect_openapi()
}

pub fn to_pretty_json(doc: &OpenApiDoc) -> anyhow::Result<String> {
    Ok(serde_json::to_string_pretty(doc)? + "\n")
}

/// Operations anyone may call without a bearer token.
fn is_public(path: &str, method: &str) -> bool {
    path.starts_with("/api/v1/auth/")
        || path.starts_with("/api/v1/public/")
        // The order's signed `token` grants access (a bearer token of its buyer works too).
        || path.starts_with("/api/v1/orders/")
        || path.starts_with("/api/v1/test-gateway/")
        // Gateways authenticate their webhooks by signature, not by a bearer token.
        || path.starts_with("/api/v1/webhooks/")
        || path.starts_with("/health")
        || (path == "/api/v1/invitations/{token}" && method == "get")
}

struct Conventions;

impl Modify for Conventions {
    fn modify(&self, doc: &mut OpenApiDoc) {
        let components = doc.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("JWT")
                    .description(Some("Access token from POST /api/v1/auth/login"))
                    .build(),
            ),
        );
        components
            .schemas
            .insert(Problem::name().into_owned(), Problem::schema());
        for (name, schema) in [
            (common::ErrorCode::name(), common::ErrorCode::schema()),
            (common::FieldError::name(), common::FieldError::schema()),
        ] {
            components.schemas.insert(name.into_owned(), schema);
        }
    }
}

/// Adds security and documented problem responses to every collected operation.
pub fn apply_conventions(doc: &mut OpenApiDoc) {
    for (path, item) in doc.paths.paths.iter_mut() {
        let ops: [(&str, &mut Option<Operation>); 5] = [
            ("get", &mut item.get),
            ("post", &mut item.post),
            ("put", &mut item.put),
            ("patch", &mut item.patch),
            ("delete", &mut item.delete),
        ];
        for (method, op) in ops {
            let Some(op) = op.as_mut() else { continue };
            let public = is_public(path, method);
            if !public {
                op.security = Some(vec![SecurityRequirement::new(
                    "bearer",
                    Vec::<String>::new(),
                )]);
            }
            let mut errors: Vec<(&str, &str)> = vec![(
                "500",
                "Unexpected error; the body carries only a request id",
            )];
            if !public {
                errors.push(("401", "Missing, invalid or expired access token"));
            }
            if path.starts_with("/api/v1/orgs/{org_id}") {
                errors.push((
                    "403",
                    "Your role lacks the permission, or the organization is suspended",
                ));
                errors.push((
                    "404",
                    "No such organization among yours, or no such resource in it",
                ));
            } else if path.starts_with("/api/v1/admin") {
                errors.push(("403", "Only platform administrators"));
            }
            if op.request_body.is_some() || path.contains('{') {
                errors.push(("422", "Invalid fields, listed in `errors`"));
            }
            if path == "/api/v1/auth/login" || path.starts_with("/api/v1/auth/password-reset") {
                errors.push((
                    "429",
                    "Too many attempts; see Retry-After and RateLimit-* headers",
                ));
            }
            for (status, description) in errors {
                op.responses
                    .responses
                    .entry(status.to_owned())
                    .or_insert_with(|| {
                        ResponseBuilder::new()
                            .description(description)
                            .content(
                                "application/problem+json",
                                ContentBuilder::new()
                                    .schema(Some(Ref::from_schema_name("Problem")))
                                    .build(),
                            )
                            .build()
                            .into()
                    });
            }
        }
    }
}
