#!/usr/bin/env bash
# `just bench-public`: load the public event endpoint (GET /api/v1/public/events/{slug}) with
# concurrent keep-alive clients (wrk) and report requests/s, p50/p99 latency and the server's
# memory, on SQLite and on PostgreSQL. Next to each database, the same load on a trivial actix-web
# JSON handler (crates/server/examples/ceiling.rs) measured in the same run gives the ceiling:
# wrk and the server share this machine's cores, so only the ratio is comparable across machines.
#
# Per database: a fresh database, `reckot migrate`, `reckot seed-demo` (the published demo event
# `douala-jazz-night`), `reckot serve` (release build, RUST_LOG=warn, in-process cache), idle RSS,
# a short warm-up, then `wrk -t2 -cN -dDs --latency`. The output ends with one JSON line per
# database measured:
#   {"db", "requests_per_s", "p50_ms", "p99_ms", "rss_mb", "errors", "ceiling_requests_per_s"}
# (`rss_mb` is the idle VmRSS; the peak under load, VmHWM, is in the table above them.)
#
# Environment:
#   BENCH_DURATION=10      seconds of measured load per target
#   BENCH_CONNECTIONS=64   concurrent connections (wrk -c)
#   BENCH_THREADS=2        wrk threads (wrk -t)
#   BENCH_WARMUP=3         seconds of unmeasured load first
#   BENCH_DBS="sqlite postgres"
#   BENCH_PG_URL=postgres://postgres@127.0.0.1:5432   server to create the throw-away database on
#   BENCH_REDIS_URL        set to measure with the Redis cache instead of the in-process one
#   BENCH_SLUG=douala-jazz-night
#   BENCH_NO_BUILD=1       use the release binaries as they are
#   BENCH_STRICT=1         exit 1 when a target is missed or a database is skipped
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
. "$(dirname "${BASH_SOURCE[0]}")/bench-lib.sh"
cd "$ROOT"

DURATION=${BENCH_DURATION:-10}
CONNECTIONS=${BENCH_CONNECTIONS:-64}
THREADS=${BENCH_THREADS:-2}
WARMUP=${BENCH_WARMUP:-3}
SLUG=${BENCH_SLUG:-douala-jazz-night}
LUA="$ROOT/scripts/bench/report.lua"

[[ $DURATION =~ ^[0-9]+$ && $DURATION -gt 0 ]] || die "BENCH_DURATION must be a whole number of seconds"
[[ $CONNECTIONS =~ ^[0-9]+$ && $CONNECTIONS -ge $THREADS ]] || die "BENCH_CONNECTIONS must be a number >= BENCH_THREADS ($THREADS)"

bench_init public

# ---------------------------------------------------------------------------------------------
# Tools and binaries

step "tools"
if ! command -v wrk >/dev/null; then
    info "installing wrk (Debian package)"
    as_root apt-get install -y -qq wrk >/dev/null 2>&1 ||
        { as_root apt-get update -qq >/dev/null && as_root apt-get install -y -qq wrk >/dev/null; } ||
        die "could not install wrk (apt-get install wrk)"
fi
command -v python3 >/dev/null || die "python3 is needed for the summary"
command -v curl >/dev/null || die "curl is needed"
ok "wrk, curl, python3"

bench_build ceiling
CEILING_BIN=$EXAMPLE_BIN
bench_machine_load "the ceiling, measured next to each database, takes the same hit"

# ---------------------------------------------------------------------------------------------
# Helpers (the shared ones are in bench-lib.sh)

# measure KIND DB URL PID: idle memory, warm-up, measured load; appends one record to $RESULTS.
measure() {
    local kind=$1 db=$2 url=$3 pid=$4 idle body out result
    body=$(curl -s -o /dev/null -w '%{size_download}' "$url")
    sleep 1
    idle=$(mem_mb "$pid" VmRSS)
    # Reset the high-water mark so that VmHWM is the peak under load, not during start-up.
    echo 5 >"/proc/$pid/clear_refs" 2>/dev/null || true
    info "idle RSS ${idle} MB, body ${body} bytes; warm-up ${WARMUP}s"
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" "$url" >/dev/null
    info "wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s --latency $url"
    out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --timeout 5s --latency -s "$LUA" "$url")
    grep -v '^BENCH_RESULT ' <<<"$out" | sed 's/^/      /'
    result=$(grep '^BENCH_RESULT ' <<<"$out" | head -n 1)
    result=${result#BENCH_RESULT }
    [[ -n $result ]] || die "wrk printed no result (is wrk built with Lua?)"
    python3 - "$kind" "$db" "$idle" "$(mem_mb "$pid" VmRSS)" "$(mem_mb "$pid" VmHWM)" "$body" "$result" >>"$RESULTS" <<'PY'
import json, sys
kind, db, idle, load, peak, body, result = sys.argv[1:]
r = json.loads(result)
r.update(kind=kind, db=db, idle_rss_mb=float(idle), load_rss_mb=float(load),
         peak_rss_mb=max(float(peak), float(load)), body_bytes=int(body or 0))
print(json.dumps(r))
PY
}

# The ceiling is measured right before and right after each database, so that both see the same
# machine load (other builds on these shared cores); the summary uses the mean of the two.
CEILING_PID=""
CEILING_URL=""
start_ceiling() {
    local db=$1 port log
    port=$(free_port)
    log="$WORK/ceiling-$db.log"
    BIND_ADDR="127.0.0.1:$port" "$CEILING_BIN" >"$log" 2>&1 &
    CEILING_PID=$!
    PIDS+=("$CEILING_PID")
    CEILING_URL="http://127.0.0.1:$port/api/v1/public/events/$SLUG"
    wait_ready "$CEILING_URL" "$CEILING_PID" "$log"
}

# bench_reckot DB DATABASE_URL
bench_reckot() {
    local db=$1 url=$2 pid target
    server_env "$db" "$url"
    [[ -n ${BENCH_REDIS_URL:-} ]] && SERVER_ENV+=(REDIS_URL="$BENCH_REDIS_URL")

    step "reckot on $db: migrate, seed-demo"
    reckot_cmd migrate
    reckot_cmd seed-demo

    step "reckot on $db: serve (release, RUST_LOG=warn, ${BENCH_REDIS_URL:+Redis}${BENCH_REDIS_URL:-in-process} cache)"
    # Wait on the health route, then check the event itself: a 404 means seed-demo made no event.
    server_start
    pid=$SERVER_PID
    target="$SERVER_BASE/api/v1/public/events/$SLUG"
    local code
    code=$(curl -s -o "$WORK/event.json" -w '%{http_code}' "$target" || true)
    if [[ $code != 200 ]]; then
        head -c 400 "$WORK/event.json" >&2 || true
        echo >&2
        die "GET $target answered $code, not 200: did \`reckot seed-demo\` create the demo event '$SLUG'?"
    fi
    measure server "$db" "$target" "$pid"
    server_warnings
    server_stop
}

# bench_db DB DATABASE_URL: ceiling, reckot, ceiling again.
bench_db() {
    local db=$1 url=$2
    step "ceiling: trivial actix-web JSON handler (before $db)"
    start_ceiling "$db"
    measure ceiling "$db" "$CEILING_URL" "$CEILING_PID"
    bench_reckot "$db" "$url"
    step "ceiling again (after $db)"
    measure ceiling_after "$db" "$CEILING_URL" "$CEILING_PID"
    stop "$CEILING_PID"
}

# ---------------------------------------------------------------------------------------------
# The runs

bench_each_db bench_db reckot_bench

python3 "$ROOT/scripts/bench/summarize.py" "$RESULTS" "$CONNECTIONS" "$DURATION"
