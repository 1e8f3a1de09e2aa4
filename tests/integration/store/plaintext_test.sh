#!/usr/bin/env bash
# Writes demo claims, runs every store command, and searches the database files and
# everything the commands printed (their logs) for the demo people's ID numbers, names,
# phone and bank account numbers, and the hospitals of their bills (health data), in plain
# text. Any hit fails the test.
# Usage: plaintext_test.sh KIOSKCTL SOURCE_DIR [WORKDIR]
set -euo pipefail
kioskctl=$1
source_dir=$2
work=${3:-$(mktemp -d)}
mkdir -p "$work"
db=$work/plain.db
log=$work/commands.log
rm -f "$db" "$db"-wal "$db"-shm "$db".key "$log"

run() { "$kioskctl" "$@" >>"$log" 2>&1; }
run claims add-demo --db "$db" --count 30
# A run killed mid-way leaves its WAL un-checkpointed: search that too.
# Killed once 20 claims are stored (each prints a line), not after a fixed pause that a slow
# machine could spend before the first write.
"$kioskctl" claims add-demo --db "$db" --count 100000 >"$work/killed.out" 2>&1 &
pid=$!
for _ in $(seq 1 600); do [[ $(wc -l <"$work/killed.out") -ge 20 ]] && break; sleep 0.05; done
kill -KILL "$pid"
wait "$pid" 2>/dev/null || true
cat "$work/killed.out" >>"$log"
[[ -s $db-wal ]] || { echo "the killed run left no -wal to search" >&2; exit 1; }
# The next open checkpoints the WAL away: keep what the killed run left, as it left it.
for side in -wal -shm; do
  if [[ -e $db$side ]]; then cp "$db$side" "$work/after-kill$side"; fi
done
run claims list --db "$db"
run claims list --db "$db" --json
run store check --db "$db"
run store queue --db "$db"
run store purge --db "$db" --days 30
run rules estimate --rules "$source_dir/assets/rules/mutual-aid.toml" \
  --input "$source_dir/tests/integration/store/cases/two_years.json"

[[ -s $log ]] || { echo "no command output was captured" >&2; exit 1; }
grep -q '440306\*\*\*\*\*\*\*\*2236' "$log" || { echo "masked ID numbers missing from the listing" >&2; exit 1; }
files=("$log" "$db")
for extra in "$db"-wal "$db"-shm "$work/after-kill-wal" "$work/after-kill-shm"; do
  if [[ -e $extra ]]; then files+=("$extra"); fi
done
found=0
# The demo people of kiosk/store/include/kiosk/store/demo_claims.h.
for secret in 440306198805122236 11010519491231002X 110101199003070011 \
              13812345678 15900001111 18611112222 \
              6222021234567890128 6217009876543210981 4111111111111111 \
              张伟 李秀英 王芳 \
              深圳市人民医院 北京协和医院 广州市第一人民医院 上海市第六人民医院; do
  for file in "${files[@]}"; do
    if grep -a -q -F "$secret" "$file"; then
      echo "plain text of a demo personal value found in $(basename "$file")" >&2
      found=1
    fi
  done
done
((found == 0)) || exit 1
echo "plaintext test: searched ${#files[@]} files ($(cat "${files[@]}" | wc -c) bytes) for 12 personal values and 4 hospitals: none found"
