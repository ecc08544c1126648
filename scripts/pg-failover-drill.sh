#!/usr/bin/env bash
# The failover drill (docs/deploy.md): the primary stops as if its host died, the streaming
# replica is promoted to primary, and the script waits until it accepts writes. Senim needs no
# restart: its DATABASE_URL names both hosts with target_session_attrs=read-write, so its next
# connection finds the new primary.
#
#   scripts/pg-failover-drill.sh PRIMARY_DATA_DIR REPLICA_DATA_DIR REPLICA_HOST PORT
#
# PostgreSQL's binaries are those of the newest version under /usr/lib/postgresql (or PG_BIN).
# Run as root it acts as the postgres user. Nothing acknowledged before the stop is lost when
# the primary has `synchronous_standby_names` naming the replica (deploy/postgresql/primary.conf):
# every commit then waits until the replica has it on disk.
set -euo pipefail
primary_data=$1 replica_data=$2 replica_host=$3 port=$4
pg_bin=${PG_BIN:-$(dirname "$(ls /usr/lib/postgresql/*/bin/pg_ctl | sort -V | tail -n 1)")}
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

echo "== the primary stops (immediate: no checkpoint, as a lost host)"
as_pg "$pg_bin/pg_ctl" -D "$primary_data" -m immediate -w stop >/dev/null
echo "== the replica is promoted"
as_pg "$pg_bin/pg_ctl" -D "$replica_data" -w promote >/dev/null
for _ in $(seq 1 100); do
  state=$(as_pg "$pg_bin/psql" -h "$replica_host" -p "$port" -U postgres -Atqc \
    "SELECT pg_is_in_recovery()" postgres 2>/dev/null || true)
  if [ "$state" = f ]; then echo "== $replica_host:$port is the primary now"; exit 0; fi
  sleep 0.2
done
echo "the replica did not become a primary" >&2
exit 1
