#!/usr/bin/env bash
# The Playwright suite against the real `reckot serve` and the release SPA, in Debian chromium.
#
#   scripts/e2e.sh [playwright args...]      e.g. scripts/e2e.sh --headed, scripts/e2e.sh -g invite
#
# Builds what is missing or stale (SPA release build, debug server binary), then runs
# `npx playwright test` in e2e/. Playwright's webServer starts the server on a free port with
# a fresh temporary SQLite database and mail folder (see e2e/playwright.config.ts).
# Screenshots land in e2e/screenshots/, the HTML report in e2e/playwright-report/.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"

if [[ "${RECKOT_E2E_NO_SETUP:-0}" != 1 ]]; then
    bash scripts/setup.sh --e2e
fi

step "SPA (release)"
if spa_is_fresh; then
    ok "frontend/dist is up to date"
else
    build_spa_release
fi

step "build reckot (debug)"
cargo build -p reckot-server --bin reckot
[[ -x "$RECKOT_BIN" ]] || die "expected the server binary at $RECKOT_BIN"

step "playwright"
export RECKOT_BIN
cd "$ROOT/e2e"
exec npx --no-install playwright test "$@"
