//! `/e/{slug}`: the SPA's page for an event, with Open Graph and Twitter card tags in the HTML
//! itself, because link previews (WhatsApp, Facebook, X) do not run JavaScript.

use actix_web::http::header::{self, HeaderValue};
use actix_web::{HttpRequest, HttpResponse, get, web};
use common::Lang;

use crate::content::og::{SocialMeta, with_social_meta};
use crate::error::{AppError, AppResult};
use crate::http::problem::request_lang;
use crate::services::event_fields::join;
use crate::services::public_events;
use crate::state::AppState;

#[get("/e/{slug}")]
pub async fn event_page(
    state: web::Data<AppState>,
    req: HttpRequest,
    slug: web::Path<String>,
) -> AppResult<HttpResponse> {
    let index = std::fs::read_to_string(state.settings.spa_dir.join("index.html"))
        .map_err(|_| AppError::not_found())?;
    let html = match public_events::social_summary(&state, &slug).await {
        Ok((event, org)) => {
            let lang = request_lang(&req);
            let title = join(&event.title_en, &event.title_fr);
            let summary = join(&event.summary_en, &event.summary_fr);
            let base = &state.settings.base_url;
            with_social_meta(
                &index,
                &SocialMeta {
                    title: format!("{} · {}", title.get(lang), org.name),
                    description: summary.get(lang).to_owned(),
                    url: format!("{base}/e/{}", event.slug),
                    image_url: event
                        .cover_key
                        .as_ref()
                        .map(|k| format!("{base}/media/{k}")),
                    site_name: "Reckot".into(),
                    locale: if lang == Lang::Fr {
                        "fr_FR".into()
                    } else {
                        "en_US".into()
                    },
                },
            )
        }
        // Unknown or unpublished: the SPA shows its own "not found" page.
        Err(_) => index,
    };
    Ok(HttpResponse::Ok()
        .content_type("text/html; charset=utf-8")
        .insert_header((header::CACHE_CONTROL, HeaderValue::from_static("no-cache")))
        .body(html))
}
