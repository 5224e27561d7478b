#!/usr/bin/env bash
# Build benchmark: generates synthetic corpora (100 sessions a forum, with
# 2-3 KB Markdown bodies with tables and lists) and prints, per size:
#   fresh   a build into an empty output folder on the project's disk, with
#           no cached PDF briefs (every brief is typeset)
#   rebuild a build over the previous output (the old tree is swapped out and
#           removed; unchanged briefs come from the cache)
#   tmpfs   a fresh build into /dev/shm: the generator's own cost, without the
#           disk (up to 10,000 sessions)
#   no-pdf  the same with --no-pdf: the site without typesetting the PDF briefs
# with wall time, CPU time (user + system), peak memory (from
# /usr/bin/time), the files and megabytes written, and milliseconds a page.
# Then the six-language corpus: the same sessions, each translated into five
# more languages (fr, es, ar, zh, ru; up to 10,000), built --no-pdf on tmpfs against the
# one-language corpus of the same size (and with its briefs, fresh, up to
# 1000 sessions), with the search index's size per language.
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
shm=""
[ -d /dev/shm ] && [ -w /dev/shm ] && shm=$(mktemp -d /dev/shm/wsis-bench.XXXXXX)
trap '[ -n "$shm" ] && rm -rf "$shm"' EXIT

measure() { # label sessions content output [extra build flags]
  local label=$1 n=$2 content=$3 output=$4 log
  shift 4
  log=$(mktemp)
  /usr/bin/time -v target/release/wsis build --content "$content" --output "$output" "$@" > "$log.out" 2> "$log"
  local pages wall cpu rss files bytes
  pages=$(sed -n 's/^Built \([0-9]*\) pages.*/\1/p' "$log.out")
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, t, ":"); if (n == 3) print t[1]*3600 + t[2]*60 + t[3]; else print t[1]*60 + t[2] }' "$log")
  cpu=$(awk -F': ' '/User time|System time/ { s += $2 } END { printf "%.2f", s }' "$log")
  rss=$(awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$log")
  files=$(find "$output" -type f | wc -l)
  bytes=$(du -sb "$output" | awk '{ printf "%.1f", $1 / 1e6 }')
  printf '%-9s %-8s %-8s %-8s %-8s %-9s %-8s %-9s %-10s\n' "$n" "$label" "$pages" "$wall" "$cpu" "$rss" "$files" "$bytes" \
    "$(awk -v p="$pages" -v w="$wall" 'BEGIN { if (p > 0) printf "%.3f", w * 1000 / p }')"
  rm -f "$log" "$log.out"
}

header() {
  printf '%-9s %-8s %-8s %-8s %-8s %-9s %-8s %-9s %-10s\n' sessions build pages wall_s cpu_s peak_MB files out_MB ms_per_page
}

header
for n in "${sizes[@]}"; do
  # A hundred sessions a forum (at least ten forums), as in ../shared/peers:
  # a brief of a realistic length at every size.
  forums=$(( n / 100 > 10 ? n / 100 : 10 ))
  per=$(( n / forums ))
  target/release/examples/gen_corpus "$work/content-$n" "$forums" "$per" >/dev/null
  rm -rf "$work/output-$n" "$work/.output-$n.cache"
  sync
  measure fresh "$n" "$work/content-$n" "$work/output-$n"
  measure rebuild "$n" "$work/content-$n" "$work/output-$n"
  if [ -n "$shm" ]; then
    if [ "$n" -le 10000 ]; then
      measure tmpfs "$n" "$work/content-$n" "$shm/output-$n"
      rm -rf "$shm/output-$n" "$shm/.output-$n.cache"
    fi
    measure no-pdf "$n" "$work/content-$n" "$shm/output-$n" --no-pdf
    rm -rf "$shm/output-$n"
  fi
done

echo
echo "six languages against one (the same sessions; tmpfs)"
header
for n in "${sizes[@]}"; do
  [ -n "$shm" ] || break
  [ "$n" -le 10000 ] || continue # six times 100,000 pages: out of a benchmark's time
  forums=$(( n / 100 > 10 ? n / 100 : 10 ))
  per=$(( n / forums ))
  target/release/examples/gen_corpus "$work/content-$n-6" "$forums" "$per" en,fr,es,ar,zh,ru >/dev/null
  measure no-pdf-1 "$n" "$work/content-$n" "$shm/one-$n" --no-pdf
  measure no-pdf-6 "$n" "$work/content-$n-6" "$shm/six-$n" --no-pdf
  for lang in "" fr/ es/ ar/ zh/ ru/; do
    printf '  search index %-3s %s\n' "${lang:-en}" "$(du -sh "$shm/six-$n/${lang}search" | cut -f1)"
  done
  rm -rf "$shm/one-$n" "$shm/six-$n"
  if [ "$n" -le 1000 ]; then
    measure fresh-1 "$n" "$work/content-$n" "$shm/one-$n"
    measure fresh-6 "$n" "$work/content-$n-6" "$shm/six-$n"
    rm -rf "$shm/one-$n" "$shm/six-$n" "$shm/.one-$n.cache" "$shm/.six-$n.cache"
  fi
done
