#!/usr/bin/env bash
# Kills `kioskctl claims add-demo` with SIGKILL at random moments, ROUNDS times, and checks
# after each kill that every uuid it printed (printed only after its commit returned) is in
# the database, that every claim is intact, and that `kioskctl store check` passes.
# The kill moments come from bash's RANDOM seeded with SEED (4th argument, else
# $KIOSK_TEST_SEED, else a fresh one); the seed is printed first, and again on a failure, so
# a failing run can be replayed: crash_test.sh KIOSKCTL ROUNDS WORKDIR SEED.
# Usage: crash_test.sh KIOSKCTL ROUNDS [WORKDIR] [SEED]
set -euo pipefail
kioskctl=$1
rounds=$2
work=${3:-$(mktemp -d)}
seed=${4:-${KIOSK_TEST_SEED:-$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')}}
[[ $seed =~ ^[0-9]+$ ]] || { echo "the seed must be a whole number, got '$seed'" >&2; exit 2; }
RANDOM=$seed
echo "crash test: seed $seed (replay: $0 $kioskctl $rounds $work $seed)"
trap 'rc=$?; if ((rc != 0)); then echo "crash test failed with seed $seed" >&2; fi' EXIT
mkdir -p "$work"
db=$work/crash.db
rm -f "$db" "$db"-wal "$db"-shm "$db".key

printed_total=0
killed_mid_run=0
fresh_starts=0
for ((round = 1; round <= rounds; round++)); do
  # Every 25th round starts from nothing, so kills also land in key and schema creation.
  if ((round % 25 == 1)); then
    rm -f "$db" "$db"-wal "$db"-shm "$db".key
    fresh_starts=$((fresh_starts + 1))
  fi
  out=$work/printed.txt
  "$kioskctl" claims add-demo --db "$db" --count 100000 >"$out" 2>"$work/stderr.txt" &
  pid=$!
  # 0 to 999 ms: before open, during the integrity check, mid-transaction, between claims.
  sleep "0.$(printf '%03d' $((RANDOM % 1000)))"
  if kill -KILL "$pid" 2>/dev/null; then killed_mid_run=$((killed_mid_run + 1)); fi
  wait "$pid" 2>/dev/null || true

  # Only whole lines count: a uuid is printed in one write after its commit.
  grep -E '^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$' "$out" \
    | sort >"$work/printed.sorted" || true
  printed=$(wc -l <"$work/printed.sorted")
  printed_total=$((printed_total + printed))
  if [[ ! -e $db ]]; then
    if ((printed > 0)); then
      echo "round $round: $printed uuids printed but no database exists" >&2
      exit 1
    fi
    continue
  fi
  if [[ -s $work/stderr.txt ]]; then
    echo "round $round: add-demo complained:" >&2
    cat "$work/stderr.txt" >&2
    exit 1
  fi
  if ! "$kioskctl" claims list --db "$db" --json >"$work/list.json" 2>"$work/list.err"; then
    if ((printed == 0)) && grep -q 'key file .* is missing' "$work/list.err"; then
      continue  # killed before the key and the first claim existed: nothing was promised
    fi
    echo "round $round: claims list failed:" >&2
    cat "$work/list.err" >&2
    exit 1
  fi
  sed -E 's/^\{"uuid":"([^"]+)".*/\1/' "$work/list.json" | sort >"$work/stored.sorted"
  missing=$(comm -23 "$work/printed.sorted" "$work/stored.sorted" | wc -l)
  if ((missing > 0)); then
    echo "round $round: $missing printed uuids are not in the database:" >&2
    comm -23 "$work/printed.sorted" "$work/stored.sorted" | head >&2
    exit 1
  fi
  if ! "$kioskctl" store check --db "$db" >"$work/check.txt" 2>&1; then
    echo "round $round: store check failed:" >&2
    cat "$work/check.txt" >&2
    exit 1
  fi
done
echo "crash test (seed $seed): $rounds rounds ($killed_mid_run killed mid-run, $fresh_starts from an empty" \
     "directory), $printed_total uuids printed, every one stored intact; store check sound"
