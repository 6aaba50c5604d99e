//! The load generator for `just bench-checkout` (scripts/bench-checkout.sh): a ticket drop through
//! the HTTP API. It signs in as an organizer that already exists (`reckot create-user --verified`),
//! creates an organization, an event with one FREE ticket type of `--tickets` tickets and publishes
//! it; then `--concurrency` buyers, each on its own keep-alive connection, take attempt numbers
//! from a shared counter until `--attempts` orders of one ticket each have been tried:
//!
//! ```text
//! POST /api/v1/public/events/{slug}/orders   Idempotency-Key: <unique per attempt>
//! {"buyer":{"name":"Buyer N","email":"buyerN@bench.test"},"items":[{"ticket_type_id":"…","quantity":1}]}
//! ```
//!
//! 201 counts as `ok`, 409 with `code` = `sold_out` as `rejected_soldout`, anything else (another
//! 409, 429, 5xx, a timeout, a connection error) as `errors`. It prints one JSON line on stdout
//! (progress goes to stderr); the script adds what it counts in the database and the server's
//! memory. A free order is confirmed in its own transaction (tickets issued, confirmation email
//! queued): the whole sale path, without a payment provider.
//!
//! The HTTP/1.1 client is a small one over tokio's `TcpStream` (Content-Length and chunked bodies,
//! keep-alive), so the example needs no dependency the server does not already have. It runs on a
//! single-threaded runtime: the load generator takes at most one of the machine's cores.
//!
//! ```text
//! cargo build --release -p reckot-server --example bench_checkout
//! target/release/examples/bench_checkout --base-url http://127.0.0.1:8080 \
//!     --email bench@bench.test --password 'bench-password-1' --db sqlite
//! ```

use std::collections::BTreeMap;
use std::io::Write as _;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use clap::Parser;
use serde_json::{Value, json};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;

#[derive(Parser, Debug)]
#[command(about = "Ticket-drop load generator for `just bench-checkout`")]
struct Args {
    /// The server, e.g. http://127.0.0.1:8080 (plain HTTP only).
    #[arg(long)]
    base_url: String,
    /// An existing, verified organizer account.
    #[arg(long)]
    email: String,
    #[arg(long)]
    password: String,
    /// Label for the JSON line ("sqlite", "postgres").
    #[arg(long, default_value = "unknown")]
    db: String,
    /// Orders tried in all.
    #[arg(long, default_value_t = 2000)]
    attempts: u64,
    /// Concurrent buyers (one keep-alive connection each).
    #[arg(long, default_value_t = 64)]
    concurrency: usize,
    /// Tickets on sale.
    #[arg(long, default_value_t = 500)]
    tickets: u32,
    /// Per-request timeout, in seconds; a request that takes longer counts as an error.
    #[arg(long, default_value_t = 10)]
    timeout: u64,
}

// ---------------------------------------------------------------------------------------------
// A minimal HTTP/1.1 client

struct Response {
    status: u16,
    body: Vec<u8>,
    /// The server will close the connection after this response.
    close: bool,
}

struct Conn {
    stream: BufReader<TcpStream>,
    host: String,
}

impl Conn {
    async fn connect(host: &str) -> std::io::Result<Self> {
        let stream = TcpStream::connect(host).await?;
        stream.set_nodelay(true)?;
        Ok(Self {
            stream: BufReader::with_capacity(16 * 1024, stream),
            host: host.to_owned(),
        })
    }

    async fn request(
        &mut self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: Option<&[u8]>,
    ) -> std::io::Result<Response> {
        let mut req = format!(
            "{method} {path} HTTP/1.1\r\nHost: {}\r\nAccept: application/json\r\n",
            self.host
        );
        for (name, value) in headers {
            req.push_str(name);
            req.push_str(": ");
            req.push_str(value);
            req.push_str("\r\n");
        }
        let body = body.unwrap_or_default();
        if !body.is_empty() || method == "POST" {
            req.push_str("Content-Type: application/json\r\n");
            req.push_str(&format!("Content-Length: {}\r\n", body.len()));
        }
        req.push_str("\r\n");
        let mut bytes = req.into_bytes();
        bytes.extend_from_slice(body);
        self.stream.get_mut().write_all(&bytes).await?;
        self.read_response().await
    }

    async fn read_line(&mut self, line: &mut Vec<u8>) -> std::io::Result<()> {
        line.clear();
        let n = self.stream.read_until(b'\n', line).await?;
        if n == 0 {
            return Err(std::io::Error::new(
                std::io::ErrorKind::UnexpectedEof,
                "connection closed by the server",
            ));
        }
        while matches!(line.last(), Some(b'\n' | b'\r')) {
            line.pop();
        }
        Ok(())
    }

    async fn read_response(&mut self) -> std::io::Result<Response> {
        let bad =
            |what: &str| std::io::Error::new(std::io::ErrorKind::InvalidData, what.to_owned());
        let mut line = Vec::with_capacity(256);
        self.read_line(&mut line).await?;
        // "HTTP/1.1 201 Created"
        let status_line = String::from_utf8_lossy(&line).into_owned();
        let status = status_line
            .split_whitespace()
            .nth(1)
            .and_then(|s| s.parse::<u16>().ok())
            .ok_or_else(|| bad("malformed status line"))?;
        let mut length: Option<usize> = None;
        let mut chunked = false;
        let mut close = status_line.starts_with("HTTP/1.0");
        loop {
            self.read_line(&mut line).await?;
            if line.is_empty() {
                break;
            }
            let header = String::from_utf8_lossy(&line);
            let Some((name, value)) = header.split_once(':') else {
                continue;
            };
            let value = value.trim();
            if name.eq_ignore_ascii_case("content-length") {
                length = Some(value.parse().map_err(|_| bad("bad content-length"))?);
            } else if name.eq_ignore_ascii_case("transfer-encoding") {
                chunked = value.to_ascii_lowercase().contains("chunked");
            } else if name.eq_ignore_ascii_case("connection") {
                close = value.eq_ignore_ascii_case("close");
            }
        }
        let mut body = Vec::new();
        if chunked {
            loop {
                self.read_line(&mut line).await?;
                let size = String::from_utf8_lossy(&line);
                let size = size.split(';').next().unwrap_or_default().trim();
                let size = usize::from_str_radix(size, 16).map_err(|_| bad("bad chunk size"))?;
                if size == 0 {
                    // Trailers, then the empty line.
                    loop {
                        self.read_line(&mut line).await?;
                        if line.is_empty() {
                            break;
                        }
                    }
                    break;
                }
                let start = body.len();
                body.resize(start + size, 0);
                self.stream.read_exact(&mut body[start..]).await?;
                self.read_line(&mut line).await?;
            }
        } else if let Some(n) = length {
            body.resize(n, 0);
            self.stream.read_exact(&mut body).await?;
        } else if status != 204 && status != 304 && !(100..200).contains(&status) {
            // No length: the body runs to the end of the connection.
            self.stream.read_to_end(&mut body).await?;
            close = true;
        }
        Ok(Response {
            status,
            body,
            close,
        })
    }
}

fn host_of(base_url: &str) -> anyhow::Result<String> {
    let Some(rest) = base_url.strip_prefix("http://") else {
        bail!("--base-url must start with http:// (got {base_url})");
    };
    let host = rest.split('/').next().unwrap_or_default();
    if host.is_empty() {
        bail!("--base-url has no host: {base_url}");
    }
    Ok(host.to_owned())
}

/// One set-up call: JSON in, JSON out, the expected status or an error with the body.
async fn call(
    conn: &mut Conn,
    method: &str,
    path: &str,
    token: Option<&str>,
    body: Option<&Value>,
    expect: u16,
) -> anyhow::Result<Value> {
    let auth = token.map(|t| format!("Bearer {t}"));
    let mut headers = Vec::new();
    if let Some(a) = &auth {
        headers.push(("Authorization", a.as_str()));
    }
    let bytes = body.map(serde_json::to_vec).transpose()?;
    let res = conn
        .request(method, path, &headers, bytes.as_deref())
        .await
        .with_context(|| format!("{method} {path}"))?;
    if res.status != expect {
        bail!(
            "{method} {path} answered {} (expected {expect}): {}",
            res.status,
            String::from_utf8_lossy(&res.body)
        );
    }
    if res.body.is_empty() {
        return Ok(Value::Null);
    }
    serde_json::from_slice(&res.body).with_context(|| format!("{method} {path}: not JSON"))
}

fn str_field(v: &Value, key: &str) -> anyhow::Result<String> {
    v.get(key)
        .and_then(Value::as_str)
        .map(str::to_owned)
        .with_context(|| format!("no `{key}` in {v}"))
}

fn future(days: i64, hour: u32) -> String {
    let d = chrono::Utc::now().date_naive() + chrono::Duration::days(days);
    format!("{d}T{hour:02}:00:00Z")
}

struct Sale {
    org_id: String,
    event_id: String,
    ticket_type_id: String,
    slug: String,
    token: String,
}

/// Signs in, then creates the organization, the event and its free ticket type, and publishes it.
async fn set_up(host: &str, args: &Args) -> anyhow::Result<Sale> {
    let mut c = Conn::connect(host)
        .await
        .with_context(|| format!("cannot connect to {host}"))?;
    let login = call(
        &mut c,
        "POST",
        "/api/v1/auth/login",
        None,
        Some(&json!({"email": args.email, "password": args.password})),
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
        Some(&json!({"name": "Bench Drops", "country": "CM", "currency": "XAF"})),
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
            "title": {"en": "Bench Drop", "fr": "Bench Drop"},
            "summary": {"en": "A ticket drop for the checkout benchmark", "fr": "Une mise en vente pour le banc d'essai"},
            "description": {"en": "Free tickets, first come first served.", "fr": "Billets gratuits, premiers arrivés, premiers servis."},
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
            "name": {"en": "Drop", "fr": "Drop"},
            "price": {"amount": "0", "currency": "XAF"},
            "quantity": args.tickets,
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

// ---------------------------------------------------------------------------------------------
// The drop

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outcome {
    Ok { confirmed: bool },
    SoldOut,
    Error,
}

struct Sample {
    /// When the request was sent, from the shared epoch.
    sent: Duration,
    latency: Duration,
    outcome: Outcome,
}

struct Shared {
    next: AtomicU64,
    attempts: u64,
    host: String,
    path: String,
    ticket_type_id: String,
    run: String,
    epoch: Instant,
    timeout: Duration,
}

/// The error's kind, for the report: `http_429`, `http_409_idempotency_conflict`, `timeout`, ...
fn http_error_kind(res: &Response) -> String {
    let code = serde_json::from_slice::<Value>(&res.body)
        .ok()
        .and_then(|v| v.get("code").and_then(Value::as_str).map(str::to_owned));
    match code {
        Some(c) => format!("http_{}_{c}", res.status),
        None => format!("http_{}", res.status),
    }
}

async fn buyer(
    shared: Arc<Shared>,
    mut conn: Option<Conn>,
) -> (Vec<Sample>, BTreeMap<String, u64>) {
    let mut samples = Vec::new();
    let mut errors: BTreeMap<String, u64> = BTreeMap::new();
    loop {
        let n = shared.next.fetch_add(1, Ordering::Relaxed);
        if n >= shared.attempts {
            break;
        }
        let body = json!({
            "buyer": {"name": format!("Buyer {n}"), "email": format!("buyer{n}@bench.test")},
            "items": [{"ticket_type_id": shared.ticket_type_id, "quantity": 1}]
        })
        .to_string();
        let key = format!("bench-{}-{n}", shared.run);
        let sent = Instant::now();
        let result = tokio::time::timeout(shared.timeout, async {
            let c = match conn.as_mut() {
                Some(c) => c,
                None => conn.insert(Conn::connect(&shared.host).await?),
            };
            c.request(
                "POST",
                &shared.path,
                &[("Idempotency-Key", &key)],
                Some(body.as_bytes()),
            )
            .await
        })
        .await;
        let latency = sent.elapsed();
        let (outcome, drop_conn) = match result {
            Err(_) => {
                *errors.entry("timeout".into()).or_default() += 1;
                (Outcome::Error, true)
            }
            Ok(Err(e)) => {
                *errors.entry(format!("io_{:?}", e.kind())).or_default() += 1;
                (Outcome::Error, true)
            }
            Ok(Ok(res)) => {
                let outcome = match res.status {
                    201 => Outcome::Ok {
                        confirmed: serde_json::from_slice::<Value>(&res.body)
                            .ok()
                            .and_then(|v| {
                                v.get("status").and_then(Value::as_str).map(str::to_owned)
                            })
                            .is_some_and(|s| s == "confirmed"),
                    },
                    409 if http_error_kind(&res) == "http_409_sold_out" => Outcome::SoldOut,
                    _ => {
                        *errors.entry(http_error_kind(&res)).or_default() += 1;
                        Outcome::Error
                    }
                };
                (outcome, res.close)
            }
        };
        if drop_conn {
            conn = None;
        }
        samples.push(Sample {
            sent: sent.duration_since(shared.epoch),
            latency,
            outcome,
        });
    }
    (samples, errors)
}

/// Nearest-rank percentile of sorted values, in ms.
fn percentile_ms(sorted: &[Duration], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    let i = rank.clamp(1, sorted.len()) - 1;
    sorted[i].as_secs_f64() * 1000.0
}

fn round(x: f64, digits: i32) -> f64 {
    let f = 10f64.powi(digits);
    (x * f).round() / f
}

async fn run(args: Args) -> anyhow::Result<Value> {
    if args.concurrency == 0 || args.attempts == 0 {
        bail!("--concurrency and --attempts must be at least 1");
    }
    let host = host_of(&args.base_url)?;
    let sale = set_up(&host, &args).await?;
    eprintln!(
        "    event {} (/{}), ticket type {}: {} free tickets; {} attempts by {} buyers",
        sale.event_id,
        sale.slug,
        sale.ticket_type_id,
        args.tickets,
        args.attempts,
        args.concurrency
    );

    // Every buyer's connection is open before the clock starts.
    let mut conns = Vec::with_capacity(args.concurrency);
    for _ in 0..args.concurrency {
        conns.push(
            Conn::connect(&host)
                .await
                .with_context(|| format!("cannot connect to {host}"))?,
        );
    }
    let shared = Arc::new(Shared {
        next: AtomicU64::new(0),
        attempts: args.attempts,
        host: host.clone(),
        path: format!("/api/v1/public/events/{}/orders", sale.slug),
        ticket_type_id: sale.ticket_type_id.clone(),
        run: format!("{}-{:016x}", std::process::id(), rand::random::<u64>()),
        epoch: Instant::now(),
        timeout: Duration::from_secs(args.timeout.max(1)),
    });
    let tasks: Vec<_> = conns
        .into_iter()
        .map(|c| tokio::spawn(buyer(shared.clone(), Some(c))))
        .collect();
    let mut samples = Vec::with_capacity(usize::try_from(args.attempts).unwrap_or(0));
    let mut error_kinds: BTreeMap<String, u64> = BTreeMap::new();
    for t in tasks {
        let (s, e) = t.await.context("a buyer task panicked")?;
        samples.extend(s);
        for (k, v) in e {
            *error_kinds.entry(k).or_default() += v;
        }
    }

    let first_sent = samples.iter().map(|s| s.sent).min().unwrap_or_default();
    let last_done = samples
        .iter()
        .map(|s| s.sent + s.latency)
        .max()
        .unwrap_or_default();
    let wall = last_done.saturating_sub(first_sent).as_secs_f64();
    let mut ok_done: Vec<Duration> = samples
        .iter()
        .filter(|s| matches!(s.outcome, Outcome::Ok { .. }))
        .map(|s| s.sent + s.latency)
        .collect();
    ok_done.sort();
    let ok = ok_done.len() as u64;
    let confirmed = samples
        .iter()
        .filter(|s| s.outcome == Outcome::Ok { confirmed: true })
        .count();
    let soldout = samples
        .iter()
        .filter(|s| s.outcome == Outcome::SoldOut)
        .count();
    let errors = samples
        .iter()
        .filter(|s| s.outcome == Outcome::Error)
        .count();
    let sellout = usize::try_from(args.tickets)
        .ok()
        .filter(|&n| n >= 1)
        .and_then(|n| ok_done.get(n - 1))
        .map(|d| round(d.saturating_sub(first_sent).as_secs_f64(), 3));
    let mut latencies: Vec<Duration> = samples.iter().map(|s| s.latency).collect();
    latencies.sort();
    let latencies_of = |keep: fn(Outcome) -> bool| {
        let mut v: Vec<Duration> = samples
            .iter()
            .filter(|s| keep(s.outcome))
            .map(|s| s.latency)
            .collect();
        v.sort();
        v
    };
    let ok_latencies = latencies_of(|o| matches!(o, Outcome::Ok { .. }));
    let soldout_latencies = latencies_of(|o| o == Outcome::SoldOut);

    // The organizer's view of the counters, for a cross-check of the database counts.
    let (api_sold, api_held) = match Conn::connect(&host).await {
        Ok(mut c) => {
            let path = format!(
                "/api/v1/orgs/{}/events/{}/ticket-types",
                sale.org_id, sale.event_id
            );
            match call(&mut c, "GET", &path, Some(&sale.token), None, 200).await {
                Ok(v) => {
                    let items = v.get("items").unwrap_or(&v);
                    let row = items.as_array().and_then(|a| {
                        a.iter().find(|t| {
                            t.get("id").and_then(Value::as_str)
                                == Some(sale.ticket_type_id.as_str())
                        })
                    });
                    (
                        row.and_then(|r| r.get("sold")).and_then(Value::as_i64),
                        row.and_then(|r| r.get("held")).and_then(Value::as_i64),
                    )
                }
                Err(e) => {
                    eprintln!("    warning: could not read the ticket type back: {e:#}");
                    (None, None)
                }
            }
        }
        Err(_) => (None, None),
    };

    Ok(json!({
        "db": args.db,
        "attempts": samples.len(),
        "concurrency": args.concurrency,
        "tickets": args.tickets,
        "ok": ok,
        "ok_confirmed": confirmed,
        "rejected_soldout": soldout,
        "errors": errors,
        "error_kinds": error_kinds,
        "wall_s": round(wall, 3),
        "orders_per_s": if wall > 0.0 { round(ok as f64 / wall, 1) } else { 0.0 },
        "attempts_per_s": if wall > 0.0 { round(samples.len() as f64 / wall, 1) } else { 0.0 },
        "sellout_s": sellout,
        "p50_ms": round(percentile_ms(&latencies, 50.0), 2),
        "p95_ms": round(percentile_ms(&latencies, 95.0), 2),
        "p99_ms": round(percentile_ms(&latencies, 99.0), 2),
        "max_ms": round(percentile_ms(&latencies, 100.0), 2),
        "ok_p50_ms": round(percentile_ms(&ok_latencies, 50.0), 2),
        "ok_p99_ms": round(percentile_ms(&ok_latencies, 99.0), 2),
        "soldout_p50_ms": round(percentile_ms(&soldout_latencies, 50.0), 2),
        "soldout_p99_ms": round(percentile_ms(&soldout_latencies, 99.0), 2),
        "api_sold": api_sold,
        "api_held": api_held,
        "slug": sale.slug,
        "event_id": sale.event_id,
        "ticket_type_id": sale.ticket_type_id,
    }))
}

fn main() -> std::process::ExitCode {
    let args = Args::parse();
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: cannot start the async runtime: {e}");
            return std::process::ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(args)) {
        Ok(result) => {
            let mut out = std::io::stdout().lock();
            if writeln!(out, "{result}").is_err() {
                return std::process::ExitCode::FAILURE;
            }
            std::process::ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}
