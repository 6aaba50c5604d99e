#!/usr/bin/env bash
# Install what building and testing Reckot needs, skipping whatever is already present at the
# right version, so a second run takes a second or two.
#
#   scripts/setup.sh          wasm32 target, wasm-bindgen-cli, the frontend's npm tools
#   scripts/setup.sh --e2e    the above, plus the e2e suite's npm packages and Debian chromium
#   scripts/setup.sh --e2e-only   only the e2e part
#
# Needs: rustup/cargo (Rust 1.95), node + npm. Debian chromium is installed with apt-get
# (through sudo when not root).
set -euo pipefail
# @playwright/test must never download its own browser: we use Debian chromium.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

base=1
e2e=0
for arg in "$@"; do
    case "$arg" in
        --e2e) e2e=1 ;;
        --e2e-only) e2e=1; base=0 ;;
        -h | --help) sed -n '2,11p' "$0"; exit 0 ;;
        *) die "unknown argument: $arg" ;;
    esac
done

# Install npm packages into DIR when node_modules is missing or older than package.json /
# package-lock.json. A hash of both files, kept in node_modules, tells "outdated".
manifest_hash() {
    { cat "$ROOT/$1/package.json"; cat "$ROOT/$1/package-lock.json" 2>/dev/null || true; } | sha256sum | cut -d' ' -f1
}
npm_install() {
    local dir=$1 label=$2 want have
    step "npm packages for $label ($dir)"
    command -v npm >/dev/null || die "npm not found: install Node.js 20+ (Debian: apt-get install nodejs npm)"
    [[ -f "$ROOT/$dir/package.json" ]] || { warn "$dir/package.json missing; skipping"; return 0; }
    want=$(manifest_hash "$dir")
    have=$(cat "$ROOT/$dir/node_modules/.reckot-setup-hash" 2>/dev/null || true)
    if [[ -d "$ROOT/$dir/node_modules" && "$want" == "$have" ]]; then
        ok "up to date"
        return 0
    fi
    if [[ -f "$ROOT/$dir/package-lock.json" ]]; then
        (cd "$ROOT/$dir" && npm ci --no-audit --no-fund)
    else
        (cd "$ROOT/$dir" && npm install --no-audit --no-fund)
    fi
    # npm install may have just written package-lock.json: hash again.
    manifest_hash "$dir" >"$ROOT/$dir/node_modules/.reckot-setup-hash"
    ok "installed"
}

if ((base)); then
    step "Rust toolchain"
    command -v cargo >/dev/null || die "cargo not found: install Rust with rustup (https://rustup.rs)"
    info "$(rustc --version)"

    step "rustup target wasm32-unknown-unknown"
    if rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
        ok "already installed"
    else
        rustup target add wasm32-unknown-unknown
    fi

    want=$(wasm_bindgen_version)
    step "wasm-bindgen-cli $want"
    have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
    if [[ "$have" == "$want" ]]; then
        ok "wasm-bindgen $have"
    else
        [[ -n "$have" ]] && info "found wasm-bindgen $have, need $want"
        info "cargo install wasm-bindgen-cli --version $want (takes ~5 minutes on 2 cores)"
        # No --locked: the CLI's own lockfile pins a crate version the registry no longer has.
        cargo install wasm-bindgen-cli --version "$want" --force
    fi

    step "Node.js"
    command -v node >/dev/null || die "node not found: install Node.js 20+ (Debian: apt-get install nodejs npm)"
    info "node $(node --version), npm $(npm --version)"
    npm_install frontend "the SPA build (tailwind, binaryen)"
fi

if ((e2e)); then
    npm_install e2e "the e2e suite (Playwright, axe-core)"

    step "Debian chromium (for Playwright)"
    if [[ -x /usr/bin/chromium ]]; then
        ok "$(/usr/bin/chromium --version 2>/dev/null | head -n 1)"
    else
        command -v apt-get >/dev/null || die "no /usr/bin/chromium and no apt-get: install Chromium and set CHROMIUM_PATH"
        info "apt-get install -y chromium (about 30 s)"
        as_root apt-get update -qq
        as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
        ok "$(/usr/bin/chromium --version 2>/dev/null | head -n 1)"
    fi
fi
