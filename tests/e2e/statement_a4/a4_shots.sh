#!/bin/bash
# Screenshots of the statement screen printing on A4 (issue 14), for people to look at: the
# paper choice, the A4 job's progress, printed with the verification number, the question
# whether to use the receipt printer after the A4 printer ran out of paper, and the receipt
# printed instead. The real kiosk under Xvfb driven with xdotool, kiosk-central with demo
# data, Debian's ippeveprinter as the A4 printer (a private dbus-daemon, as
# tests/integration/a4 does). Not a ctest entry: it is for eyes.
#   tests/e2e/statement_a4/a4_shots.sh BUILD-DIR   -> BUILD-DIR/a4-statement-shots/*.png
set -eu
SOURCE=$(cd "$(dirname "$0")/../../.." && pwd)
BUILD=$(cd "${1:-$SOURCE/build/dev}" && pwd)
KIOSK=${KIOSK:-$BUILD/kiosk/app/kiosk}
CENTRAL=${CENTRAL:-$BUILD/server/kiosk-central}
DIR=$(mktemp -d /tmp/a4-shots.XXXXXX)
chmod 755 "$DIR"
LOG=$DIR/kiosk.err MAP=$DIR/ui-map.txt SHOTS=${SHOTS:-$BUILD/a4-statement-shots}
export XDG_DATA_HOME=$DIR
source "$SOURCE/tests/e2e/visit/drive.sh"
mkdir -p "$SHOTS"
display=90
while [[ -e /tmp/.X11-unix/X$display ]]; do display=$((display + 1)); done
Xvfb ":$display" -screen 0 1080x1920x24 -nolisten tcp >/dev/null 2>&1 & xvfb=$!
export DISPLAY=:$display
for _ in $(seq 1 50); do [[ -e /tmp/.X11-unix/X$display ]] && break; sleep 0.1; done

# The A4 printer: each job holds 12 s; with $DIR/empty present it reports media-empty first.
mkdir -p "$DIR/spool"
cat >"$DIR/hold.sh" <<HOLD
#!/bin/sh
[ -e "$DIR/empty" ] && echo 'STATE: +media-empty-error' >&2
exec sleep 12
HOLD
chmod 700 "$DIR/hold.sh"
dbus-daemon --session --nofork --nopidfile --address="unix:path=$DIR/bus" >/dev/null 2>&1 & bus=$!
for _ in $(seq 1 50); do [[ -e $DIR/bus ]] && break; sleep 0.1; done
ipp_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
DBUS_SYSTEM_BUS_ADDRESS="unix:path=$DIR/bus" ippeveprinter -d "$DIR/spool" -k -r off -p "$ipp_port" \
  -f application/pdf -c "$DIR/hold.sh" "Hall A4" >"$DIR/printer.log" 2>&1 & printer=$!

"$SOURCE/deploy/dev-ca.sh" "$DIR/kiosk/tls" >/dev/null 2>&1
mkdir -p "$DIR/central" && cp -r "$DIR/kiosk/tls" "$DIR/central/tls"
KIOSK_CENTRAL="$CENTRAL" "$SOURCE/deploy/central.sh" "$DIR/central" --listen 127.0.0.1:0 \
  --demo-data >"$DIR/central.out" 2>>"$DIR/central.log" & server=$!
pid=
trap 'kill $pid $server $printer $bus $xvfb 2>/dev/null; wait 2>/dev/null; echo "logs in $DIR" >&2' EXIT
wait_log "^listening on" "$DIR/central.out"
port=$(sed -n 's/^listening on 127.0.0.1://p' "$DIR/central.out")
printf '[central]\nurl = "https://127.0.0.1:%s"\n[session]\nidle_timeout_s = 300\n[voice]\nmute = true\n[a4]\nprinter = "ipp://127.0.0.1:%s/ipp/print"\n' \
  "$port" "$ipp_port" >"$DIR/kiosk.toml"
"$KIOSK" --config "$DIR/kiosk.toml" --windowed 1080x1920 --ui-map "$MAP" 2>"$LOG" & pid=$!
wait_log "full CJK body"
wait_log "reader online"
wid=$(timeout 10 xdotool search --sync --class "kiosk" | head -n 1)
xdotool windowfocus --sync "$wid"

xdotool key F1
wait_log "server member_loaded"
# SHOTS_LANGUAGE=en: the same screens in English (the brand bar's language button).
[[ ${SHOTS_LANGUAGE:-zh-CN} == en ]] && tap language
tap menu.statement
wait_log "session menu -> statement"
tap statement.this_year
shot ${SHOTS_LANGUAGE:-zh-CN}-a4-1-choose
tap statement.print
wait_log "printer a4 job 1 printing"
shot ${SHOTS_LANGUAGE:-zh-CN}-a4-2-progress
wait_log "printer a4 job 1 done" "$LOG" 40
shot ${SHOTS_LANGUAGE:-zh-CN}-a4-3-printed
tap statement.again
touch "$DIR/empty"
tap statement.print
wait_log "printer a4 job 2 paper_out"
shot ${SHOTS_LANGUAGE:-zh-CN}-a4-4-paper-out-question
tap statement.use_receipt
wait_log "effect cancel_a4_job 2"
wait_log "printer job [0-9]* done" "$LOG" 40
shot ${SHOTS_LANGUAGE:-zh-CN}-a4-5-receipt-printed
echo "shots in $SHOTS"
