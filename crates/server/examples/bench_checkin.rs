//! The load generator for `just bench-checkin` (scripts/bench-checkin.sh): the doors of a sold-out
//! event. It signs in as an organizer that already exists (`reckot create-user --verified`),
//! creates an organization, an event with one FREE ticket type of `--tickets` tickets, publishes
//! it, buys every ticket through the public checkout (orders of at most 10; a free order is
//! confirmed at once) and creates a check-in list. It builds each ticket's QR payload itself with
//! `domain::ticket_token::sign`, from the seed the script also gives the server as
//! `TICKET_SIGNING_KEY` (`--signing-key`, 64 hex characters), and checks first that the server's
//! public key (`GET .../checkin-key`) is the one of that seed.
//!
//! Then the measured part, `--concurrency` door scanners, each on its own keep-alive connection,
//! all with the organizer's access token:
//!
//! ```text
//! POST /api/v1/orgs/{org}/checkin-lists/{list}/scans   Authorization: Bearer …
//! {"code":"RK1.…","nonce":"<unique per scan>","gate":"Gate <scanner>"}
//! ```
//!
//! 1. redeem: the scanners take tickets from a shared counter until every ticket has been
//!    scanned once; each answer should be 200 with `outcome` = `ok`;
//! 2. re-scan: then `--rescans` of them (spread over the list) again, with new nonces; each answer
//!    should be 200 with `outcome` = `already_checked_in`.
//!
//! `errors` counts non-200 answers, timeouts and connection errors, an answer naming another
//! ticket, and any outcome other than the expected one (`ok` in the first phase,
//! `already_checked_in` in the second). `ok` counts `ok` answers over both phases; each ticket
//! must have exactly one (`tickets_ok_once` = `tickets`). Latencies are over all scans of both
//! phases; `scans_per_s` = all scans / wall time (first scan sent to last answer). It prints one
//! JSON line on stdout (progress goes to stderr); the script adds what it counts in the database.
//!
//! It runs on a single-threaded runtime, so the load generator takes at most one of the
//! machine's cores. The HTTP client and the event set-up are shared with `bench_checkout`
//! (bench_support/).
//!
//! ```text
//! cargo build --release -p reckot-server --example bench_checkin
//! target/release/examples/bench_checkin --base-url http://127.0.0.1:8080 \
//!     --email bench@bench.test --password 'bench-password-1' --signing-key <64 hex> --db sqlite
//! ```

use std::collections::BTreeMap;
use std::io::Write as _;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use clap::Parser;
use domain::ticket_token::{self, TicketClaims};
use serde_json::{Value, json};
use uuid::Uuid;

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
#[command(about = "Door-scanning load generator for `just bench-checkin`")]
struct Args {
    /// The server, e.g. http://127.0.0.1:8080 (plain HTTP only).
    #[arg(long)]
    base_url: String,
    /// An existing, verified organizer account.
    #[arg(long)]
    email: String,
    #[arg(long)]
    password: String,
    /// The server's TICKET_SIGNING_KEY (64 hex characters): the QR payloads are signed with it.
    #[arg(long)]
    signing_key: String,
    /// Label for the JSON line ("sqlite", "postgres").
    #[arg(long, default_value = "unknown")]
    db: String,
    /// Tickets sold, then scanned once each.
    #[arg(long, default_value_t = 500)]
    tickets: u32,
    /// Concurrent door scanners (one keep-alive connection each).
    #[arg(long, default_value_t = 32)]
    concurrency: usize,
    /// Tickets scanned a second time after all were redeemed (expected: already_checked_in).
    #[arg(long, default_value_t = 100)]
    rescans: u32,
    /// Per-request timeout, in seconds; a request that takes longer counts as an error.
    #[arg(long, default_value_t = 10)]
    timeout: u64,
}

/// The event whose doors are measured.
const NAMES: Names = Names {
    org: "Bench Doors",
    title: "Bench Doors",
    summary_en: "A sold-out event for the check-in benchmark",
    summary_fr: "Un événement complet pour le banc d'essai du contrôle d'accès",
    description_en: "Free tickets, all scanned at the door.",
    description_fr: "Billets gratuits, tous scannés à l'entrée.",
    ticket_type: "Entry",
};

/// Tickets per order: the ticket type's `max_per_order`.
const ORDER_SIZE: u32 = 10;

// ---------------------------------------------------------------------------------------------
// Set-up: tickets and the check-in list

/// A ticket and its signed QR payload.
struct Pass {
    ticket_id: Uuid,
    payload: String,
}

fn parse_seed(hex_key: &str) -> anyhow::Result<[u8; 32]> {
    hex::decode(hex_key.trim())
        .ok()
        .and_then(|b| <[u8; 32]>::try_from(b).ok())
        .context("--signing-key must be 64 hex characters (32 bytes), as TICKET_SIGNING_KEY")
}

/// Buys all `tickets` in orders of at most [`ORDER_SIZE`]; returns the tickets' ids and codes.
async fn buy_all(
    conn: &mut Conn,
    slug: &str,
    ticket_type_id: &str,
    tickets: u32,
) -> anyhow::Result<(Vec<(Uuid, String)>, u64)> {
    let path = format!("/api/v1/public/events/{slug}/orders");
    let mut bought = Vec::with_capacity(tickets as usize);
    let mut orders = 0u64;
    let mut left = tickets;
    while left > 0 {
        let quantity = left.min(ORDER_SIZE);
        let order = call(
            conn,
            "POST",
            &path,
            None,
            Some(&order_body(orders, ticket_type_id, quantity)),
            201,
        )
        .await
        .with_context(|| format!("order {} of the set-up", orders + 1))?;
        let status = order.get("status").and_then(Value::as_str);
        if status != Some("confirmed") {
            bail!("a free order should be confirmed at once, got status {status:?}: {order}");
        }
        let items = order
            .get("tickets")
            .and_then(Value::as_array)
            .with_context(|| format!("no `tickets` in the order: {order}"))?;
        if items.len() != quantity as usize {
            bail!(
                "an order of {quantity} tickets came back with {} tickets",
                items.len()
            );
        }
        for t in items {
            let id = http::str_field(t, "id")?;
            let id = Uuid::parse_str(&id).with_context(|| format!("ticket id {id}"))?;
            bought.push((id, http::str_field(t, "code")?));
        }
        orders += 1;
        left -= quantity;
    }
    Ok((bought, orders))
}

// ---------------------------------------------------------------------------------------------
// The scanners

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    Redeem,
    Rescan,
}

impl Phase {
    fn expected(self) -> &'static str {
        match self {
            Phase::Redeem => "ok",
            Phase::Rescan => "already_checked_in",
        }
    }

    fn label(self) -> &'static str {
        match self {
            Phase::Redeem => "redeem",
            Phase::Rescan => "rescan",
        }
    }
}

struct Sample {
    phase: Phase,
    /// Index into the passes.
    ticket: usize,
    /// When the request was sent, from the shared epoch.
    sent: Duration,
    latency: Duration,
    /// The outcome of a 200 answer; `None` for an error without one (non-200, timeout, I/O).
    outcome: Option<String>,
    error: bool,
}

/// What every scan of the run shares.
struct Door {
    passes: Vec<Pass>,
    host: String,
    path: String,
    auth: String,
    /// Makes the nonces unique to this run.
    run: String,
    epoch: Instant,
    timeout: Duration,
}

/// One phase: the tickets it scans, as indexes into `door.passes`, taken in order from `next`.
struct Shared {
    door: Arc<Door>,
    phase: Phase,
    next: AtomicUsize,
    order: Vec<usize>,
}

struct ScannerReport {
    conn: Option<Conn>,
    samples: Vec<Sample>,
    errors: BTreeMap<String, u64>,
}

/// One door: scans tickets from the shared counter until the phase's list is exhausted.
async fn scanner(shared: Arc<Shared>, gate: usize, mut conn: Option<Conn>) -> ScannerReport {
    let mut samples = Vec::new();
    let mut errors: BTreeMap<String, u64> = BTreeMap::new();
    let gate = format!("Gate {gate}");
    let phase = shared.phase;
    let door = &shared.door;
    loop {
        let n = shared.next.fetch_add(1, Ordering::Relaxed);
        let Some(&ticket) = shared.order.get(n) else {
            break;
        };
        let pass = &door.passes[ticket];
        let body = json!({
            "code": pass.payload,
            "nonce": format!("{}-{}-{n}", door.run, phase.label()),
            "gate": gate,
        })
        .to_string();
        let sent = Instant::now();
        let result = tokio::time::timeout(door.timeout, async {
            let c = match conn.as_mut() {
                Some(c) => c,
                None => conn.insert(Conn::connect(&door.host).await?),
            };
            c.request(
                "POST",
                &door.path,
                &[("Authorization", &door.auth)],
                Some(body.as_bytes()),
            )
            .await
        })
        .await;
        let latency = sent.elapsed();
        let mut error = |kind: String| *errors.entry(kind).or_default() += 1;
        let (outcome, failed, drop_conn) = match result {
            Err(_) => {
                error("timeout".into());
                (None, true, true)
            }
            Ok(Err(e)) => {
                error(format!("io_{:?}", e.kind()));
                (None, true, true)
            }
            Ok(Ok(res)) if res.status != 200 => {
                error(http_error_kind(&res));
                (None, true, res.close)
            }
            Ok(Ok(res)) => {
                let v = serde_json::from_slice::<Value>(&res.body).unwrap_or(Value::Null);
                let outcome = v.get("outcome").and_then(Value::as_str).map(str::to_owned);
                let named = v
                    .get("ticket")
                    .and_then(|t| t.get("id"))
                    .and_then(Value::as_str)
                    .and_then(|s| Uuid::parse_str(s).ok());
                let failed = match outcome.as_deref() {
                    None => {
                        error("http_200_without_outcome".into());
                        true
                    }
                    Some(_) if named != Some(pass.ticket_id) => {
                        error("answer_names_another_ticket".into());
                        true
                    }
                    Some(o) if o != phase.expected() => {
                        error(format!("{}_outcome_{o}", phase.label()));
                        true
                    }
                    Some(_) => false,
                };
                (outcome, failed, res.close)
            }
        };
        if drop_conn {
            conn = None;
        }
        samples.push(Sample {
            phase,
            ticket,
            sent: sent.duration_since(door.epoch),
            latency,
            outcome,
            error: failed,
        });
    }
    ScannerReport {
        conn,
        samples,
        errors,
    }
}

/// Runs one phase over `order` with one scanner per connection; hands the connections back.
async fn run_phase(
    door: &Arc<Door>,
    phase: Phase,
    order: Vec<usize>,
    conns: Vec<Option<Conn>>,
) -> anyhow::Result<(Vec<Option<Conn>>, Vec<Sample>, BTreeMap<String, u64>)> {
    let shared = Arc::new(Shared {
        door: door.clone(),
        phase,
        next: AtomicUsize::new(0),
        order,
    });
    let tasks: Vec<_> = conns
        .into_iter()
        .enumerate()
        .map(|(i, c)| tokio::spawn(scanner(shared.clone(), i + 1, c)))
        .collect();
    let mut conns = Vec::with_capacity(tasks.len());
    let mut samples = Vec::with_capacity(shared.order.len());
    let mut errors: BTreeMap<String, u64> = BTreeMap::new();
    for t in tasks {
        let report = t.await.context("a scanner task panicked")?;
        conns.push(report.conn);
        samples.extend(report.samples);
        for (k, v) in report.errors {
            *errors.entry(k).or_default() += v;
        }
    }
    Ok((conns, samples, errors))
}

// ---------------------------------------------------------------------------------------------
// The report

fn sorted_latencies<'a>(samples: impl Iterator<Item = &'a Sample>) -> Vec<Duration> {
    let mut v: Vec<Duration> = samples.map(|s| s.latency).collect();
    v.sort();
    v
}

/// First request sent to last answer received, in seconds.
fn wall_of<'a>(samples: impl Iterator<Item = &'a Sample> + Clone) -> f64 {
    let first = samples.clone().map(|s| s.sent).min().unwrap_or_default();
    let last = samples
        .map(|s| s.sent + s.latency)
        .max()
        .unwrap_or_default();
    last.saturating_sub(first).as_secs_f64()
}

fn per_s(n: usize, wall: f64) -> f64 {
    if wall > 0.0 {
        round(n as f64 / wall, 1)
    } else {
        0.0
    }
}

fn phase_stats(samples: &[Sample], phase: Phase) -> Value {
    let of = || samples.iter().filter(move |s| s.phase == phase);
    let latencies = sorted_latencies(of());
    let wall = wall_of(of());
    let mut outcomes: BTreeMap<String, u64> = BTreeMap::new();
    for s in of() {
        let key = s.outcome.clone().unwrap_or_else(|| "error".into());
        *outcomes.entry(key).or_default() += 1;
    }
    json!({
        "scans": latencies.len(),
        "errors": of().filter(|s| s.error).count(),
        "wall_s": round(wall, 3),
        "scans_per_s": per_s(latencies.len(), wall),
        "p50_ms": round(percentile_ms(&latencies, 50.0), 2),
        "p95_ms": round(percentile_ms(&latencies, 95.0), 2),
        "p99_ms": round(percentile_ms(&latencies, 99.0), 2),
        "max_ms": round(percentile_ms(&latencies, 100.0), 2),
        "outcomes": outcomes,
    })
}

async fn run(args: Args) -> anyhow::Result<Value> {
    if args.concurrency == 0 || args.tickets == 0 {
        bail!("--concurrency and --tickets must be at least 1");
    }
    let seed = parse_seed(&args.signing_key)?;
    let host = host_of(&args.base_url)?;
    let sale = set_up_sale(&host, &args.email, &args.password, args.tickets, &NAMES).await?;
    let token = Some(sale.token.as_str());
    let event_id = Uuid::parse_str(&sale.event_id).context("event id")?;
    let mut c = Conn::connect(&host)
        .await
        .with_context(|| format!("cannot connect to {host}"))?;

    // The server signs with the same seed: its public key is the seed's.
    let key = call(
        &mut c,
        "GET",
        &format!(
            "/api/v1/orgs/{}/events/{}/checkin-key",
            sale.org_id, sale.event_id
        ),
        token,
        None,
        200,
    )
    .await?;
    let ours = URL_SAFE_NO_PAD.encode(ticket_token::public_key(&seed));
    let theirs = http::str_field(&key, "public_key")?;
    if theirs != ours {
        bail!(
            "the server's check-in key ({theirs}) is not the one of --signing-key ({ours}): \
             start the server with TICKET_SIGNING_KEY set to the same 64 hex characters"
        );
    }

    let bought_at = Instant::now();
    let (bought, orders) = buy_all(&mut c, &sale.slug, &sale.ticket_type_id, args.tickets).await?;
    let buy_s = bought_at.elapsed().as_secs_f64();
    let list = call(
        &mut c,
        "POST",
        &format!(
            "/api/v1/orgs/{}/events/{}/checkin-lists",
            sale.org_id, sale.event_id
        ),
        token,
        Some(&json!({"name": "Main entrance", "ticket_type_ids": [sale.ticket_type_id]})),
        201,
    )
    .await?;
    let list_id = http::str_field(&list, "id")?;

    let passes = bought
        .into_iter()
        .map(|(ticket_id, code)| {
            let claims = TicketClaims {
                ticket_id,
                event_id,
                code,
            };
            ticket_token::sign(&seed, &claims)
                .map(|payload| Pass { ticket_id, payload })
                .map_err(|e| anyhow::anyhow!("cannot sign ticket {ticket_id}: {e}"))
        })
        .collect::<anyhow::Result<Vec<Pass>>>()?;
    let tickets = passes.len();
    let rescans = (args.rescans as usize).min(tickets);
    eprintln!(
        "    event {} (/{}), list {list_id}: {tickets} tickets bought in {orders} orders ({buy_s:.1} s); \
         {} scanners redeem them all, then re-scan {rescans}",
        sale.event_id, sale.slug, args.concurrency
    );

    // Every scanner's connection is open before the clock starts.
    let mut conns = Vec::with_capacity(args.concurrency);
    for _ in 0..args.concurrency {
        conns.push(Some(
            Conn::connect(&host)
                .await
                .with_context(|| format!("cannot connect to {host}"))?,
        ));
    }
    let door = Arc::new(Door {
        passes,
        host: host.clone(),
        path: format!("/api/v1/orgs/{}/checkin-lists/{list_id}/scans", sale.org_id),
        auth: format!("Bearer {}", sale.token),
        run: format!("bench-{:08x}", rand::random::<u32>()),
        epoch: Instant::now(),
        timeout: Duration::from_secs(args.timeout.max(1)),
    });
    let (conns, mut samples, mut error_kinds) =
        run_phase(&door, Phase::Redeem, (0..tickets).collect(), conns).await?;
    // Spread over the list: 0, n/r, 2n/r, ...
    let again = (0..rescans).map(|k| k * tickets / rescans).collect();
    let (_conns, rescan_samples, rescan_errors) =
        run_phase(&door, Phase::Rescan, again, conns).await?;
    samples.extend(rescan_samples);
    for (k, v) in rescan_errors {
        *error_kinds.entry(k).or_default() += v;
    }

    let latencies = sorted_latencies(samples.iter());
    let wall = wall_of(samples.iter());
    let is_ok = |s: &&Sample| s.outcome.as_deref() == Some("ok");
    let ok = samples.iter().filter(is_ok).count();
    let mut ok_per_ticket = vec![0u32; tickets];
    for s in samples.iter().filter(is_ok) {
        ok_per_ticket[s.ticket] += 1;
    }
    let errors = samples.iter().filter(|s| s.error).count();
    let rescan_already = samples
        .iter()
        .filter(|s| s.phase == Phase::Rescan && s.outcome.as_deref() == Some("already_checked_in"))
        .count();

    // The organizer's view of the list, for a cross-check of the database counts (on a new
    // connection: the set-up one may have idled past the server's keep-alive meanwhile).
    let api_list = match Conn::connect(&host).await {
        Ok(mut c) => {
            let path = format!("/api/v1/orgs/{}/checkin-lists/{list_id}", sale.org_id);
            call(&mut c, "GET", &path, token, None, 200).await
        }
        Err(e) => Err(anyhow::Error::new(e).context(format!("cannot connect to {host}"))),
    };
    let (api_expected, api_checked_in) = match &api_list {
        Ok(v) => (
            v.pointer("/counts/expected").and_then(Value::as_u64),
            v.pointer("/counts/checked_in").and_then(Value::as_u64),
        ),
        Err(e) => {
            eprintln!("    warning: could not read the check-in list back: {e:#}");
            (None, None)
        }
    };

    Ok(json!({
        "db": args.db,
        "tickets": tickets,
        "concurrency": args.concurrency,
        "ok": ok,
        "errors": errors,
        "scans_per_s": per_s(samples.len(), wall),
        "p50_ms": round(percentile_ms(&latencies, 50.0), 2),
        "p95_ms": round(percentile_ms(&latencies, 95.0), 2),
        "p99_ms": round(percentile_ms(&latencies, 99.0), 2),
        "rescans": rescans,
        "rescan_already_checked_in": rescan_already,
        "scans": samples.len(),
        "wall_s": round(wall, 3),
        "max_ms": round(percentile_ms(&latencies, 100.0), 2),
        "tickets_ok_once": ok_per_ticket.iter().filter(|&&n| n == 1).count(),
        "tickets_ok_more": ok_per_ticket.iter().filter(|&&n| n > 1).count(),
        "tickets_never_ok": ok_per_ticket.iter().filter(|&&n| n == 0).count(),
        "error_kinds": error_kinds,
        "redeem": phase_stats(&samples, Phase::Redeem),
        "rescan": phase_stats(&samples, Phase::Rescan),
        "api_expected": api_expected,
        "api_checked_in": api_checked_in,
        "orders": orders,
        "buy_s": round(buy_s, 3),
        "slug": sale.slug,
        "org_id": sale.org_id,
        "event_id": sale.event_id,
        "ticket_type_id": sale.ticket_type_id,
        "list_id": list_id,
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
