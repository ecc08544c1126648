#!/usr/bin/env bash
# `make test`: Chromium, nginx and PostgreSQL when absent, the static checks, then the whole suite on
# SQLite and on PostgreSQL, browser tests included.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
apt_updated=
apt_install() {
  [ -n "$apt_updated" ] || { as_root apt-get update -qq; apt_updated=1; }
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

# --- Chromium for the browser tests (Debian's, never a downloaded build) -----------------
if [ -z "${SENIM_CHROMIUM:-}" ]; then
  command -v chromium >/dev/null || { echo "== installing chromium"; apt_install chromium; }
  export SENIM_CHROMIUM=$(command -v chromium)
fi

# Debian's nginx for tests/test_production_path.py, which starts its own nginx process (its own
# config, ports and logs under /tmp) in front of `senim serve`. The package must not start the
# system service on port 80: services are held back while it installs (policy-rc.d, Debian's
# switch for that), unless the machine already has a policy of its own.
apt_install_service() {
  if [ -e /usr/sbin/policy-rc.d ]; then
    apt_install "$@"
  else
    printf '#!/bin/sh\nexit 101\n' | as_root tee /usr/sbin/policy-rc.d >/dev/null
    as_root chmod 755 /usr/sbin/policy-rc.d
    status=0; apt_install "$@" || status=$?
    as_root rm -f /usr/sbin/policy-rc.d
    [ "$status" = 0 ] || exit "$status"
  fi
}
if ! command -v nginx >/dev/null && [ ! -x /usr/sbin/nginx ]; then
  echo "== installing nginx"
  apt_install_service nginx
fi
# Debian's Redis for tests/test_topology.py, which starts its own redis-server (the shared
# cache of several hosts); held back from starting as a system service like nginx.
if ! command -v redis-server >/dev/null && [ ! -x /usr/bin/redis-server ]; then
  echo "== installing redis"
  apt_install_service redis-server
fi

# GNU gettext: the catalogue test extracts every string from the code and compares.
command -v xgettext >/dev/null || { echo "== installing gettext"; apt_install gettext; }

# --- PostgreSQL: the one in SENIM_TEST_POSTGRES_URL, a local one, or a throwaway ---------
pg_url=${SENIM_TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/senim}
pg_tmp=
stop_pg() {
  if [ -n "$pg_tmp" ]; then
    as_pg "$pg_bin/pg_ctl" -D "$pg_tmp/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$pg_tmp"
  fi
}
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
trap stop_pg EXIT
if ! $BIN/python scripts/pg_reachable.py "$pg_url"; then
  echo "== starting a throwaway PostgreSQL"
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || apt_install postgresql
  pg_bin=$(dirname "$(ls /usr/lib/postgresql/*/bin/initdb | sort -V | tail -n 1)")
  pg_tmp=$(mktemp -d /tmp/senim-pg.XXXXXX)
  [ "$(id -u)" = 0 ] && chown postgres "$pg_tmp"
  as_pg "$pg_bin/initdb" -D "$pg_tmp/data" -A trust -U postgres -E UTF8 >/dev/null
  as_pg "$pg_bin/pg_ctl" -D "$pg_tmp/data" -l "$pg_tmp/log" -w start \
    -o "-p 55432 -k $pg_tmp -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off" >/dev/null
  pg_url=postgres://postgres@127.0.0.1:55432/senim
fi

bash scripts/lint.sh

run_suite() {
  local name=$1; shift
  echo "== pytest on $name"
  local var; var=$(mktemp -d /tmp/senim-test.XXXXXX)
  # Two pytest-xdist workers (SENIM_TEST_WORKERS), each with its own test database and live
  # server: a run takes half the time on the 2-core reference machine.
  env SENIM_VAR_DIR="$var" SENIM_ENV=development "$@" \
    $BIN/python -m pytest -q -n "${SENIM_TEST_WORKERS:-2}" ${PYTEST_ARGS:-}
  rm -rf "$var"
}
run_suite SQLite env -u DATABASE_URL
run_suite PostgreSQL DATABASE_URL="$pg_url"
