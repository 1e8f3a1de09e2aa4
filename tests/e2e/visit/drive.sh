# Sourced by the end-to-end scripts: drive the kiosk's real window by the names of its widgets.
# Needs: $LOG (the kiosk's stderr), $MAP (its --ui-map file), $SHOTS (where step pictures go),
# $pid (the kiosk), $wid (its window).

# wait_log PATTERN [FILE] [SECONDS]: up to 30 s (or SECONDS) for a line.
wait_log() {
  local f=${2:-$LOG}
  for _ in $(seq 1 $((${3:-30} * 5))); do grep -q -- "$1" "$f" && return 0; sleep 0.2; done
  echo "no '$1' in $f" >&2; tail -n 40 "$f" >&2
  [[ -f ${DIR:-}/central.log ]] && { echo "--- central.log" >&2; tail -n 20 "$DIR/central.log" >&2; }
  exit 1
}

# wait_widget ID [SECONDS]: up to 15 s (or SECONDS) for widget ID to be on screen.
wait_widget() {
  for _ in $(seq 1 $((${2:-15} * 5))); do grep -q "^$1 " "$MAP" 2>/dev/null && return 0; sleep 0.2; done
  echo "no widget '$1' on screen; the map has:" >&2; cat "$MAP" >&2; exit 1
}

# wait_count PATTERN COUNT: up to 30 s for COUNT lines of PATTERN in $LOG.
wait_count() {
  for _ in $(seq 1 150); do (($(grep -c -- "$1" "$LOG") >= $2)) && return 0; sleep 0.2; done
  echo "fewer than $2 lines '$1' in $LOG" >&2; tail -n 40 "$LOG" >&2; exit 1
}

# centre ID: the centre of widget ID in the last frame ("x y"), waiting up to 15 s for it.
centre() {
  local line=""
  while [[ -z $line ]]; do
    wait_widget "$1"
    line=$(grep -m1 "^$1 " "$MAP" 2>/dev/null)  # the map is rewritten every frame
  done
  awk '{ printf "%d %d\n", ($2 + $4) / 2, ($3 + $5) / 2 }' <<<"$line"
}

# tap ID: a finger's tap on widget ID (press, hold a moment, release); $taps counts them.
taps=0
tap() {
  taps=$((taps + 1))
  local xy
  xy=$(centre "$1")
  # shellcheck disable=SC2086
  xdotool mousemove --window "$wid" $xy mousedown 1 sleep 0.12 mouseup 1
  sleep 0.25
}

# hold ID SECONDS: a finger held on widget ID for SECONDS.
hold() {
  local xy
  xy=$(centre "$1")
  # shellcheck disable=SC2086
  xdotool mousemove --window "$wid" $xy mousedown 1 sleep "$2" mouseup 1
  sleep 0.25
}

# type_number PAD DIGITS: DIGITS tapped one by one on number pad PAD.
type_number() {
  local i
  for ((i = 0; i < ${#2}; i++)); do tap "$1/${2:i:1}"; done
}

# wait_files GLOB COUNT [SECONDS]: up to 30 s (or SECONDS) until GLOB matches COUNT files.
wait_files() {
  for _ in $(seq 1 $((${3:-30} * 5))); do
    (($(compgen -G "$1" | wc -l) >= $2)) && return 0
    sleep 0.2
  done
  echo "fewer than $2 files $1" >&2; tail -n 40 "$LOG" >&2; exit 1
}

# sign ID: a signature drawn across widget ID in two strokes.
sign() {
  local line x0 y0 x1 y1
  centre "$1" >/dev/null  # waits until it is on screen
  line=$(grep -m1 "^$1 " "$MAP")
  read -r _ x0 y0 x1 y1 <<<"$line"
  local w=$((x1 - x0)) h=$((y1 - y0))
  for row in 40 60; do
    xdotool mousemove --window "$wid" $((x0 + w / 10)) $((y0 + h * row / 100)) mousedown 1
    for step in 2 3 4 5 6 7 8 9; do
      xdotool mousemove --window "$wid" $((x0 + w * step / 10)) $((y0 + h * (row + (step % 2) * 10) / 100))
      sleep 0.03
    done
    xdotool mouseup 1
    sleep 0.1
  done
}

# shot NAME: the kiosk saves its own frame (SIGUSR1) and it is copied to $SHOTS/NAME.png.
shots_taken=0
shot() {
  sleep 0.4  # a few frames after the last change
  shots_taken=$((shots_taken + 1))
  kill -USR1 "$pid"
  for _ in $(seq 1 50); do
    local saved
    saved=$(grep "snapshot saved to" "$LOG" | sed -n "${shots_taken}p" | sed 's/.*snapshot saved to //')
    if [[ -n $saved && -f $saved ]]; then cp "$saved" "$SHOTS/$1.png"; return 0; fi
    sleep 0.1
  done
  echo "snapshot $1 not saved" >&2; exit 1
}
