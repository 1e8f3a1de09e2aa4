#!/usr/bin/env bash
# bench_visit: the real kiosk at 1080x1920 under Xvfb, against kiosk-central with demo data
# on loopback, driven through its window with xdotool (tests/e2e/visit/drive.sh).
# Prints:
#  - frame CPU time (thread CPU of each render_frame, logged by the runner as
#    "frames on SCREEN: N rendered, cpu p50 X us p99 Y us") on each screen while the pointer
#    moves over an empty spot (every move redraws a static screen: the cost of an idle
#    screen's frame), with the attract screen's as the baseline;
#  - the process's CPU per second while nobody touches the screen (true idle);
#  - card on the reader (F1) to "server member_loaded" (records on screen), RUNS times;
#  - the scripted claim: taps from the card to the printed receipt, and its wall time.
# Usage: [KIOSK=path] [CENTRAL=path] tests/bench/ui/bench_visit.sh [BUILD_DIR (build/b)] [RUNS (10)]
# Not a test: the figures go into tests/bench/ui/RESULTS.md.
set -euo pipefail
SOURCE=$(cd "$(dirname "$0")/../../.." && pwd)
BUILD=$(cd "${1:-$SOURCE/build/b}" && pwd)
RUNS=${2:-10}
KIOSK=${KIOSK:-$BUILD/kiosk/app/kiosk}
CENTRAL=${CENTRAL:-$BUILD/server/kiosk-central}
DIR=$(mktemp -d /tmp/bench-visit.XXXXXX)
chmod 755 "$DIR"  # kiosk-central may run as an unprivileged user (deploy/central.sh)
LOG=$DIR/kiosk.err MAP=$DIR/ui-map.txt SHOTS=$DIR/shots
export XDG_DATA_HOME=$DIR
# shellcheck source=../../e2e/visit/drive.sh
source "$SOURCE/tests/e2e/visit/drive.sh"
mkdir -p "$SHOTS"

display=90
while [[ -e /tmp/.X11-unix/X$display ]]; do display=$((display + 1)); done
Xvfb ":$display" -screen 0 1080x1920x24 -nolisten tcp >/dev/null 2>&1 & xvfb=$!
export DISPLAY=:$display
for _ in $(seq 1 50); do [[ -e /tmp/.X11-unix/X$display ]] && break; sleep 0.1; done

"$SOURCE/deploy/dev-ca.sh" "$DIR/kiosk/tls" >/dev/null 2>&1
mkdir -p "$DIR/central" && cp -r "$DIR/kiosk/tls" "$DIR/central/tls"
KIOSK_CENTRAL="$CENTRAL" "$SOURCE/deploy/central.sh" "$DIR/central" --listen 127.0.0.1:0 \
  --demo-data >"$DIR/central.out" 2>>"$DIR/central.log" & server=$!
pid=
trap 'kill $pid $server $xvfb 2>/dev/null; wait 2>/dev/null; echo "logs in $DIR" >&2' EXIT
wait_log "^listening on" "$DIR/central.out"
port=$(sed -n 's/^listening on 127.0.0.1://p' "$DIR/central.out")
printf '[central]\nurl = "https://127.0.0.1:%s"\n[session]\nidle_timeout_s = 300\n' "$port" \
  >"$DIR/kiosk.toml"
"$KIOSK" --config "$DIR/kiosk.toml" --windowed 1080x1920 --ui-map "$MAP" 2>"$LOG" & pid=$!
wait_log "full CJK body"
wait_log "reader online"
wid=$(timeout 10 xdotool search --sync --class "kiosk" | head -n 1)
xdotool windowfocus --sync "$wid"

taps=0
# wait_more PATTERN N: up to 15 s until the log holds more than N lines with PATTERN
# (wait_log would match the lines of earlier visits); the caller checks the outcome.
wait_more() {
  for _ in $(seq 1 300); do
    (($(grep -c -- "$1" "$LOG") > $2)) && return 0
    sleep 0.05
  done
  return 1
}
counted_tap() { taps=$((taps + 1)); tap "$1"; }
# cpu_ticks: the kiosk's user+system CPU in clock ticks.
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$pid/stat"; }
hz=$(getconf CLK_TCK)
# settle NAME: 5 s with nobody touching the screen; the kiosk's CPU ms per s, then 40 pointer
# moves over the screen's left edge (no widget there), each redrawing the static screen.
idle_report=""
settle() {
  sleep 1
  local before after
  before=$(cpu_ticks)
  sleep 5
  after=$(cpu_ticks)
  idle_report+="$(printf '%-14s %6.1f' "$1" "$(echo "($after - $before) * 1000 / $hz / 5" | bc -l)")"$'\n'
  for i in $(seq 1 40); do
    xdotool mousemove --window "$wid" 2 $((900 + (i % 2) * 20))
    sleep 0.05
  done
  sleep 0.3
}

# 1. Frames on each screen at rest.
settle attract
xdotool key F1
wait_log "server member_loaded"
settle menu
tap menu.records
wait_log "session menu -> records"
settle records
tap records/0
wait_log "session records -> record_detail"
settle record_detail
tap record.back
wait_log "session record_detail -> records"
tap records.back
wait_log "session records -> menu"
tap menu.statement
wait_log "session menu -> statement"
tap statement.this_year
settle statement
tap statement.back
wait_log "session statement -> menu"
tap menu.progress
wait_log "session menu -> progress"
settle progress
tap progress.back
wait_log "session progress -> menu"
# The demo member's 3 records while a finger drags over them (they fit the screen).
tap menu.records
wait_log "session menu -> records"
read -r x y <<<"$(centre records/0)"
for sweep in 1 2 3 4; do
  xdotool mousemove --window "$wid" "$x" "$y" mousedown 1
  for step in $(seq 1 30); do
    xdotool mousemove --window "$wid" "$x" $((y + (sweep % 2 ? step : 30 - step) * 20))
    sleep 0.02
  done
  xdotool mouseup 1
done
sleep 0.3
tap records.back
wait_log "session records -> menu"
tap home
wait_log "session menu -> attract"

# 2. Card on the reader to records on screen.
card_runs=""
for run in $(seq 1 "$RUNS"); do
  loaded=$(grep -c "server member_loaded" "$LOG" || true)
  t0=$(date +%s%3N)
  xdotool key F1
  wait_more "server member_loaded" $loaded
  line=$(grep "server member_loaded" "$LOG" | tail -n 1)
  t1=$(date -d "$(cut -d' ' -f1 <<<"$line" | tr T ' ')" +%s%3N)
  card_runs+="$((t1 - t0)) "
  tap home
  wait_log "session menu -> attract"
  # wait_log matches old lines: wait for this run's return to attract.
  wait_more "session menu -> attract" $run
  sleep 0.5
done

# 3. The scripted claim, as tests/e2e/visit does it: card to printed receipt.
receipts=$(grep -c "demo receipt saved" "$LOG" || true)
claim_t0=$(date +%s%3N)
xdotool key F1
wait_more "server member_loaded" $((RUNS + 1))
counted_tap menu.claim
wait_log "session menu -> claim"
counted_tap claim.next
counted_tap claim.next
counted_tap claim.bank_account
keypad=0
for d in 6 2 2 2 0 2 1 2 3 4 5 6 7 8 9 0 1 2 8; do counted_tap "claim.keypad/$d"; keypad=$((keypad + 1)); done
counted_tap claim.keypad/confirm
counted_tap claim.next
sign claim.signature/pad
counted_tap claim.next
counted_tap claim.next
wait_log "session claim -> claim_done"
wait_more "demo receipt saved" $receipts
claim_ms=$(($(date +%s%3N) - claim_t0))
tap done.finish
wait_log "session claim_done -> attract"
# 4. The short path: card 3's person, whose bank account and phone kiosk-central prefills.
# In a subshell, so a central without prefilled details only loses this figure.
short=$(
  taps=0
  loaded=$(grep -c "server member_loaded" "$LOG")
  done_before=$(grep -c "session claim -> claim_done" "$LOG")
  t0=$(date +%s%3N)
  xdotool key F3
  wait_more "server member_loaded" $loaded
  counted_tap menu.claim >&2
  counted_tap claim.next >&2
  counted_tap claim.next >&2
  counted_tap claim.next >&2
  sign claim.signature/pad >&2
  counted_tap claim.next >&2
  counted_tap claim.next >&2
  wait_more "session claim -> claim_done" "$done_before" || exit 1
  echo "taps $taps, wall $(($(date +%s%3N) - t0)) ms to the done screen"
) || short="did not reach the done screen (details not prefilled, or nothing eligible)"
kill "$pid"; wait "$pid" || true; pid=

echo "== frame CPU per screen (runner's render_frame, thread CPU), Xvfb 1080x1920, $KIOSK"
grep "frames on " "$LOG" | sed 's/.*frames on /  /'
echo "== kiosk CPU while untouched (ms of CPU per s)"
printf '%s' "$idle_report"
echo "== card (F1) to 'server member_loaded', ms, $RUNS runs"
echo "  $card_runs" | tr ' ' '\n' | sort -n | awk 'NF { v[++n] = $1 } END {
  printf "  min %d  median %d  max %d  (n=%d)\n", v[1], v[int((n + 1) / 2)], v[n], n }'
echo "  split per visit from the kiosk's log (ms): card placed -> card read (simulated reader) -> member_loaded"
python3 - "$LOG" <<'PY'
import sys
from datetime import datetime
t = lambda line: datetime.fromisoformat(line.split(" ", 1)[0])
placed = read = None
rows = []
for line in open(sys.argv[1], errors="replace"):
    if "demo: card 1 placed" in line: placed = t(line)
    elif "idcard: card read" in line: read = t(line)
    elif "server member_loaded" in line and placed and read:
        rows.append(((read - placed).total_seconds() * 1000, (t(line) - read).total_seconds() * 1000))
        placed = read = None
med = lambda v: sorted(v)[len(v) // 2]
print(f"  reader: median {med([r[0] for r in rows]):.0f}; lookup: median {med([r[1] for r in rows]):.0f} "
      f"min {min(r[1] for r in rows):.0f} max {max(r[1] for r in rows):.0f} (n={len(rows)}, all visits)")
PY
echo "== scripted claim: card to receipt saved"
echo "  taps $taps (of which bank-account keypad digits $keypad; plus 2 signature strokes)"
echo "  wall ${claim_ms} ms (the script holds each tap 0.12 s and waits 0.25 s after it)"
echo "== the short claim path (card 3, prefilled details): $short"
echo "== load: $(cat /proc/loadavg)  nproc $(nproc)"
