#!/usr/bin/env bash
# Throw away the development database (DATABASE_URL from the environment or .env) and migrate a
# fresh one.
#
#   scripts/db-reset.sh          SQLite: deletes the file. PostgreSQL: asks before dropping
#   scripts/db-reset.sh --yes    ...without asking (PostgreSQL: drops and recreates schema public)
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"

yes=0
[[ "${1:-}" == --yes || "${1:-}" == -y ]] && yes=1

database_url=$(config_value DATABASE_URL 'sqlite://data/reckot.sqlite?mode=rwc')
[[ $(config_value APP_ENV development) == production ]] && die "APP_ENV=production: refusing to reset"

case "$database_url" in
    sqlite:*)
        db_file=$(sqlite_path "$database_url")
        [[ -n $db_file ]] || die "in-memory SQLite needs no reset"
        step "delete $db_file"
        rm -f -- "$db_file" "$db_file-wal" "$db_file-shm" "$db_file-journal"
        mkdir -p "$(dirname "$db_file")"
        ;;
    postgres:* | postgresql:*)
        command -v psql >/dev/null || die "psql not found"
        if ((!yes)); then
            read -r -p "Drop every table in $database_url? Type 'yes': " answer
            [[ $answer == yes ]] || die "aborted"
        fi
        step "drop and recreate schema public"
        psql "$database_url" -X -q -v ON_ERROR_STOP=1 \
            -c 'DROP SCHEMA IF EXISTS public CASCADE' -c 'CREATE SCHEMA public'
        ;;
    *) die "unsupported DATABASE_URL: $database_url" ;;
esac

step "build reckot"
cargo build -p reckot-server --bin reckot
step "migrate"
"$RECKOT_BIN" migrate
ok "fresh database at $database_url"
