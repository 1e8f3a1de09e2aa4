#!/usr/bin/env bash
# `kioskctl store check` exits 0 on a sound store, 1 with a message on a damaged one, and
# leaves the damaged file where it is for staff to look at.
# Usage: check_test.sh KIOSKCTL [WORKDIR]
set -euo pipefail
kioskctl=$1
work=${2:-$(mktemp -d)}
mkdir -p "$work"
db=$work/check.db
rm -f "$db" "$db"-wal "$db"-shm "$db".key
"$kioskctl" claims add-demo --db "$db" --count 40 >/dev/null
"$kioskctl" store check --db "$db" | grep -q '^sound: 40 claims, 40 outbox items, 41 audit entries$'

# Overwrite a page in the middle of the file (not the header): SQLite's own check finds it.
size=$(stat -c %s "$db")
dd if=/dev/urandom of="$db" bs=4096 seek=$((size / 4096 / 2)) count=1 conv=notrunc status=none
before=$(sha256sum "$db")
set +e
"$kioskctl" store check --db "$db" >"$work/check.out" 2>&1
rc=$?
set -e
if ((rc != 1)); then
  echo "store check on a damaged database exited $rc, expected 1" >&2
  cat "$work/check.out" >&2
  exit 1
fi
grep -q -i 'damaged\|problem' "$work/check.out" || { echo "no message about the damage" >&2; exit 1; }
[[ $(sha256sum "$db") == "$before" ]] || { echo "store check changed the damaged file" >&2; exit 1; }
set +e
"$kioskctl" store check --db "$work/missing.db" 2>/dev/null
rc=$?
set -e
((rc == 1)) || { echo "store check of a missing database exited $rc" >&2; exit 1; }
echo "check test: sound store accepted, damaged store refused with a message and left unchanged"
