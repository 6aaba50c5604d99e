#!/usr/bin/env bash
# `just run`: install what is missing, build the SPA (release) and the server (debug), apply
# migrations, then serve. Extra arguments go to `reckot serve`.
#
# Everything is skipped when already up to date, so a second run starts in seconds.
# Configuration comes from the environment and .env (see .env.example); with none, Reckot
# runs in development mode on SQLite at data/reckot.sqlite and writes emails to data/mail/.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"

bash scripts/setup.sh

step "SPA (release build into frontend/dist)"
if spa_is_fresh; then
    ok "up to date"
else
    info "first build takes ~5 minutes (LTO + wasm-opt); later builds only what changed"
    build_spa_release
fi
report=$(wasm_size_report)
[[ -n $report ]] && info "$report"

step "server (cargo build -p reckot-server)"
info "first build takes ~8 minutes on 2 cores; later ones ~30 s after a change, ~1 s without"
cargo build -p reckot-server --bin reckot

database_url=$(config_value DATABASE_URL 'sqlite://data/reckot.sqlite?mode=rwc')
db_file=$(sqlite_path "$database_url")
if [[ -n $db_file ]]; then
    mkdir -p "$(dirname "$db_file")"
fi

step "migrate ($database_url)"
"$RECKOT_BIN" migrate

bind=$(config_value BIND_ADDR 127.0.0.1:8080)
base=$(config_value BASE_URL "http://$bind")
mail=$(config_value MAIL_DIR data/mail)
# Development pays through local stubs of CamPay, pawaPay and Flutterwave (signed callbacks
# included) unless .env or the environment says otherwise.
if [[ $(config_value APP_ENV development) != production ]]; then
    export PAYMENT_STUBS=$(config_value PAYMENT_STUBS true)
fi

step "serve"
info "app:      $base/"
info "API docs: $base/api/docs/"
if [[ $(config_value APP_ENV development) != production ]]; then
    info "emails:   $mail/ (development: messages are written there, not sent)"
fi
if [[ ${PAYMENT_STUBS:-false} == true || ${PAYMENT_STUBS:-0} == 1 ]]; then
    info "payments: local gateway stubs (mobile money approves after ~2 s; PAYMENT_STUBS=false to turn off)"
fi
info "stop with Ctrl-C"
exec "$RECKOT_BIN" serve "$@"
