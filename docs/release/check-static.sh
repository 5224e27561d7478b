#!/bin/sh
# Builds the static Linux binary the release workflow publishes
# (x86_64-unknown-linux-musl) and shows that it needs nothing of the
# machine: `ldd` says static, and in an empty folder made its root (no
# /lib, no /dev, no /proc) it builds the real site, byte for byte as the
# binary compiled here for this machine does.
#
# Needs root (chroot), rustup's musl target and Debian's musl-tools.
# Usage: docs/release/check-static.sh
set -eu
cd "$(dirname "$0")/../.."
target=x86_64-unknown-linux-musl
rustup target list --installed | grep -qx "$target" || rustup target add "$target"
command -v musl-gcc >/dev/null || { echo "musl-gcc missing: apt-get install musl-tools" >&2; exit 1; }
dir="${CARGO_TARGET_DIR:-target}"
cargo build --release --locked --target "$target"
cargo build --release --locked
binary="$dir/$target/release/wsis"
file "$binary"
ldd "$binary" || true
jail="$(mktemp -d)"
trap 'rm -rf "$jail"' EXIT
cp "$binary" "$jail/wsis"
cp -r content "$jail/content"
chroot "$jail" /wsis --version
chroot "$jail" /wsis build --content /content --output /out
"$dir/release/wsis" build --content content --output "$jail/here" >/dev/null
diff -r "$jail/out" "$jail/here" && echo "the static binary's site is byte for byte the same"
