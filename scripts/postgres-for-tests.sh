#!/usr/bin/env bash
# Starts a throw-away PostgreSQL server for the API's tests on localhost:55432 (database and user "postgres",
# trust authentication, data in /tmp/readout-test-pg), unless one already answers there. Needs the Debian
# postgresql package (scripts/setup.sh installs it) and root or the postgres user. Idempotent.
set -euo pipefail
PORT="${READOUT_TEST_PG_PORT:-55432}"
DIR="${READOUT_TEST_PG_DIR:-/tmp/readout-test-pg}"
BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
if [ -z "$BIN" ] || [ ! -x "$BIN/initdb" ]; then
  echo "postgres-for-tests: PostgreSQL is not installed (apt-get install postgresql)" >&2
  exit 1
fi
as_pg() {
  if [ "$(id -un)" = postgres ]; then "$@"; else su postgres -s /bin/sh -c "$(printf '%q ' "$@")"; fi
}
if "$BIN/pg_isready" -q -h localhost -p "$PORT"; then
  exit 0
fi
if [ ! -f "$DIR/PG_VERSION" ]; then
  mkdir -p "$DIR"
  chown postgres:postgres "$DIR" 2>/dev/null || true
  as_pg "$BIN/initdb" -D "$DIR" -U postgres -A trust -E UTF8 --no-locale >/dev/null
fi
as_pg "$BIN/pg_ctl" -D "$DIR" -l "$DIR/server.log" -w -t 30 \
  -o "-p $PORT -k $DIR -c listen_addresses=localhost -c fsync=off" start >/dev/null
"$BIN/pg_isready" -q -h localhost -p "$PORT"
echo "postgres-for-tests: PostgreSQL on localhost:$PORT (data in $DIR)" >&2
