#!/usr/bin/env bash
# Installs what is missing, builds the release preset and starts the kiosk in demo mode:
# simulated ID-card reader and printer, data under $XDG_DATA_HOME/kiosk.
# On a machine with no display it runs the demo under Xvfb, saves screenshots and says
# where they are.
set -euo pipefail
cd "$(dirname "$0")/.."
./deploy/setup.sh
cmake --preset release
cmake --build --preset release -j "$(nproc)"
kiosk=build/release/kiosk/app/kiosk

if [[ -n ${DISPLAY:-} || -n ${WAYLAND_DISPLAY:-} ]]; then
  echo "demo: starting the kiosk full screen (Ctrl+C or SIGTERM stops it; --windowed 1080x1920 for a window)"
  exec "$kiosk" "$@"
fi

# No display: show what the kiosk would show, as pictures.
out=${KIOSK_DEMO_OUT:-$PWD/build/demo-screenshots}
mkdir -p "$out"
echo "demo: no display found; running the kiosk under Xvfb and saving screenshots"
for layout in 1080x1920 1920x1080; do
  xvfb-run -a -s "-screen 0 ${layout}x24 -nolisten tcp" \
    "$kiosk" --windowed "$layout" --screenshot "$out/attract-$layout.png" --frames 5 "$@"
done
echo "demo: screenshots saved:"
ls -1 "$out"/*.png | sed 's/^/  /'
