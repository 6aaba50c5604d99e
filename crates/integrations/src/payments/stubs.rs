//! Local stand-ins for the payment gateways (feature `test-stubs`), for tests and for development
//! runs: small actix-web servers on `127.0.0.1:0` that speak each gateway's documented wire format
//! ([`campay::CampayStub`], [`pawapay::PawapayStub`], [`flutterwave::FlutterwaveStub`]), keep
//! their transactions in memory, and send signed callbacks to a configured URL.
//!
//! [`Knobs`] make them misbehave the way real gateways do: slow answers, 503s, callbacks delayed,
//! lost, duplicated, reordered or forged. [`Outcome`]s script what a payer (by phone number) or a
//! transaction does. [`CallbackSink`] is the other end: a server that records every callback
//! exactly as received, as a [`WebhookRequest`] ready for `verify_webhook`.

// Handlers return the ready HTTP answer as their error (`Result<_, HttpResponse>`); its size
// does not matter in a test server.
#![allow(clippy::result_large_err)]

use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use actix_web::dev::ServerHandle;
use actix_web::middleware::{NormalizePath, TrailingSlash};
use actix_web::{App, HttpRequest, HttpResponse, HttpServer, web};
use tokio::sync::mpsc;

use super::WebhookRequest;

pub mod campay;
pub mod flutterwave;
pub mod pawapay;

/// How a stub misbehaves; all off by default.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Knobs {
    /// Every API answer waits this long (longer than the client's timeout: `Unavailable`).
    pub api_delay: Duration,
    /// The next this-many API calls answer 503.
    pub api_failures: u32,
    /// Each callback waits this long before it is sent.
    pub callback_delay: Duration,
    /// Callbacks are never sent, as if lost on the way (status polling must find the outcome).
    pub lose_callbacks: bool,
    /// Each callback is delivered twice.
    pub duplicate_callbacks: bool,
    /// Callbacks are held until [`Dispatcher::release`] (each stub's `release_callbacks`), then
    /// delivered newest first.
    pub reorder_callbacks: bool,
    /// Callbacks carry a signature made with the wrong key (they must be refused).
    pub forge_callbacks: bool,
}

/// What a scripted payer or transaction does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Approves: the transaction succeeds.
    Succeed,
    /// Accepted, then fails with this gateway code (`PAYMENT_NOT_APPROVED`, ...).
    Fail(String),
    /// Accepted and never finishes (no callback).
    Stay,
    /// Refused when initiated, with this gateway code (`ER101`, `INVALID_PHONE_NUMBER`, ...).
    Reject(String),
}

/// A callback ready to send.
#[derive(Debug, Clone)]
pub struct Outgoing {
    pub method: reqwest::Method,
    pub url: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

/// Sends callbacks according to the knobs, retrying a receiver that fails (3 attempts).
pub struct Dispatcher {
    http: reqwest::Client,
    held: Mutex<Vec<Outgoing>>,
    lost: Mutex<Vec<Outgoing>>,
}

impl Dispatcher {
    pub(crate) fn new() -> std::io::Result<Dispatcher> {
        let _ = rustls::crypto::ring::default_provider().install_default();
        // No pooled connections: callbacks go out from several runtimes (server workers, tests).
        let http = reqwest::Client::builder()
            .pool_max_idle_per_host(0)
            .timeout(Duration::from_secs(5))
            .build()
            .map_err(std::io::Error::other)?;
        Ok(Dispatcher {
            http,
            held: Mutex::new(Vec::new()),
            lost: Mutex::new(Vec::new()),
        })
    }

    pub(crate) fn dispatch(self: &Arc<Self>, knobs: &Knobs, callback: Outgoing) {
        if knobs.lose_callbacks {
            lock(&self.lost).push(callback);
            return;
        }
        let copies = if knobs.duplicate_callbacks { 2 } else { 1 };
        if knobs.reorder_callbacks {
            let mut held = lock(&self.held);
            held.extend(std::iter::repeat_n(callback, copies));
            return;
        }
        let this = Arc::clone(self);
        let delay = knobs.callback_delay;
        tokio::spawn(async move {
            tokio::time::sleep(delay).await;
            for _ in 0..copies {
                this.deliver(&callback).await;
            }
        });
    }

    /// Delivers the held callbacks, newest first.
    pub async fn release(&self) {
        let held = std::mem::take(&mut *lock(&self.held));
        for callback in held.iter().rev() {
            self.deliver(callback).await;
        }
    }

    /// How many callbacks are held.
    pub fn held(&self) -> usize {
        lock(&self.held).len()
    }

    /// The callbacks the `lose_callbacks` knob swallowed.
    pub fn lost(&self) -> Vec<Outgoing> {
        lock(&self.lost).clone()
    }

    async fn deliver(&self, callback: &Outgoing) {
        for attempt in 1..=3_u64 {
            let mut request = self
                .http
                .request(callback.method.clone(), &callback.url)
                .body(callback.body.clone());
            for (name, value) in &callback.headers {
                request = request.header(name, value);
            }
            match request.send().await {
                Ok(response) if response.status().is_success() => return,
                Ok(response) => {
                    tracing::debug!(status = %response.status(), attempt, "stub callback refused")
                }
                Err(error) => tracing::debug!(%error, attempt, "stub callback failed"),
            }
            tokio::time::sleep(Duration::from_millis(50 * attempt)).await;
        }
    }
}

/// What every stub shares: the knobs and the callback dispatcher.
pub(crate) struct Core {
    pub knobs: Mutex<Knobs>,
    pub dispatcher: Arc<Dispatcher>,
    pub callback_url: Mutex<Option<String>>,
}

impl Core {
    pub(crate) fn new(callback_url: Option<String>) -> std::io::Result<Core> {
        Ok(Core {
            knobs: Mutex::new(Knobs::default()),
            dispatcher: Arc::new(Dispatcher::new()?),
            callback_url: Mutex::new(callback_url),
        })
    }

    pub(crate) fn knobs(&self) -> Knobs {
        lock(&self.knobs).clone()
    }

    /// The API knobs: waits `api_delay`, then `Some(503)` while `api_failures` lasts.
    pub(crate) async fn gate(&self) -> Option<HttpResponse> {
        let delay = lock(&self.knobs).api_delay;
        if !delay.is_zero() {
            tokio::time::sleep(delay).await;
        }
        let mut knobs = lock(&self.knobs);
        if knobs.api_failures > 0 {
            knobs.api_failures -= 1;
            return Some(HttpResponse::ServiceUnavailable().body("stub: failing on purpose"));
        }
        None
    }

    pub(crate) fn callback_url(&self) -> Option<String> {
        lock(&self.callback_url).clone()
    }
}

/// A `std` mutex lock that shrugs off poisoning (a panicking test thread must not cascade).
pub(crate) fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// A running stub server; it stops when dropped.
pub(crate) struct Running {
    pub addr: SocketAddr,
    handle: ServerHandle,
}

impl Drop for Running {
    fn drop(&mut self) {
        // The stop command is sent at once; the returned future only waits for completion.
        drop(self.handle.stop(false));
    }
}

/// Serves `routes` with `state` on `127.0.0.1:0` (one worker; trailing slashes trimmed, so
/// `/api/collect/` and `/api/collect` are the same route). Must run inside a Tokio runtime.
pub(crate) fn serve<S: Send + Sync + 'static>(
    state: web::Data<S>,
    routes: fn(&mut web::ServiceConfig),
) -> std::io::Result<Running> {
    let listener = std::net::TcpListener::bind("127.0.0.1:0")?;
    let addr = listener.local_addr()?;
    let server = HttpServer::new(move || {
        App::new()
            .app_data(state.clone())
            .app_data(web::PayloadConfig::new(1 << 20))
            .wrap(NormalizePath::new(TrailingSlash::Trim))
            .configure(routes)
    })
    .workers(1)
    .disable_signals()
    .shutdown_timeout(1)
    .listen(listener)?
    .run();
    let handle = server.handle();
    tokio::spawn(server);
    Ok(Running { addr, handle })
}

/// The receiving end of callbacks: records each request exactly as received.
pub struct CallbackSink {
    running: Running,
    received: tokio::sync::Mutex<mpsc::UnboundedReceiver<WebhookRequest>>,
    state: web::Data<SinkState>,
}

struct SinkState {
    sender: mpsc::UnboundedSender<WebhookRequest>,
    failures: Mutex<u32>,
}

impl CallbackSink {
    pub async fn start() -> std::io::Result<CallbackSink> {
        let (sender, receiver) = mpsc::unbounded_channel();
        let state = web::Data::new(SinkState {
            sender,
            failures: Mutex::new(0),
        });
        let running = serve(state.clone(), |cfg| {
            cfg.default_service(web::to(record));
        })?;
        Ok(CallbackSink {
            running,
            received: tokio::sync::Mutex::new(receiver),
            state,
        })
    }

    /// A URL on this sink (`path` starts with `/`).
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.running.addr)
    }

    /// Answers 500 to the next `n` callbacks (they are still recorded).
    pub fn fail_next(&self, n: u32) {
        *lock(&self.state.failures) = n;
    }

    /// The next callback, or `None` after `wait`.
    pub async fn next(&self, wait: Duration) -> Option<WebhookRequest> {
        let mut received = self.received.lock().await;
        tokio::time::timeout(wait, received.recv())
            .await
            .ok()
            .flatten()
    }

    /// Every callback that arrives within `wait`.
    pub async fn drain(&self, wait: Duration) -> Vec<WebhookRequest> {
        let mut all = Vec::new();
        while let Some(request) = self.next(wait).await {
            all.push(request);
        }
        all
    }
}

async fn record(
    request: HttpRequest,
    body: web::Bytes,
    state: web::Data<SinkState>,
) -> HttpResponse {
    let headers = request
        .headers()
        .iter()
        .map(|(name, value)| {
            (
                name.as_str().to_owned(),
                String::from_utf8_lossy(value.as_bytes()).into_owned(),
            )
        })
        .collect();
    let _ = state.sender.send(WebhookRequest {
        method: request.method().as_str().to_owned(),
        path: request.path().to_owned(),
        query: request.query_string().to_owned(),
        headers,
        body: body.to_vec(),
    });
    let mut failures = lock(&state.failures);
    if *failures > 0 {
        *failures -= 1;
        return HttpResponse::InternalServerError().finish();
    }
    HttpResponse::Ok().finish()
}
