//! Liveness (`/health`) and readiness (`/health/ready`: database and, when configured, Redis).
//! Failures are reported by name only; the cause goes to the log, not to the caller.

use actix_web::{HttpResponse, get, web};
use serde::Serialize;
use utoipa::ToSchema;

use crate::state::AppState;

#[derive(Serialize, ToSchema)]
pub struct Health {
    pub status: &'static str,
}

#[derive(Serialize, ToSchema)]
pub struct Readiness {
    pub status: &'static str,
    pub database: &'static str,
    pub redis: &'static str,
}

#[utoipa::path(tag = "health", responses((status = 200, body = Health)))]
#[get("/health")]
pub async fn health() -> HttpResponse {
    HttpResponse::Ok().json(Health { status: "ok" })
}

#[utoipa::path(tag = "health", responses((status = 200, body = Readiness), (status = 503, body = Readiness)))]
#[get("/health/ready")]
pub async fn ready(state: web::Data<AppState>) -> HttpResponse {
    let database = match state.db.ping().await {
        Ok(()) => "ok",
        Err(e) => {
            tracing::error!(error = %e, "readiness: database unreachable");
            "unavailable"
        }
    };
    let redis = match &state.redis {
        None => "not_configured",
        Some(pool) => match ping_redis(pool).await {
            Ok(()) => "ok",
            Err(e) => {
                tracing::error!(error = %e, "readiness: redis unreachable");
                "unavailable"
            }
        },
    };
    let ok = database == "ok" && redis != "unavailable";
    let body = Readiness {
        status: if ok { "ok" } else { "unavailable" },
        database,
        redis,
    };
    if ok {
        HttpResponse::Ok().json(body)
    } else {
        HttpResponse::ServiceUnavailable().json(body)
    }
}

async fn ping_redis(pool: &deadpool_redis::Pool) -> anyhow::Result<()> {
    let mut conn = pool.get().await?;
    let _: String = deadpool_redis::redis::cmd("PING")
        .query_async(&mut conn)
        .await?;
    Ok(())
}
