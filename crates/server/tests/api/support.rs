//! `TestApp`: the application wired to a fresh database, a temp mail folder and temp storage.
//! `db_test!` runs one test body on SQLite and on PostgreSQL.

use std::path::PathBuf;
use std::sync::Arc;

use actix_web::body::MessageBody;
use actix_web::dev::{Service, ServiceResponse};
use actix_web::http::StatusCode;
use actix_web::test::{self, TestRequest};
use chrono::Utc;
use db::testing::TestDb;
use integrations::{FileMailer, LocalDiskStorage, RateLimiter};
use reckot_server::auth::jwt::JwtKeys;
use reckot_server::clock::ManualClock;
use reckot_server::settings::Settings;
use reckot_server::state::AppState;
use serde_json::{Value, json};
use tempfile::TempDir;

pub enum Backend {
    Sqlite,
    Postgres,
}

/// Runs `$body` (an async fn taking `TestApp`) once per database backend.
#[macro_export]
macro_rules! db_test {
    ($name:ident, $body:expr) => {
        mod $name {
            use super::*;

            #[actix_web::test]
            async fn on_sqlite() {
                if let Some(app) =
                    $crate::support::TestApp::start($crate::support::Backend::Sqlite).await
                {
                    ($body)(app).await;
                }
            }

            #[actix_web::test]
            async fn on_postgres() {
                if let Some(app) =
                    $crate::support::TestApp::start($crate::support::Backend::Postgres).await
                {
                    ($body)(app).await;
                }
            }
        }
    };
}

pub struct TestApp {
    pub state: AppState,
    pub clock: Arc<ManualClock>,
    pub mail_dir: PathBuf,
    _dirs: TempDir,
    _db: TestDb,
}

pub struct Res {
    pub status: StatusCode,
    pub headers: actix_web::http::header::HeaderMap,
    pub body: Value,
}

impl TestApp {
    pub async fn start(backend: Backend) -> Option<TestApp> {
        reckot_server::bootstrap::install_crypto_provider();
        // `RUST_LOG=error cargo nextest run ... --no-capture` shows what a 500 hid.
        if std::env::var_os("RUST_LOG").is_some() {
            let _ = tracing_subscriber::fmt()
                .with_env_filter(tracing_subscriber::EnvFilter::from_default_env())
                .with_test_writer()
                .try_init();
        }
        let test_db = match backend {
            Backend::Sqlite => TestDb::sqlite().await,
            Backend::Postgres => TestDb::postgres().await?,
        };
        let dirs = TempDir::new().unwrap();
        let mail_dir = dirs.path().join("mail");
        let settings = Settings::from_lookup(|k| match k {
            "MAIL_DIR" => Some(mail_dir.display().to_string()),
            "STORAGE_DIR" => Some(dirs.path().join("uploads").display().to_string()),
            "SPA_DIR" => Some(dirs.path().join("spa").display().to_string()),
            "BASE_URL" => Some("http://reckot.test".into()),
            // Race tests send many orders from one (test) address; the limit has its own test.
            "CHECKOUT_RATE_LIMIT_PER_MINUTE" => Some("1000000".into()),
            _ => None,
        })
        .unwrap();
        let clock = Arc::new(ManualClock::new(Utc::now()));
        let state = AppState {
            db: test_db.db.clone(),
            jwt: JwtKeys::new(settings.jwt_secret_bytes()),
            mailer: Arc::new(FileMailer::new(mail_dir.clone())),
            storage: Arc::new(LocalDiskStorage::new(settings.storage_dir.clone())),
            limiter: Arc::new(RateLimiter::in_process()),
            redis: None,
            cache: Arc::new(reckot_server::cache::Cache::in_process()),
            live: Arc::new(reckot_server::live::Live::in_process()),
            clock: clock.clone(),
            jobs_ready: Arc::new(tokio::sync::Notify::new()),
            gateways: reckot_server::state::Gateways::from_settings(&settings),
            settings: Arc::new(settings),
        };
        Some(TestApp {
            state,
            clock,
            mail_dir,
            _dirs: dirs,
            _db: test_db,
        })
    }

    pub async fn call(&self, req: TestRequest) -> Res {
        call_state(&self.state, req).await
    }

    /// This app's state with its public cache in Redis under `prefix`, as a second instance
    /// would have it. `None` (skipped) when Redis is unreachable and not required.
    pub async fn redis_instance(&self, prefix: &str) -> Option<AppState> {
        let url =
            std::env::var("TEST_REDIS_URL").unwrap_or_else(|_| "redis://127.0.0.1:6379".into());
        let pool = match integrations::redis_pool(&url).await {
            Ok(pool) => pool,
            Err(e) if std::env::var("RECKOT_REQUIRE_SERVICES").as_deref() == Ok("1") => {
                panic!("Redis required: {e}")
            }
            Err(_) => {
                eprintln!("SKIPPED: redis unreachable");
                return None;
            }
        };
        let mut state = self.state.clone();
        state.cache = Arc::new(reckot_server::cache::Cache::redis(pool, prefix));
        Some(state)
    }
}

pub async fn call_state(state: &AppState, req: TestRequest) -> Res {
    {
        let app = test::init_service(reckot_server::http::app::build(state.clone())).await;
        let res = app.call(req.to_request()).await.unwrap();
        into_res(res).await
    }
}

impl TestApp {
    pub async fn send(
        &self,
        method: &str,
        path: &str,
        token: Option<&str>,
        body: Option<Value>,
    ) -> Res {
        let mut req = match method {
            "GET" => TestRequest::get(),
            "POST" => TestRequest::post(),
            "PUT" => TestRequest::put(),
            "PATCH" => TestRequest::patch(),
            "DELETE" => TestRequest::delete(),
            other => panic!("method {other}"),
        }
        .uri(path)
        .peer_addr("10.0.0.1:4000".parse().unwrap());
        if let Some(t) = token {
            req = req.insert_header(("Authorization", format!("Bearer {t}")));
        }
        if let Some(b) = body {
            req = req.set_json(b);
        }
        self.call(req).await
    }

    pub async fn get(&self, path: &str, token: &str) -> Res {
        self.send("GET", path, Some(token), None).await
    }

    pub async fn post(&self, path: &str, token: Option<&str>, body: Value) -> Res {
        self.send("POST", path, token, Some(body)).await
    }

    pub async fn patch(&self, path: &str, token: &str, body: Value) -> Res {
        self.send("PATCH", path, Some(token), Some(body)).await
    }

    pub async fn delete(&self, path: &str, token: &str) -> Res {
        self.send("DELETE", path, Some(token), None).await
    }

    /// Runs queued jobs (emails) now, as the worker would.
    pub async fn run_jobs(&self) {
        reckot_server::jobs::drain(&self.state).await.unwrap();
    }

    /// Every email delivered so far to `to`, oldest first, as the file mailer's JSON records.
    pub async fn emails_to(&self, to: &str) -> Vec<Value> {
        self.run_jobs().await;
        let mut found = Vec::new();
        let Ok(entries) = std::fs::read_dir(&self.mail_dir) else {
            return found;
        };
        let mut paths: Vec<_> = entries
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "json"))
            .collect();
        paths.sort();
        for p in paths {
            let v: Value = serde_json::from_str(&std::fs::read_to_string(&p).unwrap()).unwrap();
            if v["to"].as_str() == Some(to) {
                found.push(v);
            }
        }
        found
    }

    /// The token of the newest emailed link containing `path_marker` (e.g. `/verify-email`).
    pub async fn emailed_token(&self, to: &str, path_marker: &str) -> String {
        let emails = self.emails_to(to).await;
        let link = emails
            .iter()
            .rev()
            .flat_map(|e| e["links"].as_array().cloned().unwrap_or_default())
            .filter_map(|l| l.as_str().map(str::to_owned))
            .find(|l| l.contains(path_marker))
            .unwrap_or_else(|| panic!("no {path_marker} link mailed to {to}: {emails:?}"));
        link.split("token=").nth(1).unwrap().to_owned()
    }

    /// Signs up, verifies by the emailed link and logs in; returns the access token.
    pub async fn user(&self, email: &str) -> String {
        let res = self
            .post(
                "/api/v1/auth/signup",
                None,
                json!({"email": email, "password": "correct horse battery", "name": "Test Person"}),
            )
            .await;
        assert_eq!(res.status, StatusCode::ACCEPTED, "{:?}", res.body);
        let token = self.emailed_token(email, "/verify-email").await;
        let res = self
            .post("/api/v1/auth/verify-email", None, json!({"token": token}))
            .await;
        assert_eq!(res.status, StatusCode::NO_CONTENT, "{:?}", res.body);
        self.login(email, "correct horse battery").await
    }

    pub async fn login(&self, email: &str, password: &str) -> String {
        let res = self
            .post(
                "/api/v1/auth/login",
                None,
                json!({"email": email, "password": password}),
            )
            .await;
        assert_eq!(res.status, StatusCode::OK, "{:?}", res.body);
        res.body["access_token"].as_str().unwrap().to_owned()
    }

    /// A new organization owned by the holder of `token`; returns its id.
    pub async fn org(&self, token: &str, name: &str) -> String {
        let res = self
            .post(
                "/api/v1/orgs",
                Some(token),
                json!({"name": name, "country": "CM", "currency": "XAF"}),
            )
            .await;
        assert_eq!(res.status, StatusCode::CREATED, "{:?}", res.body);
        res.body["id"].as_str().unwrap().to_owned()
    }

    /// Invites `email` into `org_id` with `role` and has that person (a new account) accept.
    pub async fn member(&self, owner_token: &str, org_id: &str, email: &str, role: &str) -> String {
        let res = self
            .post(
                &format!("/api/v1/orgs/{org_id}/invitations"),
                Some(owner_token),
                json!({"email": email, "role": role}),
            )
            .await;
        assert_eq!(res.status, StatusCode::CREATED, "{:?}", res.body);
        let token = self.user(email).await;
        let invite = self.emailed_token(email, "/invitations/accept").await;
        let res = self
            .post(
                "/api/v1/invitations/accept",
                Some(&token),
                json!({"token": invite}),
            )
            .await;
        assert_eq!(res.status, StatusCode::OK, "{:?}", res.body);
        token
    }
}

pub async fn into_res<B: MessageBody>(res: ServiceResponse<B>) -> Res {
    let status = res.status();
    let headers = res.headers().clone();
    let bytes = test::read_body(res).await;
    let body = if bytes.is_empty() {
        Value::Null
    } else {
        serde_json::from_slice(&bytes)
            .unwrap_or(Value::String(String::from_utf8_lossy(&bytes).into_owned()))
    };
    Res {
        status,
        headers,
        body,
    }
}

/// Asserts a problem+json answer with `status` and `code`.
pub fn assert_problem(res: &Res, status: u16, code: &str) {
    assert_eq!(res.status.as_u16(), status, "{:?}", res.body);
    assert_eq!(res.body["code"], code, "{:?}", res.body);
    assert_eq!(
        res.headers
            .get("content-type")
            .and_then(|v| v.to_str().ok()),
        Some("application/problem+json"),
        "{:?}",
        res.body
    );
}
