#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests (reference: central-ops.md).
#   pg_cluster.sh start FILE   initdb into a new $TMPDIR/kiosk-pg-XXXXXX (default /tmp), serve on a Unix socket
#                              there (no TCP), superuser `kiosk` trusted, database kiosk_tests; writes the folder to FILE
#   pg_cluster.sh stop FILE    stops the cluster FILE names and removes its folder
# As root the server runs as the `postgres` user (PostgreSQL refuses to run as root).
set -euo pipefail
bin=/usr/lib/postgresql/15/bin
[[ $# -eq 2 ]] || { echo "usage: $0 start|stop FILE" >&2; exit 2; }
file=$2
as=()
if (( EUID == 0 )); then
  id postgres >/dev/null 2>&1 || { echo "pg_cluster.sh: no postgres user (apt-get install postgresql-15)" >&2; exit 1; }
  as=(runuser -u postgres --)
fi
case $1 in
  start)
    [[ -x $bin/initdb ]] || { echo "pg_cluster.sh: $bin/initdb missing: apt-get install postgresql-15 (deploy/setup.sh)" >&2; exit 1; }
    dir=$(mktemp -d "${TMPDIR:-/tmp}/kiosk-pg-XXXXXX")
    chmod 755 "$dir"  # the socket is reached by the tests and by kiosk-central running as nobody
    (( EUID == 0 )) && chown postgres "$dir"
    "${as[@]}" "$bin/initdb" -D "$dir/data" -U kiosk --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 ||
      { cat "$dir/initdb.log" >&2; rm -rf "$dir"; exit 1; }
    # fsync stays on: the durability figures of the benchmarks come from this setup too.
    "${as[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-k $dir -c listen_addresses='' -c max_connections=300 -c shared_buffers=64MB" start >/dev/null ||
      { cat "$dir/server.log" >&2; rm -rf "$dir"; exit 1; }
    "${as[@]}" "$bin/psql" -h "$dir" -U kiosk -d postgres -qc "CREATE DATABASE kiosk_tests" >/dev/null ||
      { "${as[@]}" "$bin/pg_ctl" -D "$dir/data" -m immediate stop; rm -rf "$dir"; exit 1; }
    echo "$dir" >"$file"
    ;;
  stop)
    dir=$(head -n 1 "$file" 2>/dev/null || true)
    [[ -n $dir && -d $dir/data ]] || exit 0
    "${as[@]}" "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
    rm -rf "$dir"
    ;;
  *) echo "usage: $0 start|stop FILE" >&2; exit 2 ;;
esac
