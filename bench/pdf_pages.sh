#!/usr/bin/env bash
# What a typeset A4 page of a brief costs, and how far the template can
# bring it down. Builds one forum of SESSIONS sessions (default 25, 100 and
# 400), each a fresh build on tmpfs with its brief and one with --no-pdf,
# and prints the brief's pages and the CPU time the PDF added (user,
# system, and both per page: the kernel's share is mostly zeroing and
# compacting memory for huge pages, and varies most from run to run), the
# medians of RUNS pairs (default 3). Then the same for
# the brief without its tables and running header and footer ("plain"):
# text alone, what typst cannot do without.
# Usage: bench/pdf_pages.sh [SESSIONS ...]   (RUNS=5 bench/pdf_pages.sh ...)
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(25 100 400)
runs=${RUNS:-3}
cargo build --release -q
cargo build --release -q --example gen_corpus
work=$(mktemp -d /dev/shm/wsis-pdf-pages.XXXXXX 2>/dev/null || mktemp -d)
trap 'rm -rf "$work"' EXIT

# The plain brief: the default template with its tables set as running
# text and no running header or footer. Fails if the template no longer
# has what it takes out.
mkdir -p "$work/plain/brief"
target/release/wsis theme eject "$work/eject" >/dev/null
python3 - "$work/eject/brief/brief.typ" "$work/plain/brief/brief.typ" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
plain, n = re.subn(r'^  (header|footer): context \{.*\n', '', text, flags=re.M)
table = re.compile(r'    table\(columns: b\.table\.head\.len\(\),\n.*?\n.*?\)\)\n', re.S)
plain, m = table.subn('    par(b.table.rows.flatten().map(c => [#c]).join([ ]))\n', plain)
if (n, m) != (2, 1):
    sys.exit(f"bench/pdf_pages.sh: the brief template changed (header/footer {n}, table {m}): update the plain variant")
open(sys.argv[2], "w").write(plain)
PY

cpu_of() { # content output [flags]: user and system seconds of one fresh build; its
  # page count (WSIS_TIMINGS names each brief's pages) in $work/pages
  local content=$1 out=$2
  shift 2
  rm -rf "$out" "$(dirname "$out")/.$(basename "$out").cache"
  WSIS_TIMINGS=1 /usr/bin/time -f '%U %S' -o "$work/time" \
    target/release/wsis build --content "$content" --output "$out" "$@" > "$work/log" 2>&1
  sed -n 's/.*: \([0-9]*\) pages, typeset.*/\1/p' "$work/log" | awk '{ s += $1 } END { print s + 0 }' > "$work/pages"
  cat "$work/time"
}

median() { sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

printf '%-9s %-8s %-6s %-11s %-10s %-14s %-13s\n' sessions brief pages pdf_user_s pdf_sys_s ms_user_a_page ms_cpu_a_page
for n in "${sizes[@]}"; do
  target/release/examples/gen_corpus "$work/content-$n" 1 "$n" >/dev/null
  for variant in default plain; do
    theme=()
    [ "$variant" = plain ] && theme=(--theme "$work/plain")
    for _ in $(seq "$runs"); do
      with=$(cpu_of "$work/content-$n" "$work/out" "${theme[@]}")
      pages=$(cat "$work/pages")
      without=$(cpu_of "$work/content-$n" "$work/out" --no-pdf "${theme[@]}")
      echo "$with $without $pages"
    done > "$work/runs"
    user=$(awk '{ print $1 - $3 }' "$work/runs" | median)
    sys=$(awk '{ print $2 - $4 }' "$work/runs" | median)
    both=$(awk '{ print $1 + $2 - $3 - $4 }' "$work/runs" | median)
    pages=$(awk '{ print $5 }' "$work/runs" | median)
    printf '%-9s %-8s %-6s %-11s %-10s %-14s %-13s\n' "$n" "$variant" "$pages" "$user" "$sys" \
      "$(awk -v c="$user" -v p="$pages" 'BEGIN { printf "%.2f", c * 1000 / p }')" \
      "$(awk -v c="$both" -v p="$pages" 'BEGIN { printf "%.2f", c * 1000 / p }')"
  done
done
