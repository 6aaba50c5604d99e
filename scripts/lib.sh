# shellcheck shell=bash
# Shared helpers for the scripts in this folder. Source it; don't run it.
#
#   . "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
#
# It sets ROOT (the repository root), TARGET_DIR (cargo's target folder, honouring
# CARGO_TARGET_DIR) and puts ~/.cargo/bin on PATH.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$HOME/.cargo/bin:$PATH"

# Cargo resolves a relative CARGO_TARGET_DIR against the directory it runs in; we always
# run it from $ROOT, so resolve it the same way.
if [[ -n "${CARGO_TARGET_DIR:-}" ]]; then
    case "$CARGO_TARGET_DIR" in
        /*) TARGET_DIR="$CARGO_TARGET_DIR" ;;
        *) TARGET_DIR="$ROOT/$CARGO_TARGET_DIR" ;;
    esac
else
    TARGET_DIR="$ROOT/target"
fi
RECKOT_BIN="$TARGET_DIR/debug/reckot"

if [[ -t 1 && -z "${NO_COLOR:-}" ]]; then
    C_BOLD=$'\e[1m'; C_DIM=$'\e[2m'; C_RED=$'\e[31m'; C_GREEN=$'\e[32m'; C_YELLOW=$'\e[33m'; C_RESET=$'\e[0m'
else
    C_BOLD=''; C_DIM=''; C_RED=''; C_GREEN=''; C_YELLOW=''; C_RESET=''
fi

step() { printf '%s==> %s%s\n' "$C_BOLD" "$*" "$C_RESET"; }
info() { printf '    %s\n' "$*"; }
ok() { printf '    %sok%s %s\n' "$C_GREEN" "$C_RESET" "$*"; }
warn() { printf '    %swarning:%s %s\n' "$C_YELLOW" "$C_RESET" "$*" >&2; }
die() { printf '%serror:%s %s\n' "$C_RED" "$C_RESET" "$*" >&2; exit 1; }

# Seconds -> "1m05s" / "12s".
fmt_duration() {
    local s=$1
    if ((s >= 60)); then printf '%dm%02ds' $((s / 60)) $((s % 60)); else printf '%ds' "$s"; fi
}

# Run a command with root rights (apt-get), using sudo when we are not root.
as_root() {
    if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo "$@"; fi
}

# The wasm-bindgen version the frontend is locked to (the CLI must be the same version).
wasm_bindgen_version() {
    local v
    v=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$ROOT/Cargo.lock" 2>/dev/null || true)
    printf '%s\n' "${v:-0.2.130}"
}

# For a sqlite:// DATABASE_URL print the database file path (relative paths are relative to
# $ROOT); print nothing for other databases or in-memory SQLite.
sqlite_path() {
    local url=$1 path
    case "$url" in
        sqlite::memory:* | sqlite://:memory:*) return 0 ;;
        sqlite://*) path=${url#sqlite://} ;;
        sqlite:*) path=${url#sqlite:} ;;
        *) return 0 ;;
    esac
    path=${path%%\?*}
    [[ -n "$path" ]] && printf '%s\n' "$path"
}

# The value of KEY from the environment, else from $ROOT/.env, else DEFAULT.
# (The server reads .env itself; scripts need a few values, such as DATABASE_URL, too.)
config_value() {
    local key=$1 default=$2 line
    if [[ -n "${!key:-}" ]]; then
        printf '%s\n' "${!key}"
        return
    fi
    if [[ -f "$ROOT/.env" ]]; then
        line=$(grep -E "^[[:space:]]*(export[[:space:]]+)?${key}=" "$ROOT/.env" | tail -n 1 || true)
        if [[ -n "$line" ]]; then
            line=${line#*=}
            line=${line%\"}; line=${line#\"}; line=${line%\'}; line=${line#\'}
            printf '%s\n' "$line"
            return
        fi
    fi
    printf '%s\n' "$default"
}

# Build the SPA in release mode unless frontend/dist is already up to date with its inputs.
# The stamp lives in the target folder so that `cargo clean` also forgets it.
SPA_STAMP="$TARGET_DIR/.reckot-spa-release.stamp"
spa_is_fresh() {
    [[ -f "$SPA_STAMP" && -f "$ROOT/frontend/dist/index.html" ]] || return 1
    local newer
    # Any input newer than the stamp, or a dist file rewritten since (e.g. by a debug build)?
    newer=$(find "$ROOT/frontend" "$ROOT/crates/common" "$ROOT/crates/domain" \
        "$ROOT/Cargo.toml" "$ROOT/Cargo.lock" "$ROOT/scripts/build-spa.sh" \
        \( -path "$ROOT/frontend/node_modules" -o -path "$ROOT/frontend/target" \) -prune -o \
        -newer "$SPA_STAMP" -print -quit 2>/dev/null)
    [[ -z "$newer" ]]
}
build_spa_release() {
    [[ -x "$ROOT/scripts/build-spa.sh" || -f "$ROOT/scripts/build-spa.sh" ]] ||
        die "scripts/build-spa.sh is missing (the frontend build script)"
    bash "$ROOT/scripts/build-spa.sh" --release
    mkdir -p "$TARGET_DIR"
    touch "$SPA_STAMP"
}

# Gzipped size of the built wasm, for humans: "812 KB raw, 231 KB gzipped (frontend/dist/x.wasm)".
wasm_size_report() {
    local f raw gz
    while IFS= read -r f; do
        raw=$(wc -c <"$f")
        gz=$(gzip -9 -c "$f" | wc -c)
        printf '%d KB raw, %d KB gzipped (%s)\n' $((raw / 1024)) $((gz / 1024)) "${f#"$ROOT"/}"
    done < <(find "$ROOT/frontend/dist" -name '*.wasm' -type f 2>/dev/null | sort)
}
