#!/usr/bin/env bash
# `kioskctl rules estimate` must print exactly the hand-computed answer.
# Usage: estimate_test.sh KIOSKCTL RULES.toml CASE.json EXPECTED.json
set -euo pipefail
actual=$("$1" rules estimate --rules "$2" --input "$3")
if ! diff -u "$4" <(printf '%s\n' "$actual"); then
  echo "kioskctl rules estimate differs from $(basename "$4")" >&2
  exit 1
fi
