#!/usr/bin/env bash
# Installs what is missing, builds the release preset and starts the kiosk in demo mode:
# the ID-card reader and the printer are simulated inside the kiosk, and the central side
# runs as in production (deploy/central.sh: nginx terminating mutual TLS in front of
# kiosk-central, the reference server, with demo members and settlement records) with
# development certificates. Data: $XDG_DATA_HOME/kiosk.
# On a machine with no display it runs the demo under Xvfb, saves screenshots and says
# where they are.
set -euo pipefail
cd "$(dirname "$0")/.."
./deploy/setup.sh
cmake --preset release
cmake --build --preset release -j "$(nproc)"
build=build/release
kiosk=$build/kiosk/app/kiosk

data=${XDG_DATA_HOME:-$HOME/.local/share}/kiosk
mkdir -p "$data"
# The kiosk's default configuration looks for its certificates here; an older folder without
# a revocation list (crl.pem) is made again.
[[ -f $data/tls/kiosk.pem && -f $data/tls/crl.pem ]] || ./deploy/dev-ca.sh "$data/tls" >/dev/null
# As root the central side runs as an unprivileged user, who cannot enter root's home: its
# folder is then a fresh one under /tmp.
central_dir=$data/central
if (( EUID == 0 )); then
  central_dir=$(mktemp -d "${TMPDIR:-/tmp}/kiosk-central-demo.XXXXXX")
  chmod 755 "$central_dir"
fi
rm -rf "$central_dir/tls"
mkdir -p "$central_dir"
cp -r "$data/tls" "$central_dir/tls"
KIOSK_CENTRAL=$build/server/kiosk-central ./deploy/central.sh "$central_dir" \
  --listen 127.0.0.1:8443 --demo-data >"$data/central-demo.out" 2>"$data/central-demo.log" &
central=$!
trap 'kill $central 2>/dev/null; wait $central 2>/dev/null || true' EXIT
for _ in $(seq 1 150); do
  grep -q '^listening on' "$data/central-demo.out" 2>/dev/null && break
  kill -0 "$central" 2>/dev/null || { cat "$data/central-demo.log" >&2; exit 1; }
  sleep 0.2
done
echo "demo: nginx + kiosk-central with demo data on https://127.0.0.1:8443 (logs: $data/central-demo.log, $central_dir/logs)"

if [[ -n ${DISPLAY:-} || -n ${WAYLAND_DISPLAY:-} ]]; then
  echo "demo: starting the kiosk full screen. F1-F4 place demo ID cards, F5 lifts the card,"
  echo "      F12 prints a sample receipt (PNGs in $data/prints). Ctrl+C or SIGTERM stops it."
  "$kiosk" "$@"
  exit
fi

# No display: show what the kiosk shows, as pictures, portrait and landscape.
out=${KIOSK_DEMO_OUT:-$PWD/build/demo-screenshots}
mkdir -p "$out"
echo "demo: no display found; running the kiosk under Xvfb and saving screenshots"
for layout in 1080x1920 1920x1080; do
  xvfb-run -a -s "-screen 0 ${layout}x24 -nolisten tcp" bash -c '
    layout=$1 kiosk=$2 data=$3 out=$4
    log=$(mktemp)
    wait_log() { for _ in $(seq 1 150); do grep -q "$1" "$log" && return 0; sleep 0.2; done; return 1; }
    snapshot() {  # SIGUSR1 saves the screen under $data/snapshots
      local before; before=$(grep -c "snapshot saved" "$log" || true)
      kill -USR1 "$pid"
      for _ in $(seq 1 50); do (( $(grep -c "snapshot saved" "$log" || true) > before )) && break; sleep 0.2; done
      cp "$(grep "snapshot saved" "$log" | tail -n 1 | sed "s/.*snapshot saved to //")" "$out/$1-$layout.png"
    }
    "$kiosk" --windowed "$layout" 2>"$log" & pid=$!
    wait_log "full CJK body" && wait_log "reader online"
    snapshot attract
    wid=$(xdotool search --sync --class kiosk | head -n 1)
    xdotool windowfocus --sync "$wid" key F1
    wait_log "event member_loaded\|event lookup_failed" || true
    sleep 0.5
    snapshot card-read
    xdotool key F12
    wait_log "demo receipt saved" && cp "$(grep "demo receipt saved" "$log" | tail -n 1 | sed "s/.*saved to //")" "$out/receipt.png"
    kill -TERM "$pid"; wait "$pid" || true
    rm -f "$log"
  ' _ "$layout" "$kiosk" "$data" "$out"
done
echo "demo: screenshots saved:"
ls -1 "$out"/*.png | sed 's/^/  /'
