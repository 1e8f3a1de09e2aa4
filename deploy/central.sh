#!/usr/bin/env bash
# Runs the central side in the foreground: nginx terminates mutual TLS for the kiosks on
# HOST:PORT and passes each request, with the verified client certificate's subject, to
# kiosk-central on a Unix socket in a 0700 folder (deploy/nginx/central.conf.in).
#
# Usage: deploy/central.sh DIR --listen HOST:PORT [--db DB] [--key PATH] [--instances N]
#                          [--demo-data] [--group-commit on|off]
#   DIR        all state: central.db, logs/ (access.log, nginx-error.log, central-N.log),
#              run/ (the sockets, 0700), nginx.conf, nginx.pid, nginx-tmp/
#   --db       sqlite:PATH or postgresql://... (default sqlite:DIR/central.db); with
#              PostgreSQL the key that seals personal data is --key (default DIR/central.key)
#   --instances N kiosk-central processes on the same database behind one nginx upstream
#              group (default 1). nginx routes around one that stops; the others keep serving.
#   --group-commit passed to kiosk-central: on (its default) writes claims arriving together
#              in one transaction; off, one transaction each (the benchmark compares them)
#   DIR/tls    ca.pem (the kiosk CA), crl.pem (its revocation list), server.pem/.key;
#              made with deploy/dev-ca.sh when missing (a development CA: never in production)
#   PORT 0     picks a free port; the line "listening on HOST:PORT" on stdout says which
#              and that both processes are ready. Everything else goes to stderr and logs/.
# Signals: SIGTERM/SIGINT stop both within seconds; SIGHUP makes nginx re-read its
# configuration and the CRL (after deploy/dev-ca.sh --revoke) without dropping connections.
#
# kiosk-central is $KIOSK_CENTRAL, else the one on PATH, else build/release or build/dev.
# As root, both processes run as $CENTRAL_USER (default nobody), DIR is handed to that user,
# and nothing runs as root after start-up; ports below 1024 keep only CAP_NET_BIND_SERVICE.
set -euo pipefail

usage() {
  echo "usage: $0 DIR --listen HOST:PORT [--db DB] [--key PATH] [--instances N] [--demo-data] [--group-commit on|off]" >&2
  exit 2
}
die() {
  echo "central.sh: $*" >&2
  exit 1
}

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
[[ $# -ge 1 ]] || usage
dir=$1
shift
listen="" demo=() db="" key="" instances=1 group_commit=()
while [[ $# -gt 0 ]]; do
  case $1 in
    --listen) [[ $# -ge 2 ]] || usage; listen=$2; shift 2 ;;
    --db) [[ $# -ge 2 ]] || usage; db=$2; shift 2 ;;
    --key) [[ $# -ge 2 ]] || usage; key=$2; shift 2 ;;
    --instances) [[ $# -ge 2 ]] || usage; instances=$2; shift 2 ;;
    --demo-data) demo=(--demo-data); shift ;;
    --group-commit) [[ $# -ge 2 ]] || usage; group_commit=(--group-commit "$2"); shift 2 ;;
    *) usage ;;
  esac
done
[[ $listen =~ ^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+):([0-9]+)$ ]] ||
  die "--listen expects HOST:PORT, e.g. 127.0.0.1:8443 or [::1]:0"
host=${BASH_REMATCH[1]} port=${BASH_REMATCH[2]}
(( port <= 65535 )) || die "port $port is out of range"
[[ $instances =~ ^[0-9]+$ ]] && (( instances >= 1 && instances <= 32 )) ||
  die "--instances takes 1 to 32"

central=${KIOSK_CENTRAL:-}
if [[ -z $central ]]; then
  central=$(command -v kiosk-central || true)
fi
for candidate in "$here/../build/release/server/kiosk-central" "$here/../build/dev/server/kiosk-central"; do
  [[ -n $central ]] && break
  [[ -x $candidate ]] && central=$candidate
done
[[ -n $central && -x $central ]] ||
  die "kiosk-central not found: set KIOSK_CENTRAL, put it on PATH, or build it (cmake --build --preset release)"
nginx=${NGINX:-$(command -v nginx || echo /usr/sbin/nginx)}
[[ -x $nginx ]] || die "nginx not found: apt-get install nginx-light"

umask 077
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
tls=$dir/tls
if [[ ! -f $tls/server.pem ]]; then
  echo "central.sh: no certificates in $tls; making a development CA with deploy/dev-ca.sh" >&2
  "$here/dev-ca.sh" "$tls" >&2
fi
for f in ca.pem crl.pem server.pem server.key; do
  [[ -r $tls/$f ]] || die "$tls/$f is missing: nginx needs ca.pem (the kiosk CA), crl.pem (its revocation list, e.g. openssl ca -gencrl), server.pem and server.key"
done
mkdir -p "$dir/logs" "$dir/run" "$dir/nginx-tmp"
chmod 700 "$dir/run"
socket=$dir/run/central-$instances.sock
(( ${#socket} < 100 )) || die "the socket path $socket is too long for a Unix socket; use a shorter DIR"
[[ -n $db ]] || db=sqlite:$dir/central.db
db_args=(--db "$db")
if [[ $db == postgres://* || $db == postgresql://* ]]; then
  db_args+=(--key "${key:-$dir/central.key}")
elif [[ -n $key ]]; then
  die "--key is for PostgreSQL; an SQLite database keeps its key beside it (PATH.key)"
fi

# As root: one unprivileged user for both. nginx and kiosk-central share the socket folder,
# which no one else can enter; that is what lets kiosk-central trust nginx's header.
as_user=()
own() { :; }  # hands a file written here to the user the processes run as
if (( EUID == 0 )); then
  user=${CENTRAL_USER:-nobody}
  group=$(id -gn "$user") || die "no user $user: set CENTRAL_USER to the account to run as"
  chown -R "$user:$group" "$dir"
  own() { chown "$user:$group" "$@"; }
  as_user=(setpriv --reuid="$user" --regid="$group" --init-groups --no-new-privs)
  if (( port > 0 && port < 1024 )); then
    as_user+=(--inh-caps=+net_bind_service --ambient-caps=+net_bind_service)
  fi
  as_user+=(--)
  "${as_user[@]}" test -w "$dir/run" -a -r "$tls/server.key" ||
    die "$user cannot reach $dir (a parent folder is closed to it?): choose a DIR outside a private home, or set CENTRAL_USER"
  # A build under root's home cannot be run by that user: run a copy kept in DIR.
  if ! "${as_user[@]}" test -x "$central"; then
    mkdir -p "$dir/bin"
    cp "$central" "$dir/bin/kiosk-central"
    chown -R "$user:$group" "$dir/bin"
    central=$dir/bin/kiosk-central
  fi
fi

free_port() {  # a port the kernel has just given out on HOST
  python3 - "$host" <<'PY'
import socket, sys
host = sys.argv[1].strip("[]")
family = socket.AF_INET6 if ":" in host else socket.AF_INET
with socket.socket(family) as s:
    s.bind((host, 0))
    print(s.getsockname()[1])
PY
}

central_pids=() nginx_pid=""
stop_all() {
  # nginx first: closing its connections lets kiosk-central's threads end at once.
  [[ -n $nginx_pid ]] && kill -TERM "$nginx_pid" 2>/dev/null && wait "$nginx_pid" 2>/dev/null || true
  local pid
  for pid in "${central_pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${central_pids[@]}"; do wait "$pid" 2>/dev/null || true; done
}
stopping=0
trap 'stopping=1' TERM INT
trap '[[ -n $nginx_pid ]] && kill -HUP "$nginx_pid" 2>/dev/null' HUP
trap 'stop_all' EXIT

# One after another: the first makes a new database (and its key); the others find it made.
upstream_servers=""
for i in $(seq 1 "$instances"); do
  sock=$dir/run/central-$i.sock
  rm -f "$sock"
  "${as_user[@]}" "$central" --listen "unix:$sock" "${db_args[@]}" "${demo[@]}" "${group_commit[@]}" \
    >"$dir/run/central-$i.out" 2>>"$dir/logs/central-$i.log" &
  pid=$!
  central_pids+=("$pid")
  for _ in $(seq 1 300); do
    grep -q '^listening on ' "$dir/run/central-$i.out" 2>/dev/null && break
    kill -0 "$pid" 2>/dev/null || { tail -n 5 "$dir/logs/central-$i.log" >&2; die "kiosk-central did not start (log: $dir/logs/central-$i.log)"; }
    (( stopping )) && exit 0
    sleep 0.1
  done
  grep -q '^listening on ' "$dir/run/central-$i.out" || die "kiosk-central did not start within 30 s"
  # A process that fails is left out for 5 s, then tried again.
  upstream_servers+="    server unix:$sock max_fails=1 fail_timeout=5s;"$'\n'
done
printf '%s' "$upstream_servers" >"$dir/nginx-upstream.conf"
own "$dir/nginx-upstream.conf"

cp "$here/nginx/proxy.conf" "$dir/nginx-proxy.conf"
own "$dir/nginx-proxy.conf"
for attempt in 1 2 3 4 5; do
  p=$port
  (( port == 0 )) && p=$(free_port)
  sed -e "s|@DIR@|$dir|g" -e "s|@LISTEN@|$host:$p|g" -e "s|@TLS@|$tls|g" \
    "$here/nginx/central.conf.in" >"$dir/nginx.conf"
  own "$dir/nginx.conf"
  rm -f "$dir/nginx.pid"
  : >"$dir/logs/nginx-start.log"
  "${as_user[@]}" "$nginx" -p "$dir" -c "$dir/nginx.conf" -e "$dir/logs/nginx-error.log" \
    2>"$dir/logs/nginx-start.log" &
  nginx_pid=$!
  # The pid file is written after every socket is bound, so it means "serving".
  while kill -0 "$nginx_pid" 2>/dev/null && [[ ! -s $dir/nginx.pid ]]; do
    (( stopping )) && exit 0
    sleep 0.05
  done
  kill -0 "$nginx_pid" 2>/dev/null && break
  wait "$nginx_pid" 2>/dev/null || true
  nginx_pid=""
  if (( port == 0 )) && grep -q 'Address already in use' "$dir/logs/nginx-start.log" "$dir/logs/nginx-error.log"; then
    continue  # another program took the port between our probe and nginx's bind
  fi
  cat "$dir/logs/nginx-start.log" >&2
  die "nginx did not start (log: $dir/logs/nginx-error.log)"
done
[[ -n $nginx_pid ]] || die "no free port found on $host"

echo "listening on $host:$p"
echo "central.sh: nginx on https://$host:$p, $instances kiosk-central on $dir/run/; state in $dir" >&2
status=0
# nginx gone, or every kiosk-central gone: stop. One of several gone: nginx routes around it.
live=("${central_pids[@]}")
while (( ! stopping )); do
  wait -n "$nginx_pid" "${live[@]}" 2>/dev/null || true
  (( stopping )) && break
  if ! kill -0 "$nginx_pid" 2>/dev/null; then
    echo "central.sh: nginx stopped; stopping kiosk-central (logs in $dir/logs)" >&2
    status=1
    break
  fi
  still=()
  for pid in "${live[@]}"; do kill -0 "$pid" 2>/dev/null && still+=("$pid"); done
  if (( ${#still[@]} == 0 )); then
    echo "central.sh: kiosk-central stopped; stopping nginx (logs in $dir/logs)" >&2
    status=1
    break
  fi
  if (( ${#still[@]} < ${#live[@]} )); then
    echo "central.sh: a kiosk-central stopped; ${#still[@]} of $instances still serve (logs in $dir/logs)" >&2
  fi
  live=("${still[@]}")
done
stop_all
trap - EXIT
exit "$status"
