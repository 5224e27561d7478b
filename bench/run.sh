#!/usr/bin/env bash
# Build benchmark: generates synthetic corpora and prints, for each size,
# the wall time, pages per second and peak memory of `wsis build`.
# Usage: bench/run.sh [SESSIONS ...]   (default: 1000 10000)
# Timings on shared machines are noisy: run it a few times and compare.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000)
cargo build --release -q
cargo build --release -q --example gen_corpus
work="bench/corpus"
mkdir -p "$work"
printf '%-10s %-8s %-10s %-12s %-12s\n' sessions pages wall_s pages_per_s peak_MiB
for n in "${sizes[@]}"; do
  forums=20
  per=$(( n / forums ))
  target/release/examples/gen_corpus "$work/content-$n" "$forums" "$per" >/dev/null
  rm -rf "$work/output-$n"
  # Warm the page cache once, then measure.
  target/release/wsis build --content "$work/content-$n" --output "$work/output-$n" >/dev/null
  log="$work/time-$n.txt"
  /usr/bin/time -v target/release/wsis build --content "$work/content-$n" --output "$work/output-$n" > "$work/stdout-$n.txt" 2> "$log"
  pages=$(sed -n 's/^Built \([0-9]*\) pages.*/\1/p' "$work/stdout-$n.txt")
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ { split($2, t, ":"); if (length(t) == 3) print t[1]*3600 + t[2]*60 + t[3]; else print t[1]*60 + t[2] }' "$log")
  rss=$(awk -F': ' '/Maximum resident set size/ { printf "%.1f", $2 / 1024 }' "$log")
  pps=$(awk -v p="$pages" -v w="$wall" 'BEGIN { if (w > 0) printf "%.0f", p / w; else print "inf" }')
  printf '%-10s %-8s %-10s %-12s %-12s\n' "$n" "$pages" "$wall" "$pps" "$rss"
done
