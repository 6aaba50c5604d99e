# shellcheck shell=bash
# Shared helpers of the benchmark scripts (bench-public.sh, bench-checkout.sh, bench-checkin.sh).
# Source it after lib.sh; don't run it.
#
#   . "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
#   . "$(dirname "${BASH_SOURCE[0]}")/bench-lib.sh"
#   bench_init checkout            # WORK, RESULTS, DBS, PG_URL, RECKOT_RELEASE; cleanup at exit
#   bench_build bench_checkout     # release build of reckot and the example (unless BENCH_NO_BUILD=1)
#   bench_machine_load
#   my_bench() { server_env "$1" "$2"; reckot_cmd migrate; server_start "$1"; ...; server_stop; }
#   bench_each_db my_bench reckot_bench_checkout
#
# Common environment:
#   BENCH_DBS="sqlite postgres"
#   BENCH_PG_URL=postgres://postgres@127.0.0.1:5432   server to create the throw-away database on
#   BENCH_NO_BUILD=1        use the release binaries as they are

# bench_init NAME: the work folder ($WORK, removed at exit), $RESULTS (one JSON record per line),
# $PIDS (background processes stopped at exit), the PostgreSQL database made by bench_each_db
# (dropped at exit), and the settings every bench reads.
bench_init() {
    local name=$1
    DBS=${BENCH_DBS:-sqlite postgres}
    PG_URL=${BENCH_PG_URL:-postgres://postgres@127.0.0.1:5432}
    PG_URL=${PG_URL%/}
    RECKOT_RELEASE="$TARGET_DIR/release/reckot"
    WORK=$(mktemp -d "${TMPDIR:-/tmp}/reckot-bench-$name.XXXXXX")
    RESULTS="$WORK/results.jsonl"
    : >"$RESULTS"
    PIDS=()
    PG_DB=""
    trap bench_cleanup EXIT
    trap 'exit 130' INT TERM
}

bench_cleanup() {
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

# bench_build EXAMPLE: release build of the server and of crates/server/examples/EXAMPLE.rs
# (skipped with BENCH_NO_BUILD=1); sets EXAMPLE_BIN. Dies when a binary is missing.
bench_build() {
    local example=$1
    if [[ ${BENCH_NO_BUILD:-} == 1 ]]; then
        step "release build skipped (BENCH_NO_BUILD=1)"
    else
        step "release build (cargo build --release -p reckot-server --bin reckot --example $example)"
        info "the first release build takes ~10-15 minutes on 2 cores; later ones only what changed"
        cargo build --release -p reckot-server --bin reckot --example "$example"
    fi
    EXAMPLE_BIN="$TARGET_DIR/release/examples/$example"
    [[ -x $RECKOT_RELEASE ]] || die "$RECKOT_RELEASE is missing (build with cargo build --release -p reckot-server)"
    [[ -x $EXAMPLE_BIN ]] || die "$EXAMPLE_BIN is missing (cargo build --release -p reckot-server --example $example)"
}

# The 1-minute load average.
load1() {
    cut -d' ' -f1 /proc/loadavg
}

# bench_machine_load [MORE]: prints cores and load; warns (adding MORE) when the machine is busy.
# shellcheck disable=SC2120 # MORE is optional
bench_machine_load() {
    local load
    load=$(cut -d' ' -f1-3 /proc/loadavg)
    info "$(nproc) cores, load average $load"
    if python3 -c "import sys; sys.exit(0 if float('${load%% *}') > 0.5 * $(nproc) else 1)"; then
        warn "the machine is busy (load $load): the figures will be noisy${1:+; $1}"
    fi
}

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# mem_mb PID FIELD: VmRSS / VmHWM of a process, in MB (0 when it is gone).
mem_mb() {
    awk -v k="$2:" '$1 == k { printf "%.1f\n", $2 / 1024 }' "/proc/$1/status" 2>/dev/null || echo 0
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

# sample_rss PID OUT: every 50 ms, the highest VmRSS seen so far (kB) into OUT, until killed.
sample_rss() {
    local pid=$1 out=$2 max=0 kb
    while kill -0 "$pid" 2>/dev/null; do
        kb=$(awk '$1 == "VmRSS:" { print $2 }' "/proc/$pid/status" 2>/dev/null || true)
        if [[ -n $kb && $kb -gt $max ]]; then
            max=$kb
            echo "$max" >"$out"
        fi
        sleep 0.05
    done
}

stop() {
    local pid=$1
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
}

# ---------------------------------------------------------------------------------------------
# The server under test

# server_env DB DATABASE_URL: picks a free port and sets SERVER_DB, SERVER_PORT, SERVER_BASE,
# SERVER_LOG (emptied) and SERVER_ENV, the `env ...` prefix every reckot command of this database runs with.
# Append VAR=value to SERVER_ENV to add or override settings (the last assignment wins).
# The server reads .env from its working directory (and above): reckot_cmd and server_start run
# it from $WORK, so that a developer's .env does not change what is measured; everything it needs
# is set here, and the settings a developer's shell may hold that change what is measured are
# unset.
server_env() {
    local db=$1 url=$2
    SERVER_DB=$db
    SERVER_PORT=$(free_port)
    SERVER_BASE="http://127.0.0.1:$SERVER_PORT"
    SERVER_LOG="$WORK/reckot-$db.log"
    : >"$SERVER_LOG"
    mkdir -p "$WORK/$db/spa" "$WORK/$db/mail" "$WORK/$db/uploads"
    SERVER_ENV=(
        env -u REDIS_URL -u MAX_HELD_TICKETS_PER_BUYER -u CHECKOUT_RATE_LIMIT_PER_MINUTE
        -u TICKET_SIGNING_KEY
        APP_ENV=development
        DATABASE_URL="$url"
        BIND_ADDR="127.0.0.1:$SERVER_PORT"
        BASE_URL="$SERVER_BASE"
        RUST_LOG=warn
        RUN_WORKER=true
        SPA_DIR="$WORK/$db/spa"
        MAIL_DIR="$WORK/$db/mail"
        STORAGE_DIR="$WORK/$db/uploads"
    )
}

# reckot_cmd SUBCOMMAND [ARGS...]: a one-off `reckot` command (migrate, seed-demo, ...) with
# SERVER_ENV, its output appended to SERVER_LOG; dies with the log's tail when it fails.
reckot_cmd() {
    (cd "$WORK" && "${SERVER_ENV[@]}" "$RECKOT_RELEASE" "$@") >>"$SERVER_LOG" 2>&1 ||
        { tail -n 30 "$SERVER_LOG" >&2; die "reckot $1 failed on $SERVER_DB"; }
}

# reckot_create_organizer EMAIL PASSWORD: the verified organizer the load generators sign in as.
reckot_create_organizer() {
    reckot_cmd create-user --verified --name "Bench Organizer" --email "$1" --password "$2"
}

# server_start: `reckot serve` in the background with SERVER_ENV; sets SERVER_PID once
# $SERVER_BASE/health answers 200.
server_start() {
    (cd "$WORK" && exec "${SERVER_ENV[@]}" "$RECKOT_RELEASE" serve) >>"$SERVER_LOG" 2>&1 &
    SERVER_PID=$!
    PIDS+=("$SERVER_PID")
    wait_ready "$SERVER_BASE/health" "$SERVER_PID" "$SERVER_LOG"
}

# server_warnings: shows the last warnings/errors the server logged, if any.
server_warnings() {
    local warnings
    warnings=$(grep -c -E 'WARN|ERROR' "$SERVER_LOG" || true)
    if [[ $warnings -gt 0 ]]; then
        warn "the server logged $warnings warnings/errors on $SERVER_DB; the last ones:"
        grep -E 'WARN|ERROR' "$SERVER_LOG" | tail -n 5 | cut -c1-400 | sed 's/^/      /' >&2
    fi
}

server_stop() {
    stop "$SERVER_PID"
}

# ---------------------------------------------------------------------------------------------
# The databases

# bench_each_db FUNCTION PG_PREFIX: FUNCTION DB DATABASE_URL for each of $DBS, on a fresh SQLite
# file in $WORK and on a throw-away PostgreSQL database named PG_PREFIX_<pid>_<time> (dropped at
# exit). An unreachable PostgreSQL is skipped with a warning and a {"kind": "skipped"} record.
bench_each_db() {
    local fn=$1 prefix=$2 db
    for db in $DBS; do
        case "$db" in
            sqlite)
                "$fn" sqlite "sqlite://$WORK/bench.sqlite?mode=rwc"
                ;;
            postgres)
                if ! PGCONNECT_TIMEOUT=3 psql "$PG_URL/postgres" -qAtc 'select 1' >/dev/null 2>&1; then
                    warn "PostgreSQL at $PG_URL does not answer: skipping it (start it with: pg_ctlcluster --skip-systemctl-redirect \$(ls /etc/postgresql) main start)"
                    printf '{"kind": "skipped", "db": "postgres", "reason": "PostgreSQL at %s does not answer"}\n' "$PG_URL" >>"$RESULTS"
                    continue
                fi
                PG_DB="${prefix}_$$_$(date +%s)"
                psql "$PG_URL/postgres" -q -v ON_ERROR_STOP=1 -c "create database \"$PG_DB\"" >/dev/null
                info "created database $PG_DB (dropped at exit)"
                "$fn" postgres "$PG_URL/$PG_DB"
                ;;
            *) die "unknown database '$db' in BENCH_DBS (sqlite, postgres)" ;;
        esac
    done
}

# db_query DB DATABASE_URL SQL: runs SQL with sqlite3 / psql, columns separated by one space.
db_query() {
    local db=$1 url=$2 sql=$3
    case "$db" in
        sqlite) sqlite3 -separator ' ' "$(sqlite_path "$url")" "$sql" ;;
        postgres) psql "$url" -qAt -F ' ' -v ON_ERROR_STOP=1 -c "$sql" ;;
    esac
}
