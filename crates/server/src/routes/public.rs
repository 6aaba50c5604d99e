//! `/public/*`: discovery and event pages for anyone, including partners' sites. Cached, with
//! `ETag` / `If-None-Match`.

use actix_web::http::header::{self, HeaderValue};
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use common::Page;
use common::events::Category;
use common::public::{
    DiscoverQuery, PublicEvent, PublicEventSummary, PublicTicketType, UnlockTicketTypes,
};

use crate::error::AppResult;
use crate::services::public_events::{self, Cached};
use crate::state::AppState;

/// 304 when the client already has this version; clients revalidate every time (`no-cache`)
/// because availability moves with every sale.
fn conditional(req: &HttpRequest, cached: Cached) -> HttpResponse {
    let matches = req
        .headers()
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| {
            v.split(',')
                .any(|tag| tag.trim() == cached.etag || tag.trim() == "*")
        });
    let mut res = if matches {
        HttpResponse::NotModified()
    } else {
        HttpResponse::Ok()
    };
    res.insert_header((header::ETAG, cached.etag.clone()))
        .insert_header((
            header::CACHE_CONTROL,
            HeaderValue::from_static("public, no-cache"),
        ))
        .insert_header((header::VARY, HeaderValue::from_static("Accept-Encoding")));
    if matches {
        res.finish()
    } else {
        res.content_type("application/json").body(cached.body)
    }
}

#[utoipa::path(tag = "public", responses((status = 200, body = Vec<Category>)))]
#[get("/public/categories")]
pub async fn list_categories(state: web::Data<AppState>) -> AppResult<web::Json<Vec<Category>>> {
    Ok(web::Json(public_events::categories(&state).await?))
}

/// Upcoming public events: text search, filters, featured first, then by date or popularity.
#[utoipa::path(tag = "public", params(DiscoverQuery), responses((status = 200, body = Page<PublicEventSummary>), (status = 304, description = "Not modified")))]
#[get("/public/events")]
pub async fn discover_events(
    state: web::Data<AppState>,
    req: HttpRequest,
    q: web::Query<DiscoverQuery>,
) -> AppResult<HttpResponse> {
    Ok(conditional(
        &req,
        public_events::discover(&state, q.into_inner()).await?,
    ))
}

/// A published (or cancelled) event with its listed ticket types, prices and availability.
#[utoipa::path(tag = "public", params(("slug" = String, Path)), responses((status = 200, body = PublicEvent), (status = 304, description = "Not modified")))]
#[get("/public/events/{slug}")]
pub async fn get_public_event(
    state: web::Data<AppState>,
    req: HttpRequest,
    slug: web::Path<String>,
) -> AppResult<HttpResponse> {
    Ok(conditional(
        &req,
        public_events::event(&state, &slug).await?,
    ))
}

/// Reveal the hidden ticket types an access code opens.
#[utoipa::path(tag = "public", params(("slug" = String, Path)), request_body = UnlockTicketTypes, responses((status = 200, body = Vec<PublicTicketType>)))]
#[post("/public/events/{slug}/unlock")]
pub async fn unlock_ticket_types(
    state: web::Data<AppState>,
    slug: web::Path<String>,
    body: web::Json<UnlockTicketTypes>,
) -> AppResult<web::Json<Vec<PublicTicketType>>> {
    Ok(web::Json(
        public_events::unlock(&state, &slug, body.into_inner()).await?,
    ))
}

/// The event as an iCalendar file, for "add to calendar".
#[utoipa::path(tag = "public", params(("slug" = String, Path)), responses((status = 200, content_type = "text/calendar", body = String)))]
#[get("/public/events/{slug}/calendar.ics")]
pub async fn event_calendar(
    state: web::Data<AppState>,
    slug: web::Path<String>,
) -> AppResult<HttpResponse> {
    let ics = public_events::calendar(&state, &slug).await?;
    Ok(HttpResponse::Ok()
        .content_type("text/calendar; charset=utf-8")
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"{slug}.ics\""),
        ))
        .body(ics))
}

/// The event page's theme: brand colors as custom properties plus the organizer's CSS, scoped to
/// `.event-theme`.
#[utoipa::path(tag = "public", params(("slug" = String, Path)), responses((status = 200, content_type = "text/css", body = String)))]
#[get("/public/events/{slug}/theme.css")]
pub async fn event_theme_css(
    state: web::Data<AppState>,
    slug: web::Path<String>,
) -> AppResult<HttpResponse> {
    let css = public_events::theme_css(&state, &slug).await?;
    Ok(HttpResponse::Ok()
        .content_type("text/css; charset=utf-8")
        .insert_header((
            header::CACHE_CONTROL,
            HeaderValue::from_static("public, max-age=60"),
        ))
        .body(css))
}
