#!/bin/sh
# Builds the static Linux binaries the release workflow publishes and shows
# that they need nothing of the machine. x86_64-unknown-linux-musl: `ldd`
# says static, and in an empty folder made its root (no /lib, no /dev, no
# /proc) it builds the real site, byte for byte as the binary compiled here
# for this machine does. With `aarch64`, also aarch64-unknown-linux-musl,
# linked as the release workflow links it (Debian's aarch64-linux-gnu-gcc)
# and run under qemu-user: the same site, byte for byte.
#
# Needs root (chroot), rustup's musl targets and Debian's musl-tools; for
# aarch64, gcc-aarch64-linux-gnu and qemu-user-static.
# Usage: docs/release/check-static.sh [aarch64]
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

if [ "${1:-}" = aarch64 ]; then
    arm=aarch64-unknown-linux-musl
    rustup target list --installed | grep -qx "$arm" || rustup target add "$arm"
    for tool in aarch64-linux-gnu-gcc qemu-aarch64-static; do
        command -v "$tool" >/dev/null || { echo "$tool missing: apt-get install gcc-aarch64-linux-gnu qemu-user-static" >&2; exit 1; }
    done
    CARGO_TARGET_AARCH64_UNKNOWN_LINUX_MUSL_LINKER=aarch64-linux-gnu-gcc CC_aarch64_unknown_linux_musl=aarch64-linux-gnu-gcc \
        cargo build --release --locked --target "$arm"
    file "$dir/$arm/release/wsis"
    qemu-aarch64-static "$dir/$arm/release/wsis" --version
    qemu-aarch64-static "$dir/$arm/release/wsis" build --content content --output "$jail/arm"
    diff -r "$jail/arm" "$jail/here" && echo "the aarch64 binary's site is byte for byte the same"
fi
