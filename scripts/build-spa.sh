#!/usr/bin/env bash
# Build the Leptos SPA into frontend/dist:
#   index.html, boot.js, favicon.svg, app.css (Tailwind, minified), pkg/ (wasm-bindgen output).
#
#   scripts/build-spa.sh            dev profile (fast, big wasm, no wasm-opt)
#   scripts/build-spa.sh --release  profile wasm-release (LTO, opt-level z) + wasm-opt -Oz
#
# Needs the wasm32-unknown-unknown target and wasm-bindgen-cli at the version in Cargo.lock
# (scripts/setup.sh installs both). npm packages (tailwind, binaryen) are installed here when
# frontend/node_modules is missing or package.json / package-lock.json changed.
# wasm-opt comes from npm `binaryen` on purpose: Debian's wasm-opt 108 silently breaks the module.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"

release=0
for arg in "$@"; do
    case "$arg" in
        --release) release=1 ;;
        -h | --help) sed -n '2,12p' "$0"; exit 0 ;;
        *) die "unknown argument: $arg" ;;
    esac
done

FE="$ROOT/frontend"
DIST="$FE/dist"
started=$(date +%s)

# One build at a time (a second caller waits), and the result replaces dist/ in one move, so a
# server reading dist/ never sees a half-written package.
mkdir -p "$TARGET_DIR"
exec 9>"$TARGET_DIR/.reckot-spa-build.lock"
if command -v flock >/dev/null && ! flock -n 9; then
    info "another SPA build is running; waiting for it"
    flock 9
fi
STAGE="$TARGET_DIR/reckot-spa-staging"
OLD="$TARGET_DIR/reckot-spa-old"
rm -rf "$STAGE"
mkdir -p "$STAGE/pkg"
trap 'rm -rf "$STAGE"' EXIT

# --- npm tools -------------------------------------------------------------------------------
manifest_hash() {
    { cat "$FE/package.json"; cat "$FE/package-lock.json" 2>/dev/null || true; } | sha256sum | cut -d' ' -f1
}
step "npm tools (tailwindcss, binaryen)"
want=$(manifest_hash)
have=$(cat "$FE/node_modules/.reckot-setup-hash" 2>/dev/null || true)
if [[ -d "$FE/node_modules" && "$want" == "$have" ]]; then
    ok "up to date"
else
    command -v npm >/dev/null || die "npm not found: install Node.js 20+"
    if [[ -f "$FE/package-lock.json" ]]; then
        (cd "$FE" && npm ci --no-audit --no-fund)
    else
        (cd "$FE" && npm install --no-audit --no-fund)
    fi
    manifest_hash >"$FE/node_modules/.reckot-setup-hash"
    ok "installed"
fi

# --- wasm ------------------------------------------------------------------------------------
rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown ||
    die "rust target wasm32-unknown-unknown missing: run scripts/setup.sh"
if ((release)); then
    profile=wasm-release
    profile_args=(--profile wasm-release)
else
    profile=debug
    profile_args=()
fi
step "building wasm (cargo build -p reckot-frontend, profile $profile)"
((release)) && info "a cold release build takes ~5 minutes (LTO, codegen-units=1)"
cargo build -p reckot-frontend --target wasm32-unknown-unknown "${profile_args[@]}"
wasm="$TARGET_DIR/wasm32-unknown-unknown/$profile/reckot_frontend.wasm"
[[ -f "$wasm" ]] || die "expected $wasm after the build"

step "wasm-bindgen"
want_wb=$(wasm_bindgen_version)
have_wb=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
[[ "$have_wb" == "$want_wb" ]] ||
    die "wasm-bindgen-cli ${have_wb:-not found}, need $want_wb: run scripts/setup.sh"
wasm-bindgen --target web --no-typescript --out-dir "$STAGE/pkg" "$wasm"
ok "pkg/reckot_frontend.js, pkg/reckot_frontend_bg.wasm"

if ((release)); then
    step "wasm-opt -Oz (npm binaryen)"
    opt="$FE/node_modules/.bin/wasm-opt"
    [[ -x "$opt" ]] || die "$opt missing (npm package binaryen)"
    bg="$STAGE/pkg/reckot_frontend_bg.wasm"
    # The features rustc enables by default for wasm32-unknown-unknown.
    "$opt" -Oz --strip-debug --strip-producers \
        --enable-bulk-memory --enable-mutable-globals --enable-sign-ext \
        --enable-nontrapping-float-to-int --enable-reference-types --enable-multivalue \
        -o "$bg.opt" "$bg"
    mv "$bg.opt" "$bg"
    ok "$("$opt" --version)"
fi

# --- css and static files ---------------------------------------------------------------------
step "building css (tailwindcss --minify)"
(cd "$FE" && ./node_modules/.bin/tailwindcss -i style/input.css -o "$STAGE/app.css" --minify 2>&1 | grep -v '^$' || true)
[[ -s "$STAGE/app.css" ]] || die "tailwind produced no app.css"
ok "$(wc -c <"$STAGE/app.css") bytes app.css"

step "copying index.html and static assets"
cp "$FE/index.html" "$STAGE/index.html"
cp -R "$FE/static/." "$STAGE/"
ok "$(cd "$STAGE" && find . -maxdepth 1 -type f | sed 's|^\./||' | sort | tr '\n' ' ')"

rm -rf "$OLD"
if [[ -d "$DIST" ]]; then mv "$DIST" "$OLD"; fi
mv "$STAGE" "$DIST"
rm -rf "$OLD"
trap - EXIT

step "done in $(fmt_duration $(($(date +%s) - started)))"
info "$(wasm_size_report)"
