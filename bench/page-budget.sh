#!/usr/bin/env bash
# Pages for 2G (issue 19): the reference article's bytes as the published site sends them, and
# Lighthouse's mobile performance score for it. Publishes Visnyk in Release, starts it on a fresh
# data folder (the demo content), and prints for the page and everything it links but photos (HTML,
# stylesheets, script, icon, manifest) the bytes plain, gzip and Brotli as served, how each was
# compressed (precompressed files carry a Content-Length, pages are compressed on the way out), the
# first round trip (HTML + stylesheets, Brotli; budget 14,336 B) and the page without photos
# (budget 25,600 B); then runs Lighthouse (npm, pinned) in headless Chromium, default mobile
# throttling, BENCH_LH_RUNS times, and prints each score and the median.
# tests/Visnyk.Tests/Pages/PageBudgetTests.cs checks the same budget on every test run.
#
#   bench/page-budget.sh                 publish, fresh data, measure (~3 min)
#   BENCH_REUSE=1 bench/page-budget.sh   reuse bench/out/budget-app and bench/out/budget-data
#
# Tunables: BENCH_PORT (5393), BENCH_LH_RUNS (3), CHROME_PATH (/usr/bin/chromium, else Playwright's).
# Needs Node 20+ for Lighthouse 12.2.3, installed into bench/out/lighthouse (git-ignored).
set -Eeuo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
OUT=$ROOT/bench/out
APP=$OUT/budget-app
DATA=$OUT/budget-data
RESULTS=$OUT/results
LH=$OUT/lighthouse
LH_VERSION=12.2.3
PORT=${BENCH_PORT:-5393}
HOST=127.0.0.1
BASE=http://$HOST:$PORT
RUNS=${BENCH_LH_RUNS:-3}
APP_PID=

# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"
page_settings
trap 'rc=$?; stop_pid "$APP_PID"; exit $rc' EXIT
trap 'die "line $LINENO: $BASH_COMMAND"' ERR
trap 'exit 130' INT TERM
mkdir -p "$OUT" "$RESULTS"

say "1. tools"
CHROME_PATH=${CHROME_PATH:-/usr/bin/chromium}
if [[ ! -x $CHROME_PATH ]]; then
    CHROME_PATH=$(ls -d "$HOME"/.cache/ms-playwright/chromium-*/chrome-linux/chrome 2>/dev/null | tail -1 || true)
fi
[[ -x $CHROME_PATH ]] || die "no Chromium: install Debian's chromium or set CHROME_PATH"
export CHROME_PATH
echo "chromium: $CHROME_PATH ($("$CHROME_PATH" --version 2>/dev/null | head -1))"
command -v node >/dev/null || die "node is missing"
if [[ $(node -p 'require(process.argv[1]).version' "$LH/node_modules/lighthouse/package.json" 2>/dev/null) != "$LH_VERSION" ]]; then
    mkdir -p "$LH"
    [[ -f $LH/package.json ]] || echo '{ "private": true }' >"$LH/package.json"
    (cd "$LH" && npm i -E "lighthouse@$LH_VERSION" --no-audit --no-fund --loglevel=error) || die "npm i lighthouse@$LH_VERSION failed"
fi
echo "node $(node --version), lighthouse $(node -p 'require(process.argv[1]).version' "$LH/node_modules/lighthouse/package.json")"

if [[ ${BENCH_REUSE:-0} == 1 && -f $APP/Visnyk.dll ]]; then
    say "2. reusing $APP (BENCH_REUSE=1)"
else
    say "2. publish (Release)"
    publish_app
    rm -rf "$DATA"
fi

say "3. start (demo content on a fresh data folder)"
mkdir -p "$DATA"
launch_app budget "$PORT" Visnyk__DataDirectory="$DATA"
APP_PID=$LAUNCHED
wait_for_search "$APP_PID" "$BASE" "$RESULTS/app-budget.log"
BENCH_LIST=/news find_pages "$DATA/media" >/dev/null # the demo content alone has one page of news
echo "article: $ARTICLE"

# ---------------------------------------------------------------------------------------------
say "4. bytes of the article page (as served; Brotli and gzip as a browser asks for them)"
header_of() { tr -d '\r' | awk -F': ' -v h="$1" 'tolower($1) == h { print $2 }'; }
sent() { # $1 path, $2 Accept-Encoding -> "bytes encoding how" (how: file = Content-Length set, i.e. precompressed or plain file; stream = compressed on the way out)
    local headers body
    headers=$(curl -s -m 30 -D - -o "$RESULTS/budget-body" -H "Accept-Encoding: $2" "$BASE$1")
    body=$(stat -c %s "$RESULTS/budget-body")
    echo "$body $(header_of content-encoding <<<"$headers" | grep . || echo -) $( [[ -n $(header_of content-length <<<"$headers") ]] && echo file || echo stream)"
}
html=$(curl -s -m 30 "$BASE$ARTICLE")
styles=$(grep -o '<link rel="stylesheet" href="[^"]*"' <<<"$html" | cut -d'"' -f4)
others=$( { grep -o '<script src="[^"]*"' <<<"$html" | cut -d'"' -f2; grep -o '<link rel="\(icon\|manifest\)" href="[^"]*"' <<<"$html" | cut -d'"' -f4; } )
printf '%-34s %8s %8s %8s   %s\n' "" plain gzip br "br sent as"
first=0 total=0
for path in "$ARTICLE" $styles $others; do
    read -r plain _ _ < <(sent "$path" identity)
    read -r gz _ _ < <(sent "$path" gzip)
    read -r br enc how < <(sent "$path" "gzip, deflate, br, zstd")
    label=$path; [[ $path == "$ARTICLE" ]] && label="article HTML"
    printf '%-34s %8s %8s %8s   %s, %s\n' "$label" "$plain" "$gz" "$br" "$enc" "$how"
    total=$(( total + br ))
    if [[ $path == "$ARTICLE" ]] || grep -qxF "$path" <<<"$styles"; then first=$(( first + br )); fi
done
verdict() { (( $1 <= $2 )) && echo PASS || echo BELOW; }
printf '%-34s %26s   budget %s: %s\n' "first round trip (HTML + CSS)" "$first" 14336 "$(verdict "$first" 14336)"
printf '%-34s %26s   budget %s: %s\n' "page without photos" "$total" 25600 "$(verdict "$total" 25600)"
saving=$(curl -s -m 30 -H 'Save-Data: on' "$BASE$ARTICLE")
vary=$(curl -s -m 30 -D - -o /dev/null -H 'Save-Data: on' -H 'Accept-Encoding: br' "$BASE$ARTICLE" | header_of vary | paste -sd, -)
echo "Save-Data: on: the gallery $( [[ $saving == *'<details class="gallery__on-request">'* ]] && echo 'waits behind «Показати фото»' || echo 'is NOT closed'); Vary: $vary"

# ---------------------------------------------------------------------------------------------
say "5. Lighthouse $LH_VERSION, mobile (default throttling), performance, $RUNS run(s)"
scores=()
for run in $(seq "$RUNS"); do
    report=$RESULTS/lighthouse-$run.json
    "$LH/node_modules/.bin/lighthouse" "$BASE$ARTICLE" --only-categories=performance --output=json --output-path="$report" \
        --chrome-flags="--headless=new --no-sandbox" --quiet || die "lighthouse failed (run $run)"
    line=$(node -e '
        const r = require(process.argv[1]), a = r.audits, ms = (k) => Math.round(a[k].numericValue);
        console.log(Math.round(r.categories.performance.score * 100), `FCP ${ms("first-contentful-paint")} ms, LCP ${ms("largest-contentful-paint")} ms, TBT ${ms("total-blocking-time")} ms, CLS ${a["cumulative-layout-shift"].numericValue.toFixed(3)}, SI ${ms("speed-index")} ms`);
    ' "$report")
    echo "run $run: ${line}"
    scores+=("${line%% *}")
done
median=$(printf '%s\n' "${scores[@]}" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')
echo "performance (median of $RUNS): $median  target 100: $( [[ $median == 100 ]] && echo PASS || echo BELOW)"
echo "reports: $RESULTS/lighthouse-*.json"
