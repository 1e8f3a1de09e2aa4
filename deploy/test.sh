#!/usr/bin/env bash
# Installs what is missing, builds the dev preset (ASan + UBSan) and runs every test
# through ctest. Tests that need a display start their own Xvfb (xvfb-run).
set -euo pipefail
cd "$(dirname "$0")/.."
./deploy/setup.sh
cmake --preset dev
cmake --build --preset dev -j "$(nproc)"
ctest --preset dev -j "$(nproc)" "$@"
