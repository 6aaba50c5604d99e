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
//! The HTTP/1.1 client (bench_support/http.rs, shared with `bench_checkin`) is a small one over
//! tokio's `TcpStream` (Content-Length and chunked bodies, keep-alive), so the example needs no
//! dependency the server does not already have; the set-up is bench_support/setup.rs. It runs on
//! a single-threaded runtime: the load generator takes at most one of the machine's cores.
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

#[path = "bench_support/http.rs"]
mod http;
#[path = "bench_support/setup.rs"]
mod setup;
#[path = "bench_support/stats.rs"]
mod stats;

use http::{Conn, call, host_of, http_error_kind};
use setup::{Names, order_body, set_up_sale};
use stats::{percentile_ms, round};

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

/// The event on sale.
const NAMES: Names = Names {
    org: "Bench Drops",
    title: "Bench Drop",
    summary_en: "A ticket drop for the checkout benchmark",
    summary_fr: "Une mise en vente pour le banc d'essai",
    description_en: "Free tickets, first come first served.",
    description_fr: "Billets gratuits, premiers arrivés, premiers servis.",
    ticket_type: "Drop",
};

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
        let body = order_body(n, &shared.ticket_type_id, 1).to_string();
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

async fn run(args: Args) -> anyhow::Result<Value> {
    if args.concurrency == 0 || args.attempts == 0 {
        bail!("--concurrency and --attempts must be at least 1");
    }
    let host = host_of(&args.base_url)?;
    let sale = set_up_sale(&host, &args.email, &args.password, args.tickets, &NAMES).await?;
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
