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
cd "$ROOT"

DURATION=${BENCH_DURATION:-10}
CONNECTIONS=${BENCH_CONNECTIONS:-64}
THREADS=${BENCH_THREADS:-2}
WARMUP=${BENCH_WARMUP:-3}
DBS=${BENCH_DBS:-sqlite postgres}
PG_URL=${BENCH_PG_URL:-postgres://postgres@127.0.0.1:5432}
PG_URL=${PG_URL%/}
SLUG=${BENCH_SLUG:-douala-jazz-night}
LUA="$ROOT/scripts/bench/report.lua"
RECKOT_RELEASE="$TARGET_DIR/release/reckot"
CEILING_BIN="$TARGET_DIR/release/examples/ceiling"

[[ $DURATION =~ ^[0-9]+$ && $DURATION -gt 0 ]] || die "BENCH_DURATION must be a whole number of seconds"
[[ $CONNECTIONS =~ ^[0-9]+$ && $CONNECTIONS -ge $THREADS ]] || die "BENCH_CONNECTIONS must be a number >= BENCH_THREADS ($THREADS)"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/reckot-bench.XXXXXX")
RESULTS="$WORK/results.jsonl"
: >"$RESULTS"
PIDS=()
PG_DB=""

cleanup() {
    local pid
    for pid in "${PIDS[@]}"; do
        kill "$pid" 2>/dev/null || true
    done
    for pid in "${PIDS[@]}"; do
        wait "$pid" 2>/dev/null || true
    done
    if [[ -n $PG_DB ]]; then
        psql "$PG_URL/postgres" -q -v ON_ERROR_STOP=1 \
            -c "drop database if exists \"$PG_DB\" with (force)" >/dev/null 2>&1 ||
            warn "could not drop the benchmark database $PG_DB"
    fi
    rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

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

if [[ ${BENCH_NO_BUILD:-} == 1 ]]; then
    step "release build skipped (BENCH_NO_BUILD=1)"
else
    step "release build (cargo build --release -p reckot-server --bin reckot --example ceiling)"
    info "the first release build takes ~10-15 minutes on 2 cores; later ones only what changed"
    cargo build --release -p reckot-server --bin reckot --example ceiling
fi
[[ -x $RECKOT_RELEASE ]] || die "$RECKOT_RELEASE is missing (build with cargo build --release -p reckot-server)"
[[ -x $CEILING_BIN ]] || die "$CEILING_BIN is missing (cargo build --release -p reckot-server --example ceiling)"

load=$(cut -d' ' -f1-3 /proc/loadavg)
info "$(nproc) cores, load average $load"
if python3 -c "import sys; sys.exit(0 if float('${load%% *}') > 0.5 * $(nproc) else 1)"; then
    warn "the machine is busy (load $load): the figures will be noisy; the ceiling, measured next to each database, takes the same hit"
fi

# ---------------------------------------------------------------------------------------------
# Helpers

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# VmRSS / VmHWM of a process, in MB.
mem_mb() {
    awk -v k="$2:" '$1 == k { printf "%.1f\n", $2 / 1024 }' "/proc/$1/status"
}

# wait_ready URL PID LOG: until URL answers 200, the process dies, or 60 s pass.
wait_ready() {
    local url=$1 pid=$2 log=$3 i
    for ((i = 0; i < 600; i++)); do
        if ! kill -0 "$pid" 2>/dev/null; then
            tail -n 30 "$log" >&2 || true
            die "the server exited during start-up (log above)"
        fi
        if [[ $(curl -s -o /dev/null -w '%{http_code}' "$url" || true) == 200 ]]; then
            return 0
        fi
        sleep 0.1
    done
    tail -n 30 "$log" >&2 || true
    die "$url did not answer 200 within 60 s (log above)"
}

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

stop() {
    local pid=$1
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
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
    local db=$1 url=$2 port log pid target
    port=$(free_port)
    log="$WORK/reckot-$db.log"
    mkdir -p "$WORK/$db/spa" "$WORK/$db/mail" "$WORK/$db/uploads"
    # The server reads .env from its working directory (and above): run it from $WORK so that a
    # developer's .env does not change what is measured; everything it needs is set here.
    local -a env=(
        env -u REDIS_URL
        APP_ENV=development
        DATABASE_URL="$url"
        BIND_ADDR="127.0.0.1:$port"
        BASE_URL="http://127.0.0.1:$port"
        RUST_LOG=warn
        RUN_WORKER=true
        SPA_DIR="$WORK/$db/spa"
        MAIL_DIR="$WORK/$db/mail"
        STORAGE_DIR="$WORK/$db/uploads"
    )
    [[ -n ${BENCH_REDIS_URL:-} ]] && env+=(REDIS_URL="$BENCH_REDIS_URL")

    step "reckot on $db: migrate, seed-demo"
    (cd "$WORK" && "${env[@]}" "$RECKOT_RELEASE" migrate) >"$log" 2>&1 ||
        { tail -n 30 "$log" >&2; die "reckot migrate failed on $db"; }
    (cd "$WORK" && "${env[@]}" "$RECKOT_RELEASE" seed-demo) >>"$log" 2>&1 ||
        { tail -n 30 "$log" >&2; die "reckot seed-demo failed on $db"; }

    step "reckot on $db: serve (release, RUST_LOG=warn, ${BENCH_REDIS_URL:+Redis}${BENCH_REDIS_URL:-in-process} cache)"
    (cd "$WORK" && exec "${env[@]}" "$RECKOT_RELEASE" serve) >>"$log" 2>&1 &
    pid=$!
    PIDS+=("$pid")
    target="http://127.0.0.1:$port/api/v1/public/events/$SLUG"
    # Wait on the health route, then check the event itself: a 404 means seed-demo made no event.
    wait_ready "http://127.0.0.1:$port/health" "$pid" "$log"
    local code
    code=$(curl -s -o "$WORK/event.json" -w '%{http_code}' "$target" || true)
    if [[ $code != 200 ]]; then
        head -c 400 "$WORK/event.json" >&2 || true
        echo >&2
        die "GET $target answered $code, not 200: did \`reckot seed-demo\` create the demo event '$SLUG'?"
    fi
    measure server "$db" "$target" "$pid"
    local warnings
    warnings=$(grep -c -E 'WARN|ERROR' "$log" || true)
    if [[ $warnings -gt 0 ]]; then
        warn "the server logged $warnings warnings/errors on $db; the last ones:"
        grep -E 'WARN|ERROR' "$log" | tail -n 5 | sed 's/^/      /' >&2
    fi
    stop "$pid"
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

for db in $DBS; do
    case "$db" in
        sqlite)
            bench_db sqlite "sqlite://$WORK/bench.sqlite?mode=rwc"
            ;;
        postgres)
            if ! PGCONNECT_TIMEOUT=3 psql "$PG_URL/postgres" -qAtc 'select 1' >/dev/null 2>&1; then
                warn "PostgreSQL at $PG_URL does not answer: skipping it (start it with: pg_ctlcluster --skip-systemctl-redirect \$(ls /etc/postgresql) main start)"
                printf '{"kind": "skipped", "db": "postgres", "reason": "PostgreSQL at %s does not answer"}\n' "$PG_URL" >>"$RESULTS"
                continue
            fi
            PG_DB="reckot_bench_$$_$(date +%s)"
            psql "$PG_URL/postgres" -q -v ON_ERROR_STOP=1 -c "create database \"$PG_DB\"" >/dev/null
            info "created database $PG_DB (dropped at exit)"
            bench_db postgres "$PG_URL/$PG_DB"
            ;;
        *) die "unknown database '$db' in BENCH_DBS (sqlite, postgres)" ;;
    esac
done

python3 "$ROOT/scripts/bench/summarize.py" "$RESULTS" "$CONNECTIONS" "$DURATION"
