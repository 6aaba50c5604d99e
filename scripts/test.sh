#!/usr/bin/env bash
# Everything CI checks, in order, continuing past failures, with a summary table at the end:
#
#   setup -> fmt -> clippy (host) -> clippy (wasm32) -> services -> tests -> wasm build -> e2e
#
# Environment:
#   TEST_POSTGRES_URL        default postgres://postgres@127.0.0.1:5432/test
#   TEST_REDIS_URL           default redis://127.0.0.1:6379
#   RECKOT_REQUIRE_SERVICES  1: an unreachable PostgreSQL/Redis fails the run (and the tests
#                            that need them fail instead of printing "SKIPPED: ...")
#   CARGO_TARGET_DIR         honoured everywhere (e2e finds the server binary there)
#
# Exit status: 0 when every step passed or was skipped, 1 otherwise.
set -uo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"

export TEST_POSTGRES_URL="${TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/test}"
export TEST_REDIS_URL="${TEST_REDIS_URL:-redis://127.0.0.1:6379}"
export RECKOT_REQUIRE_SERVICES="${RECKOT_REQUIRE_SERVICES:-0}"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-$([[ -t 1 ]] && echo always || echo auto)}"

names=()
results=()
durations=()
notes=()

record() { # name result seconds note
    names+=("$1"); results+=("$2"); durations+=("$3"); notes+=("${4:-}")
}

# run_step NAME [NOTE] -- COMMAND...: banner, run, record passed/failed with the duration.
run_step() {
    local name=$1 note='' start rc
    shift
    if [[ $1 != -- ]]; then note=$1; shift; fi
    shift
    step "$name"
    printf '    %s$ %s%s\n' "$C_DIM" "$*" "$C_RESET"
    start=$SECONDS
    "$@"
    rc=$?
    if ((rc == 0)); then
        record "$name" passed $((SECONDS - start)) "$note"
    else
        record "$name" failed $((SECONDS - start)) "${note:+$note; }exit $rc"
    fi
    return $rc
}

skip_step() { # name reason
    step "$1"
    info "skipped: $2"
    record "$1" skipped 0 "$2"
}

# host and port of URL (scheme://[user[:pass]@]host[:port][/...]); default port $2.
host_port() {
    local rest=${1#*://}
    rest=${rest%%/*}
    rest=${rest%%\?*}
    rest=${rest##*@}
    local host=${rest%%:*} port=$2
    [[ $rest == *:* ]] && port=${rest##*:}
    printf '%s %s\n' "${host:-127.0.0.1}" "$port"
}

tcp_open() { timeout 3 bash -c "exec 3<>/dev/tcp/$1/$2" 2>/dev/null; }

postgres_up() {
    local host port
    read -r host port < <(host_port "$TEST_POSTGRES_URL" 5432)
    if command -v psql >/dev/null; then
        # Also proves the role and database in the URL are accepted, not only the port.
        PGCONNECT_TIMEOUT=3 psql "$TEST_POSTGRES_URL" -XAtqc 'select 1' >/dev/null 2>&1
    elif command -v pg_isready >/dev/null; then
        pg_isready -q -t 3 -d "$TEST_POSTGRES_URL"
    else
        tcp_open "$host" "$port"
    fi
}

redis_up() {
    local host port
    read -r host port < <(host_port "$TEST_REDIS_URL" 6379)
    if command -v redis-cli >/dev/null; then
        [[ "$(timeout 3 redis-cli -u "$TEST_REDIS_URL" ping 2>/dev/null)" == PONG ]]
    else
        tcp_open "$host" "$port"
    fi
}

detect_services() {
    local missing=0
    if postgres_up; then
        ok "PostgreSQL answers at $TEST_POSTGRES_URL"
    else
        missing=1
        warn "PostgreSQL unreachable (or refusing this role/database) at $TEST_POSTGRES_URL"
        info "PostgreSQL tests will print 'SKIPPED: postgres unreachable'"
        postgres_missing=1
    fi
    if redis_up; then
        ok "Redis answers at $TEST_REDIS_URL"
    else
        missing=1
        warn "Redis unreachable at $TEST_REDIS_URL"
        info "Redis tests will print 'SKIPPED: redis unreachable'"
        redis_missing=1
    fi
    if ((missing)) && [[ "$RECKOT_REQUIRE_SERVICES" == 1 ]]; then
        info "RECKOT_REQUIRE_SERVICES=1: a missing service is a failure"
        return 1
    fi
    return 0
}

run_tests() {
    if command -v cargo-nextest >/dev/null; then
        cargo nextest run --workspace --no-fail-fast --no-tests=warn
    else
        warn "cargo-nextest not found; falling back to cargo test"
        cargo test --workspace --no-fail-fast
    fi
}

build_wasm() {
    build_spa_release || return 1
    local report
    report=$(wasm_size_report)
    if [[ -z "$report" ]]; then
        warn "no .wasm file under frontend/dist"
        return 1
    fi
    info "wasm size: $report"
    wasm_report=$report
}

# ---------------------------------------------------------------------------------------------

step "Reckot test suite ($(date '+%Y-%m-%d %H:%M:%S'))"
info "target dir: $TARGET_DIR"
info "RECKOT_REQUIRE_SERVICES=$RECKOT_REQUIRE_SERVICES"
total_start=$SECONDS
postgres_missing=0
redis_missing=0
wasm_report=''

run_step setup -- bash scripts/setup.sh --e2e
run_step fmt -- cargo fmt --all -- --check
run_step "clippy (host)" -- cargo clippy --workspace --all-targets -- -D warnings
run_step "clippy (wasm32)" -- cargo clippy -p reckot-frontend --target wasm32-unknown-unknown -- -D warnings

run_step services -- detect_services
svc_note=''
((postgres_missing)) && svc_note+="postgres unreachable; "
((redis_missing)) && svc_note+="redis unreachable; "
if [[ -n $svc_note ]]; then
    notes[${#notes[@]} - 1]="${svc_note%; }${notes[${#notes[@]} - 1]:+; ${notes[${#notes[@]} - 1]}}"
fi

tests_note='sqlite + postgres'
((postgres_missing)) && tests_note='sqlite only: postgres tests skipped'
((redis_missing)) && tests_note+='; redis tests skipped'
if command -v cargo-nextest >/dev/null; then tests_name="tests (nextest)"; else tests_name="tests (cargo test)"; fi
run_step "$tests_name" "$tests_note" -- run_tests

if run_step "wasm build (release)" -- build_wasm; then
    first_wasm=${wasm_report%%$'\n'*}
    [[ -n $first_wasm ]] && notes[${#notes[@]} - 1]="${first_wasm%% (*}"
    run_step e2e -- env RECKOT_E2E_NO_SETUP=1 bash scripts/e2e.sh
else
    skip_step e2e "the SPA did not build"
fi

# ---------------------------------------------------------------------------------------------

step "summary"
failed=0
printf '    %-22s %-8s %8s  %s\n' STEP RESULT TIME NOTE
for i in "${!names[@]}"; do
    case "${results[$i]}" in
        passed) colour=$C_GREEN ;;
        failed) colour=$C_RED; failed=$((failed + 1)) ;;
        *) colour=$C_YELLOW ;;
    esac
    printf '    %-22s %s%-8s%s %8s  %s\n' "${names[$i]}" "$colour" "${results[$i]}" "$C_RESET" \
        "$(fmt_duration "${durations[$i]}")" "${notes[$i]}"
done
printf '    %-22s %-8s %8s\n' total '' "$(fmt_duration $((SECONDS - total_start)))"
if ((failed)); then
    printf '%s%d step(s) failed%s\n' "$C_RED" "$failed" "$C_RESET"
    exit 1
fi
printf '%sall steps passed%s\n' "$C_GREEN" "$C_RESET"
