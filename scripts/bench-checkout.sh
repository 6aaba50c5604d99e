#!/usr/bin/env bash
# `just bench-checkout`: a ticket drop through the HTTP API, on SQLite and on PostgreSQL.
# BENCH_CONCURRENCY buyers (64) make BENCH_ATTEMPTS attempts (2000) to order one ticket each of an
# event with BENCH_TICKETS tickets (500) on sale; the load generator is
# crates/server/examples/bench_checkout.rs (one keep-alive connection per buyer, attempt numbers
# from a shared counter, a unique buyer email and Idempotency-Key per attempt).
#
# The ticket type is FREE: a free order is confirmed in its own transaction (tickets issued,
# confirmation email queued for the in-process worker, which writes it to MAIL_DIR), so the drop
# runs the whole sale path; a paid order would stay pending, awaiting a payment provider.
#
# Per database: a fresh database, `reckot migrate`, `reckot create-user --verified` (the
# organizer), `reckot serve` (release build, RUST_LOG=warn, RUN_WORKER=true,
# CHECKOUT_RATE_LIMIT_PER_MINUTE=1000000 since every buyer comes from 127.0.0.1), then the example
# sets the event up through the API (sign in, organization, event, free ticket type, publish) and
# runs the drop while this script samples the server's VmRSS; the high-water mark (VmHWM) is reset
# right before the drop. Afterwards `sold`, `held` and the issued tickets are counted in the
# database itself (sqlite3 / psql). The output is a table, the targets met or missed, then one JSON
# line per database:
#   {"db", "attempts", "concurrency", "ok", "rejected_soldout", "errors", "sold", "oversold",
#    "wall_s", "orders_per_s", "sellout_s", "p50_ms", "p95_ms", "p99_ms", "rss_peak_mb"}
# (orders_per_s = ok / wall_s; sellout_s = from the first request sent to the 500th successful
# order's response, null when not sold out; oversold = max(0, sold + held - tickets)).
#
# Environment:
#   BENCH_ATTEMPTS=2000     orders tried in all
#   BENCH_CONCURRENCY=64    concurrent buyers (connections)
#   BENCH_TICKETS=500       tickets on sale
#   BENCH_TIMEOUT=10        seconds before one request counts as an error
#   BENCH_MAIL_WAIT=20      at most this many seconds to wait for the confirmation emails after the
#                           drop (memory is sampled meanwhile; the count is informative only)
#   BENCH_DBS="sqlite postgres"
#   BENCH_PG_URL=postgres://postgres@127.0.0.1:5432   server to create the throw-away database on
#   BENCH_NO_BUILD=1        use the release binaries as they are
#   BENCH_STRICT=1          exit 1 when a target is missed or a database is skipped
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
. "$(dirname "${BASH_SOURCE[0]}")/bench-lib.sh"
cd "$ROOT"

ATTEMPTS=${BENCH_ATTEMPTS:-2000}
CONCURRENCY=${BENCH_CONCURRENCY:-64}
TICKETS=${BENCH_TICKETS:-500}
TIMEOUT=${BENCH_TIMEOUT:-10}
MAIL_WAIT=${BENCH_MAIL_WAIT:-20}
ORGANIZER_EMAIL=organizer@bench.test
ORGANIZER_PASSWORD=bench-organizer-password-1

for v in ATTEMPTS CONCURRENCY TICKETS TIMEOUT; do
    [[ ${!v} =~ ^[0-9]+$ && ${!v} -gt 0 ]] || die "BENCH_$v must be a whole number > 0 (got '${!v}')"
done
[[ $MAIL_WAIT =~ ^[0-9]+$ ]] || die "BENCH_MAIL_WAIT must be a whole number of seconds"

bench_init checkout

# ---------------------------------------------------------------------------------------------
# Tools and binaries

step "tools"
command -v python3 >/dev/null || die "python3 is needed for the summary"
command -v curl >/dev/null || die "curl is needed"
HAVE_SQLITE3=0
if command -v sqlite3 >/dev/null; then
    HAVE_SQLITE3=1
    ok "curl, python3, sqlite3"
else
    ok "curl, python3"
    warn "sqlite3 is not installed: on SQLite, sold/held come from the API (GET .../ticket-types) and the tickets are not counted (apt-get install sqlite3)"
fi

bench_build bench_checkout
bench_machine_load

# ---------------------------------------------------------------------------------------------
# Helpers (the shared ones are in bench-lib.sh)

# count_db DB URL TICKET_TYPE_ID: prints "sold held tickets confirmed_orders" counted in the database.
count_db() {
    local db=$1 url=$2 tt=$3 sql
    # Whole tables: the database is fresh and holds only this drop.
    sql="select coalesce(sum(sold),0), coalesce(sum(held),0), (select count(*) from tickets),
         (select count(*) from orders where status = 'confirmed') from ticket_types"
    db_query "$db" "$url" "$sql"
}

# bench DB DATABASE_URL
bench() {
    local db=$1 url=$2 pid base loadgen_out sampler rss_file counts
    server_env "$db" "$url"
    SERVER_ENV+=(CHECKOUT_RATE_LIMIT_PER_MINUTE=1000000)
    base=$SERVER_BASE

    step "reckot on $db: migrate, create-user (the organizer)"
    reckot_cmd migrate
    reckot_create_organizer "$ORGANIZER_EMAIL" "$ORGANIZER_PASSWORD"

    step "reckot on $db: serve (release, RUST_LOG=warn, worker in-process)"
    server_start
    pid=$SERVER_PID
    local idle
    idle=$(mem_mb "$pid" VmRSS)

    step "drop on $db: $CONCURRENCY buyers, $ATTEMPTS attempts, $TICKETS free tickets"
    rss_file="$WORK/rss-$db"
    echo 0 >"$rss_file"
    # The high-water mark from here on is the drop's (and the confirmation emails'), not start-up's.
    echo 5 >"/proc/$pid/clear_refs" 2>/dev/null || warn "cannot reset VmHWM (/proc/$pid/clear_refs); the peak includes start-up"
    sample_rss "$pid" "$rss_file" &
    sampler=$!
    PIDS+=("$sampler")
    loadgen_out="$WORK/loadgen-$db.json"
    if ! "$EXAMPLE_BIN" --base-url "$base" --email "$ORGANIZER_EMAIL" --password "$ORGANIZER_PASSWORD" \
        --db "$db" --attempts "$ATTEMPTS" --concurrency "$CONCURRENCY" --tickets "$TICKETS" \
        --timeout "$TIMEOUT" >"$loadgen_out"; then
        tail -n 30 "$SERVER_LOG" >&2 || true
        die "the load generator failed on $db (server log above)"
    fi
    local rss_drop hwm_drop
    hwm_drop=$(mem_mb "$pid" VmHWM)
    rss_drop=$(awk '{ printf "%.1f\n", $1 / 1024 }' "$rss_file")

    # The confirmation emails: one JSON summary per message in MAIL_DIR.
    local sold_api mails=0 t0=$SECONDS
    sold_api=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1])).get("ok", 0))' "$loadgen_out")
    while ((SECONDS - t0 < MAIL_WAIT)); do
        mails=$(find "$WORK/$db/mail" -name '*.json' -type f | wc -l)
        ((mails >= sold_api)) && break
        sleep 0.5
    done
    mails=$(find "$WORK/$db/mail" -name '*.json' -type f | wc -l)
    local mail_s=$((SECONDS - t0))
    local hwm_all rss_all
    hwm_all=$(mem_mb "$pid" VmHWM)
    rss_all=$(awk '{ printf "%.1f\n", $1 / 1024 }' "$rss_file")
    stop "$sampler"

    server_warnings
    server_stop

    local tt
    tt=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["ticket_type_id"])' "$loadgen_out")
    if [[ $db == sqlite && $HAVE_SQLITE3 == 0 ]]; then
        counts=""
    else
        counts=$(count_db "$db" "$url" "$tt") || die "could not count the sales in the $db database"
    fi
    python3 - "$loadgen_out" "$counts" "$idle" "$rss_drop" "$hwm_drop" "$rss_all" "$hwm_all" \
        "$mails" "$mail_s" >>"$RESULTS" <<'PY'
import json, sys
path, counts, idle, rss_drop, hwm_drop, rss_all, hwm_all, mails, mail_s = sys.argv[1:]
r = json.load(open(path))
if counts.strip():
    sold, held, tickets, confirmed = (int(x) for x in counts.split())
    r.update(sold=sold, held=held, tickets_issued=tickets, orders_confirmed=confirmed, counted_in="database")
else:
    r.update(sold=r.get("api_sold") or 0, held=r.get("api_held") or 0, tickets_issued=None,
             orders_confirmed=None, counted_in="api")
r["oversold"] = max(0, r["sold"] + r["held"] - r["tickets"])
# Peak during the drop (VmHWM since the reset right before it, and the 50 ms samples).
r["rss_peak_mb"] = max(float(hwm_drop), float(rss_drop))
r["rss_peak_with_mail_mb"] = max(float(hwm_all), float(rss_all), r["rss_peak_mb"])
r["rss_idle_mb"] = float(idle)
r.update(kind="server", mails=int(mails), mail_wait_s=int(mail_s))
print(json.dumps(r))
PY
    python3 - "$RESULTS" <<'PY'
import json, sys
r = json.loads(open(sys.argv[1]).read().splitlines()[-1])
print(f"    ok {r['ok']}, sold out {r['rejected_soldout']}, errors {r['errors']}, sold {r['sold']}, "
      f"sellout {r['sellout_s']} s, p99 {r['p99_ms']} ms, peak RSS {r['rss_peak_mb']} MB, "
      f"{r['mails']} emails after {r['mail_wait_s']} s")
PY
}

# ---------------------------------------------------------------------------------------------
# The runs

bench_each_db bench reckot_bench_checkout

# ---------------------------------------------------------------------------------------------
# Summary: table, targets, then the JSON lines.

python3 - "$RESULTS" <<'PY'
import json, os, sys

# The issue's targets (2-core machine, both databases).
MAX_SELLOUT_S = 1.0
MIN_ORDERS_PER_S = 300.0
MAX_P99_MS = 250.0
MAX_RSS_MB = 200.0

BOLD, DIM, GREEN, RED, YELLOW, RESET = ("\033[1m", "\033[2m", "\033[32m", "\033[31m", "\033[33m", "\033[0m")
if not sys.stdout.isatty() or os.environ.get("NO_COLOR"):
    BOLD = DIM = GREEN = RED = YELLOW = RESET = ""

records = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8") if l.strip()]
runs = [r for r in records if r["kind"] == "server"]
skipped = [r for r in records if r["kind"] == "skipped"]

def f(v, fmt):
    return "-" if v is None else format(v, fmt)

if runs:
    r0 = runs[0]
    print(f"{BOLD}==> results{RESET} ({r0['concurrency']} buyers, {r0['attempts']} attempts of one "
          f"ticket, {r0['tickets']} free tickets; the load generator and the server share the cores)")
header = (f"    {'db':<9} {'ok':>5} {'soldout':>7} {'errors':>6} {'sold':>5} {'tickets':>7} {'over':>4} "
          f"{'wall s':>7} {'orders/s':>8} {'sellout s':>9} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7} "
          f"{'max ms':>7} {'idle RSS':>9} {'peak RSS':>9} {'emails':>7}")
print(header)
print("    " + "-" * (len(header) - 4))
for r in runs:
    print(f"    {r['db']:<9} {r['ok']:>5} {r['rejected_soldout']:>7} {r['errors']:>6} {r['sold']:>5} "
          f"{f(r['tickets_issued'], 'd'):>7} {r['oversold']:>4} {r['wall_s']:>7.3f} "
          f"{r['orders_per_s']:>8.1f} {f(r['sellout_s'], '.3f'):>9} {r['p50_ms']:>7.1f} "
          f"{r['p95_ms']:>7.1f} {r['p99_ms']:>7.1f} {r['max_ms']:>7.1f} {r['rss_idle_mb']:>7.1f}MB "
          f"{r['rss_peak_mb']:>7.1f}MB {r['mails']:>7}")
    after = r["wall_s"] - r["sellout_s"] if r["sellout_s"] is not None else None
    rejected_after = r["attempts"] - r["tickets"]
    print(f"    {'':<9} {DIM}sell-out phase {f(r['tickets'] / r['sellout_s'] if r['sellout_s'] else None, '.0f')} orders/s "
          f"(ok p50 {r['ok_p50_ms']:.1f} ms, p99 {r['ok_p99_ms']:.1f} ms); after it "
          f"{f(rejected_after / after if after else None, '.0f')} attempts/s (sold_out p50 "
          f"{r['soldout_p50_ms']:.1f} ms, p99 {r['soldout_p99_ms']:.1f} ms){RESET}")
    if r["errors"]:
        kinds = ", ".join(f"{k} {v}" for k, v in r["error_kinds"].items())
        print(f"    {YELLOW}errors on {r['db']}: {kinds}{RESET}")
    if r["mails"] < r["ok"]:
        print(f"    {YELLOW}{r['db']}: {r['mails']} confirmation emails written for {r['ok']} orders "
              f"after {r['mail_wait_s']} s (the worker was still sending){RESET}")
print("    (wall: first request sent to last response; orders/s = ok / wall; sellout: first request to "
      f"the {runs[0]['tickets'] if runs else 500}th confirmed order; latencies over all attempts; peak RSS: "
      "VmHWM and 50 ms VmRSS samples during the drop; emails: confirmations in MAIL_DIR)")

missed = False
print(f"{BOLD}==> targets{RESET} (sell-out <= {MAX_SELLOUT_S:g} s, orders/s >= {MIN_ORDERS_PER_S:g}, "
      f"p99 <= {MAX_P99_MS:g} ms, peak RSS <= {MAX_RSS_MB:g} MB, oversold 0, no errors)")
for r in runs:
    checks = [
        ("sell-out", r["sellout_s"] is not None and r["sellout_s"] <= MAX_SELLOUT_S,
         "not sold out" if r["sellout_s"] is None else f"{r['sellout_s']:.3f} s"),
        ("orders/s", r["orders_per_s"] >= MIN_ORDERS_PER_S, f"{r['orders_per_s']:.1f}"),
        ("p99", r["p99_ms"] <= MAX_P99_MS, f"{r['p99_ms']:.1f} ms"),
        ("peak RSS", r["rss_peak_mb"] <= MAX_RSS_MB, f"{r['rss_peak_mb']:.1f} MB"),
        ("oversold", r["oversold"] == 0, f"{r['oversold']} (sold {r['sold']}, held {r['held']})"),
        ("errors", r["errors"] == 0, f"{r['errors']}"),
    ]
    if r["tickets_issued"] is not None:
        checks.append(("tickets", r["tickets_issued"] == r["sold"],
                       f"{r['tickets_issued']} issued for {r['sold']} sold"))
    for label, ok, detail in checks:
        mark = f"{GREEN}met{RESET}   " if ok else f"{RED}MISSED{RESET}"
        missed |= not ok
        print(f"    {r['db']:<9} {label:<9} {mark} {detail}")
for r in skipped:
    missed = True
    print(f"    {YELLOW}{r['db']}: skipped, no JSON line: {r['reason']}{RESET}")

for r in runs:
    print(json.dumps({k: r[k] for k in (
        "db", "attempts", "concurrency", "ok", "rejected_soldout", "errors", "sold", "oversold",
        "wall_s", "orders_per_s", "sellout_s", "p50_ms", "p95_ms", "p99_ms", "rss_peak_mb")}))
sys.exit(1 if missed and os.environ.get("BENCH_STRICT") == "1" else 0)
PY
