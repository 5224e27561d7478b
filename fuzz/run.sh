#!/usr/bin/env bash
# Fuzzes one content file through the whole pipeline (see
# fuzz_targets/content_file.rs). Usage: fuzz/run.sh [SECONDS] (default 1800).
# Needs cargo-fuzz (`cargo install cargo-fuzz`); the toolchain here is
# stable, so the nightly flags cargo-fuzz passes are allowed with
# RUSTC_BOOTSTRAP. No sanitizer: the code is safe Rust, and without one
# the target runs several times faster. Seeds the corpus from tests/fixtures; a crash is saved
# under fuzz/artifacts/content_file/ and becomes a fixture.
set -euo pipefail
cd "$(dirname "$0")"
seconds="${1:-1800}"
corpus=corpus/content_file
mkdir -p "$corpus"
# One seed per fixture file, prefixed with the byte that picks its slot.
i=0
while IFS= read -r -d '' file; do
  case "$file" in
    */forums/*/forum.*.md) slot=8 ;; */forums/*/hlt/*.*.md) slot=9 ;;
    */forums/*/hlt/*) slot=1 ;; */forums/*) slot=0 ;; */ungis/*) slot=2 ;;
    */roadmaps/*) slot=3 ;; */pages/*) slot=4 ;; */site.yaml) slot=5 ;;
    */action-lines.yaml) slot=6 ;; */sdgs.yaml) slot=7 ;; *) continue ;;
  esac
  { printf "\\$(printf '%03o' "$slot")"; cat "$file"; } > "$corpus/seed-$i"
  i=$((i + 1))
done < <(find ../tests/fixtures ../content -type f \( -name '*.md' -o -name '*.yaml' \) -print0 | sort -z)
echo "seeded $i files"
RUSTC_BOOTSTRAP=1 cargo fuzz run --sanitizer none content_file "$corpus" -- \
  -dict=content.dict -max_total_time="$seconds" -max_len=65536 -timeout=10 -print_final_stats=1
