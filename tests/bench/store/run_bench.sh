#!/usr/bin/env bash
# Durable claim commit latency and fsyncs per claim, against a bare SQLite insert with
# synchronous=FULL, in the same run and the same directory.
# Usage: run_bench.sh BENCH_STORE_COMMIT [COUNT] [DIR]   (DIR should be on the kiosk's disk)
set -euo pipefail
bench=$1
count=${2:-500}
dir=${3:-$(mktemp -d)}
mkdir -p "$dir"

fsyncs() {  # fsync-family calls of one run: bench args...
  local trace=$dir/strace.txt
  rm -rf "$dir/run"
  strace -f -c -e trace=fsync,fdatasync,sync_file_range,syncfs -o "$trace" "$bench" "$dir/run" "$@" >/dev/null
  awk '$NF ~ /^(fsync|fdatasync|sync_file_range|syncfs)$/ { n += $4 } END { print n + 0 }' "$trace"
}

rm -rf "$dir/run"
"$bench" "$dir/run" "$count" both
if command -v strace >/dev/null; then
  claims_open=$(fsyncs 0 claims)
  claims_all=$(fsyncs "$count" claims)
  bare_open=$(fsyncs 0 bare)
  bare_all=$(fsyncs "$count" bare)
  awk -v c="$count" -v co="$claims_open" -v ca="$claims_all" -v bo="$bare_open" -v ba="$bare_all" 'BEGIN {
    printf "fsyncs per commit (strace, open cost subtracted): claim %.2f, bare insert %.2f\n",
      (ca - co) / c, (ba - bo) / c }'
else
  echo "strace is not installed: fsync counts skipped"
fi
