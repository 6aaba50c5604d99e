//! Assembles the actix-web application: middleware, the `/api/v1` routes (collected into the
//! OpenAPI document as they are registered), docs, health, media and the SPA fallback.

use actix_cors::Cors;
use actix_web::body::MessageBody;
use actix_web::dev::{ServiceFactory, ServiceRequest, ServiceResponse};
use actix_web::middleware::{Compress, from_fn};
use actix_web::{App, HttpResponse, web};
use tracing_actix_web::{DefaultRootSpanBuilder, RootSpanBuilder, TracingLogger};
use utoipa::OpenApi;
use utoipa_actix_web::{AppExt, scope};
use utoipa_swagger_ui::SwaggerUi;

use crate::http::{health, problem, security, social, spa};
use crate::openapi::{BaseDoc, apply_conventions};
use crate::routes;
use crate::state::AppState;

/// JSON bodies above this size are refused before parsing.
const JSON_LIMIT_BYTES: usize = 256 * 1024;
const UPLOAD_LIMIT_BYTES: usize = 8 * 1024 * 1024;

fn routed<T>(app: App<T>) -> utoipa_actix_web::UtoipaApp<T>
where
    T: ServiceFactory<ServiceRequest, Config = (), Error = actix_web::Error, InitError = ()>,
{
    app.into_utoipa_app()
        .openapi(BaseDoc::openapi())
        .service(health::health)
        .service(health::ready)
        .service(scope::scope("/api/v1").configure(routes::configure))
}

/// The OpenAPI document without building a server.
pub fn collect_openapi() -> utoipa::openapi::OpenApi {
    let (_, mut doc) = routed(App::new()).split_for_parts();
    apply_conventions(&mut doc);
    doc
}

pub fn build(
    state: AppState,
) -> App<
    impl ServiceFactory<
        ServiceRequest,
        Config = (),
        Response = ServiceResponse<impl MessageBody>,
        Error = actix_web::Error,
        InitError = (),
    >,
> {
    let cors = cors(&state.settings.cors_allowed_origins);
    let base = App::new()
        .app_data(web::Data::new(state))
        .app_data(
            web::JsonConfig::default()
                .limit(JSON_LIMIT_BYTES)
                .error_handler(problem::json_error),
        )
        .app_data(web::QueryConfig::default().error_handler(problem::query_error))
        .app_data(web::PathConfig::default().error_handler(problem::path_error))
        // Raw uploads (logo, cover); each service enforces its own, smaller limit with a problem.
        .app_data(web::PayloadConfig::new(UPLOAD_LIMIT_BYTES));
    let (app, mut doc) = routed(base).split_for_parts();
    apply_conventions(&mut doc);
    app.route(
        "/api/openapi.json",
        web::get().to({
            let doc = doc.clone();
            move || {
                let doc = doc.clone();
                async move { HttpResponse::Ok().json(doc) }
            }
        }),
    )
    .route(
        "/api/docs",
        web::get().to(|| async {
            HttpResponse::PermanentRedirect()
                .insert_header(("Location", "/api/docs/"))
                .finish()
        }),
    )
    .service(SwaggerUi::new("/api/docs/{_:.*}").url("/api/openapi.json", doc))
    .service(spa::media)
    .service(social::event_page)
    .default_service(web::to(spa::fallback))
    .wrap(Compress::default())
    .wrap(cors)
    .wrap(from_fn(security::headers))
    .wrap(from_fn(problem::localize))
    .wrap(TracingLogger::<ReckotRootSpan>::new())
}

/// Browsers on other origins may call the API only when listed in `CORS_ALLOWED_ORIGINS`.
fn cors(origins: &[String]) -> Cors {
    let mut cors = Cors::default()
        .allowed_methods(["GET", "POST", "PUT", "PATCH", "DELETE"])
        .allowed_headers([
            "authorization",
            "content-type",
            "accept-language",
            "idempotency-key",
        ])
        .expose_headers([
            "x-request-id",
            "retry-after",
            "ratelimit-limit",
            "ratelimit-remaining",
            "ratelimit-reset",
            "etag",
        ])
        .max_age(3600);
    for origin in origins {
        cors = cors.allowed_origin(origin);
    }
    cors
}

/// Root span with the fields handlers fill in once they know them.
pub struct ReckotRootSpan;

impl RootSpanBuilder for ReckotRootSpan {
    fn on_request_start(request: &ServiceRequest) -> tracing::Span {
        tracing_actix_web::root_span!(
            request,
            user.id = tracing::field::Empty,
            org.id = tracing::field::Empty
        )
    }

    fn on_request_end<B: MessageBody>(
        span: tracing::Span,
        outcome: &Result<ServiceResponse<B>, actix_web::Error>,
    ) {
        DefaultRootSpanBuilder::on_request_end(span, outcome);
    }
}
