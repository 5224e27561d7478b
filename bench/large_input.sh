#!/usr/bin/env bash
# Large-input benchmark: time and peak memory of one build with one
# oversized session in a small site, at and past the body limits
# (src/markdown/mod.rs: MAX_BLOCKS, MAX_BODY), with and without the PDF
# brief; a body past a limit is refused (exit 1), so its row shows what a
# refusal costs. Prints one line a case: the case, the body's size, the
# exit code, wall seconds and peak resident megabytes (/usr/bin/time).
# Usage: bench/large_input.sh
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release -q
wsis="$PWD/target/release/wsis"
theme="$PWD/themes/default"
site=$(mktemp -d)
trap 'rm -rf "$site"' EXIT
cp -r tests/fixtures/site/content "$site/"
body="$site/content/forums/2020/hlt/large.md"

# case NAME PYTHON-EXPRESSION-FOR-THE-BODY
case_() {
  python3 -c "import sys; sys.stdout.write('---\ntitle: Large\ndate: 2020-09-01\n---\n## Vision\n\n' + ($2) + '\n')" >"$body"
  local size
  size=$(stat -c %s "$body")
  for mode in pdf no-pdf; do
    local flags=()
    [ "$mode" = no-pdf ] && flags=(--no-pdf)
    rm -rf "$site/output" "$site/.output.cache"
    local code=0
    /usr/bin/time -o "$site/time.txt" -f "%e %M" "$wsis" build --theme "$theme" "${flags[@]}" >/dev/null 2>&1 || code=$?
    read -r wall kb < <(tail -1 "$site/time.txt")
    printf '%-34s %-7s %9d bytes  exit %s  %6.2f s  %6d MB\n' "$1" "$mode" "$size" "$code" "$wall" "$((kb / 1024))"
  done
}

cd "$site"
case_ "5,000 list items (the limit)" "''.join('- item %d\n' % i for i in range(4999))"
case_ "100,000 list items (refused)" "''.join('- item %d\n' % i for i in range(100000))"
case_ "1 MB of paragraphs (the limit)" "('Information and communication technologies for development. ' * 15 + '\n\n') * 1100"
case_ "one 7.9 MB line (refused)" "'word ' * 1580000"
case_ "3,000 nested quotes (refused)" "'> ' * 3000 + 'Deep.'"
