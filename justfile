# Reckot tasks. `just` lists them; `just run` starts the app, `just test` checks everything.
# The recipes are thin: the logic lives in scripts/ so CI and people run the same thing.

set shell := ["bash", "-euo", "pipefail", "-c"]

target_dir := env_var_or_default("CARGO_TARGET_DIR", justfile_directory() / "target")
reckot := target_dir / "debug" / "reckot"

# List the recipes
default:
    @just --list --unsorted

# Install what is missing: wasm32 target, wasm-bindgen-cli, the SPA's npm tools (idempotent)
setup:
    bash scripts/setup.sh

# setup, plus the e2e suite's npm packages and Debian chromium
setup-e2e:
    bash scripts/setup.sh --e2e

# Build everything, migrate the SQLite database and serve on http://127.0.0.1:8080 (args go to `reckot serve`)
[positional-arguments]
run *ARGS:
    bash scripts/run.sh "$@"

# fmt, clippy (host + wasm32), services check, tests (SQLite + PostgreSQL), wasm build, e2e; summary at the end
test:
    bash scripts/test.sh

# Playwright journeys against `reckot serve` in Debian chromium (args go to `playwright test`)
[positional-arguments]
e2e *ARGS:
    bash scripts/e2e.sh "$@"

# Format all Rust code (the SPA included)
fmt:
    cargo fmt --all

# Clippy with warnings denied, on the host crates and on the SPA for wasm32
lint:
    cargo clippy --workspace --all-targets -- -D warnings
    cargo clippy -p reckot-frontend --target wasm32-unknown-unknown -- -D warnings

# Regenerate the committed OpenAPI document (openapi/openapi.json); a test fails when it drifts
openapi:
    cargo build -p reckot-server --bin reckot
    "{{ reckot }}" openapi --out openapi/openapi.json
    @echo "==> wrote openapi/openapi.json"

# Delete the development database (DATABASE_URL) and migrate a fresh one (`--yes` skips the prompt on PostgreSQL)
[positional-arguments]
db-reset *ARGS:
    bash scripts/db-reset.sh "$@"

# Load GET /api/v1/public/events/{slug} with wrk on SQLite and PostgreSQL, next to a trivial actix-web ceiling (BENCH_DURATION, BENCH_CONNECTIONS)
bench-public:
    bash scripts/bench-public.sh

# A ticket drop through the API on SQLite and PostgreSQL: 64 buyers, 2000 attempts, 500 free tickets (BENCH_CONCURRENCY, BENCH_ATTEMPTS)
bench-checkout:
    bash scripts/bench-checkout.sh

# The doors of a sold-out event on SQLite and PostgreSQL: 32 scanners redeem 500 tickets, then re-scan 100 (BENCH_CONCURRENCY, BENCH_TICKETS, BENCH_RESCANS)
bench-checkin:
    bash scripts/bench-checkin.sh
