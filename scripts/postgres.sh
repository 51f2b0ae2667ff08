#!/usr/bin/env bash
# Starts a throwaway PostgreSQL server for the tests (installing it if missing) and prints its connection string.
# Usage: scripts/postgres.sh start|stop
# MAILLAGE_PG_DURABLE=1 keeps PostgreSQL's durability (fsync, synchronous commit): for benchmarks of durable commits.
set -euo pipefail
PORT=${MAILLAGE_PG_PORT:-55432}
DATA=${MAILLAGE_PG_DATA:-/tmp/maillage-pg-$PORT}

find_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

as_postgres() {
  if [ "$(id -u)" = 0 ]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi
}

case "${1:-start}" in
  start)
    if [ -z "$(find_bin)" ]; then
      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    fi
    BIN=$(find_bin)
    if ! as_postgres "$BIN/pg_ctl -D $DATA status" >/dev/null 2>&1; then
      rm -rf "$DATA" && mkdir -p "$DATA"
      [ "$(id -u)" = 0 ] && chown postgres:postgres "$DATA"
      as_postgres "$BIN/initdb -D $DATA -U postgres -A trust -E UTF8 --locale=C.UTF-8" >/dev/null
      # Durability off: a test server's data is thrown away, and the tests run faster.
      DURABILITY="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
      [ "${MAILLAGE_PG_DURABLE:-0}" = 1 ] && DURABILITY="-c fsync=on -c synchronous_commit=on -c full_page_writes=on"
      as_postgres "$BIN/pg_ctl -D $DATA -l $DATA/server.log -w -o \"-p $PORT -k /tmp -c listen_addresses=127.0.0.1 $DURABILITY -c max_connections=300\" start" >/dev/null
    fi
    echo "Host=127.0.0.1;Port=$PORT;Username=postgres;Database=postgres;Pooling=true;Maximum Pool Size=50"
    ;;
  stop)
    BIN=$(find_bin)
    [ -n "$BIN" ] && as_postgres "$BIN/pg_ctl -D $DATA -m fast stop" >/dev/null 2>&1 || true
    ;;
esac
