#!/usr/bin/env bash
# `kioskctl sync run` must not exit 0 when the server refused claims for good in that run:
# exit 5, and quarantined_now says how many. A second run with nothing new refused exits 0.
# The server is refusing_server.py over mutual TLS on a loopback port.
# Usage: sync_exit_test.sh KIOSKCTL SOURCE_DIR [WORKDIR]
set -euo pipefail
kioskctl=$1
source_dir=$2
work=${3:-$(mktemp -d)}
rm -rf "$work"
mkdir -p "$work"
"$source_dir/deploy/dev-ca.sh" "$work/tls" >/dev/null
db=$work/kiosk.db
"$kioskctl" claims add-demo --db "$db" --count 3 >/dev/null

python3 "$source_dir/tests/integration/store/refusing_server.py" "$work/tls" "$work/refused" \
  >"$work/port" 2>"$work/server.err" &
server=$!
trap 'kill "$server" 2>/dev/null || true' EXIT
for _ in $(seq 1 300); do [[ -s $work/port ]] && break; sleep 0.1; done
port=$(cat "$work/port")
[[ $port =~ ^[0-9]+$ ]] || { echo "the test server did not start:" >&2; cat "$work/server.err" >&2; exit 1; }

run() {
  set +e
  "$kioskctl" sync run --db "$db" --server "https://127.0.0.1:$port" --tls-dir "$work/tls" \
    --timeout-s 60 >"$work/run.out" 2>"$work/run.err"
  rc=$?
  set -e
}
run
if ((rc != 5)); then
  echo "sync run with every claim refused exited $rc, expected 5:" >&2
  cat "$work/run.out" "$work/run.err" >&2
  exit 1
fi
grep -q '"quarantined":3' "$work/run.out" && grep -q '"quarantined_now":3' "$work/run.out" || {
  echo "sync run did not report 3 quarantined claims:" >&2
  cat "$work/run.out" >&2
  exit 1
}
[[ $(cat "$work/refused") == 3 ]] || { echo "the server refused $(cat "$work/refused") claims, expected 3" >&2; exit 1; }
# The refused claims are listed for staff (a read-only look at the store).
[[ $("$kioskctl" sync quarantined --db "$db" | grep -c '"error_class":"validation"') == 3 ]] || {
  echo "sync quarantined does not list the 3 refused claims" >&2
  exit 1
}
"$kioskctl" sync --help | grep -q '5 when the server refused' || { echo "sync --help does not document exit 5" >&2; exit 1; }

# Nothing new was refused: the quarantined claims wait for staff, and the run exits 0.
run
if ((rc != 0)); then
  echo "sync run with nothing new refused exited $rc, expected 0:" >&2
  cat "$work/run.out" "$work/run.err" >&2
  exit 1
fi
grep -q '"quarantined_now":0' "$work/run.out" || { echo "second run reported new quarantines" >&2; cat "$work/run.out" >&2; exit 1; }
echo "sync exit test: 3 claims refused for good -> exit 5 with quarantined_now 3; a run with none new -> exit 0"
