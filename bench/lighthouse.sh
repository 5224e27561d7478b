#!/bin/sh
# Lighthouse's scores for the home page and a forum page of the real site
# (performance, accessibility, best practices, SEO), and every audit below
# full marks. Builds the site, serves output/ on loopback, runs Lighthouse
# (installed from npm into a cache folder, outside the repository) in
# Debian's Chromium.
#
# Usage: bench/lighthouse.sh [PAGE ...]   (default: "" forums/2020/)
set -eu
cd "$(dirname "$0")/.."
cache="${WSIS_LIGHTHOUSE_DIR:-$HOME/.cache/wsis-lighthouse}"
[ -x "$cache/node_modules/.bin/lighthouse" ] || { mkdir -p "$cache" && (cd "$cache" && npm install --no-audit --no-fund lighthouse@12 >/dev/null); }
cargo build --release -q
target/release/wsis build >/dev/null
port=18777
python3 -m http.server "$port" --bind 127.0.0.1 --directory output >/dev/null 2>&1 &
server=$!
trap 'kill $server' EXIT
sleep 1
[ $# -gt 0 ] || set -- "" "forums/2020/"
for page in "$@"; do
    report="$(mktemp)"
    profile="$(mktemp -d)"
    CHROME_PATH="${CHROME_PATH:-/usr/bin/chromium}" "$cache/node_modules/.bin/lighthouse" "http://127.0.0.1:$port/$page" --quiet \
        --chrome-flags="--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking --disable-component-update --disable-sync --user-data-dir=$profile" \
        --only-categories=performance,accessibility,best-practices,seo --output=json --output-path="$report"
    python3 - "$report" "/$page" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
print(sys.argv[2], " ".join(f"{k}={round(v['score'] * 100)}" for k, v in r["categories"].items()))
for a in r["audits"].values():
    if a.get("score") is not None and a["score"] < 1 and a.get("scoreDisplayMode") in ("binary", "numeric"):
        print("   below full marks:", a["id"], a["score"], a.get("displayValue", ""))
PY
    rm -rf "$report" "$profile"
done
