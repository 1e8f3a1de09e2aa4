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

# killed_run DB: add-demo SIGKILLed after at least 20 claims (waiting up to 30 s on a busy
# machine), so the last claims are only in
# the -wal, not yet checkpointed into the file.
killed_run() {
  "$kioskctl" claims add-demo --db "$1" --count 100000 >"$work/killed.out" 2>&1 &
  local pid=$!
  for _ in $(seq 1 600); do [[ $(wc -l <"$work/killed.out") -ge 20 ]] && break; sleep 0.05; done
  kill -KILL "$pid"
  wait "$pid" 2>/dev/null || true
  [[ -s $1-wal ]] || { echo "the killed run left no -wal to test with" >&2; exit 1; }
}

# A restore that failed half-way: the database file is empty and the -wal beside it holds the
# claims. Neither `store check` nor `claims list` may call that sound, write a schema into it
# or delete the -wal.
restored=$work/restored.db
rm -f "$restored" "$restored"-wal "$restored"-shm "$restored".key
"$kioskctl" claims add-demo --db "$restored" --count 5 >/dev/null
killed_run "$restored"
: >"$restored"
wal_before=$(sha256sum <"$restored-wal")
for command in "store check" "claims list" "store queue"; do
  set +e
  # shellcheck disable=SC2086
  "$kioskctl" $command --db "$restored" >"$work/empty.out" 2>&1
  rc=$?
  set -e
  if ((rc == 0)); then
    echo "$command on a 0-byte database exited 0:" >&2
    cat "$work/empty.out" >&2
    exit 1
  fi
  grep -q 'not a SQLite database' "$work/empty.out" || {
    echo "$command on a 0-byte database gave no clear message:" >&2
    cat "$work/empty.out" >&2
    exit 1
  }
  [[ ! -s $restored ]] || { echo "$command wrote into the 0-byte database" >&2; exit 1; }
  [[ -e $restored-wal && $(sha256sum <"$restored-wal") == "$wal_before" ]] || {
    echo "$command deleted or changed the -wal beside a 0-byte database" >&2
    exit 1
  }
done

# A wrong key with a -wal present: the check refuses, and neither the file nor the -wal
# changes (a read-write open would checkpoint the -wal into the file).
walled=$work/walled.db
rm -f "$walled" "$walled"-wal "$walled"-shm "$walled".key
killed_run "$walled"
head -c 32 /dev/urandom >"$walled.key.wrong"
chmod 600 "$walled.key.wrong"
mv "$walled.key" "$walled.key.right"
mv "$walled.key.wrong" "$walled.key"
db_before=$(sha256sum <"$walled")
wal_before=$(sha256sum <"$walled-wal")
set +e
"$kioskctl" store check --db "$walled" >"$work/wrongkey.out" 2>&1
rc=$?
set -e
((rc == 1)) || { echo "store check with a wrong key exited $rc" >&2; cat "$work/wrongkey.out" >&2; exit 1; }
grep -q 'does not belong to this database' "$work/wrongkey.out" || {
  echo "store check with a wrong key said:" >&2
  cat "$work/wrongkey.out" >&2
  exit 1
}
[[ $(sha256sum <"$walled") == "$db_before" ]] || { echo "store check with a wrong key changed the database file" >&2; exit 1; }
[[ $(sha256sum <"$walled-wal") == "$wal_before" ]] || { echo "store check with a wrong key changed the -wal" >&2; exit 1; }
# With the right key the check is sound and still changes neither file.
mv "$walled.key.right" "$walled.key"
"$kioskctl" store check --db "$walled" | grep -q '^sound: '
[[ $(sha256sum <"$walled") == "$db_before" ]] || { echo "store check changed the database file" >&2; exit 1; }
[[ $(sha256sum <"$walled-wal") == "$wal_before" ]] || { echo "store check changed the -wal" >&2; exit 1; }
echo "check test: sound store accepted, damaged store refused with a message and left unchanged;" \
     "a 0-byte file with its -wal and a wrong key with a -wal refused with both files byte-for-byte unchanged"
