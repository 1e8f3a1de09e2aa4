#!/usr/bin/env bash
# The SIGKILL crash test of tests/integration/store for 1,000 rounds (ctest runs 200).
# Usage: crash_1000.sh KIOSKCTL [WORKDIR]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
time "$here/../../integration/store/crash_test.sh" "$1" 1000 "${2:-$(mktemp -d)}"
