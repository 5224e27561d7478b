#!/bin/sh
# Writes the licences of everything the wsis binary is made of into one
# text file (default THIRD-PARTY-LICENSES.txt): each crate compiled into it
# for the release's targets with its licence's text (cargo about, from
# about.toml and licences.hbs), the NOTICE files those crates carry (the
# Apache licence asks that they travel with the work), and the licences of
# the default theme's fonts. The release archives and the image carry it
# beside LICENSE.
#
# Needs cargo-about 0.9 (cargo install --locked cargo-about --features cli).
# Usage: docs/release/licences.sh [OUTPUT]
set -eu
root="$(cd "$(dirname "$0")/../.." && pwd)"
out="${1:-THIRD-PARTY-LICENSES.txt}"
listing="$(mktemp)"
trap 'rm -f "$listing"' EXIT
# --fail: a crate whose licence cannot be read or is not accepted stops it.
cargo about generate --fail --locked --manifest-path "$root/Cargo.toml" \
  --config "$root/about.toml" "$root/docs/release/licences.hbs" --output-file "$listing"
{
  sed '/^@@crate-folders@@$/,$d' "$listing"
  sed '1,/^@@crate-folders@@$/d' "$listing" | while IFS= read -r manifest; do
    folder="$(dirname "$manifest")"
    for notice in "$folder"/NOTICE "$folder"/NOTICE.txt "$folder"/NOTICE.md; do
      [ -f "$notice" ] || continue
      printf '\n--------------------------------------------------------------------------------\nNOTICE of the crate %s\n\n' "$(basename "$folder")"
      cat "$notice"
    done
  done
  for font in "$root"/themes/default/fonts/README.md "$root"/themes/default/fonts/LICENSE-*.txt; do
    printf '\n--------------------------------------------------------------------------------\nfonts/%s (the default theme'"'"'s fonts)\n\n' "$(basename "$font")"
    cat "$font"
  done
} > "$out"
echo "wrote $out: the licences of $(sed '1,/^@@crate-folders@@$/d' "$listing" | grep -c .) crates, $(grep -c '^NOTICE of the crate' "$out") NOTICE files"
