#!/usr/bin/env bash
# Starts a real SMTP server for the tests (scripts/smtp_sink.py on Debian's python3-aiosmtpd, installed if missing)
# and prints "host:port directory"; the messages it accepts are files in that directory.
# Usage: scripts/smtp.sh start|stop        (MAILLAGE_SMTP_PORT, default 55025)
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=${MAILLAGE_SMTP_PORT:-55025}
DIR=${MAILLAGE_SMTP_DIR:-/tmp/maillage-smtp-$PORT}
PID=$DIR.pid

case "${1:-start}" in
  start)
    if ! /usr/bin/python3 -c "import aiosmtpd" 2>/dev/null; then
      SUDO=$([ "$(id -u)" = 0 ] || echo sudo)
      $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq python3-aiosmtpd >/dev/null
    fi
    if [ -f "$PID" ] && kill -0 "$(cat "$PID")" 2>/dev/null; then
      kill "$(cat "$PID")" && sleep 0.5
    fi
    rm -rf "$DIR" && mkdir -p "$DIR"
    nohup /usr/bin/python3 scripts/smtp_sink.py --port "$PORT" --dir "$DIR" >"$DIR.log" 2>&1 &
    echo $! >"$PID"
    for _ in $(seq 1 50); do
      grep -q "smtp sink on" "$DIR.log" 2>/dev/null && break
      kill -0 "$(cat "$PID")" 2>/dev/null || break
      sleep 0.1
    done
    if ! kill -0 "$(cat "$PID")" 2>/dev/null; then
      echo "The SMTP test server did not start:" >&2 && cat "$DIR.log" >&2 && exit 1
    fi
    echo "127.0.0.1:$PORT $DIR"
    ;;
  stop)
    [ -f "$PID" ] && kill "$(cat "$PID")" 2>/dev/null || true
    rm -f "$PID"
    ;;
esac
