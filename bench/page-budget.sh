#!/usr/bin/env bash
# Pages for 2G (issue 19): the reference article's bytes as the published site sends them, and
# Lighthouse's mobile performance score for it. Publishes Visnyk in Release, starts it on a fresh
# data folder (the demo content), and prints for the page and everything it links but photos (HTML,
# stylesheets, script, icon, manifest) the bytes plain, gzip and Brotli as served, how each was
# compressed (precompressed files carry a Content-Length, pages are compressed on the way out), the
# first round trip (HTML + stylesheets, Brotli; budget 14,336 B) and the page without photos
# (budget 25,600 B); then runs Lighthouse (npm, pinned) in headless Chromium, default mobile
# throttling, BENCH_LH_RUNS times, and prints each score and the median. Then a reference in the
# same sitting: the article's HTML as served and every file it loads (stylesheets, script, icon,
# manifest, photos) saved into bench/out/budget-static and served by bare Kestrel (bench/bare,
# UseStaticFiles alone), measured by Lighthouse in turn with the site, and once more without
# /js/site.js (its script tag removed; the service worker is registered from it): is 100 reachable
# on this machine at all, and does the script matter.
# tests/Visnyk.Tests/Pages/PageBudgetTests.cs checks the same budget on every test run.
#
#   bench/page-budget.sh                 publish, fresh data, measure (~8 min)
#   BENCH_REUSE=1 bench/page-budget.sh   reuse bench/out/budget-app and bench/out/budget-data
#
# Tunables: BENCH_PORT (5393; bare Kestrel +1), BENCH_LH_RUNS (3), CHROME_PATH (/usr/bin/chromium, else Playwright's).
# Needs Node 20+ for Lighthouse 12.2.3, installed into bench/out/lighthouse (git-ignored).
set -Eeuo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
OUT=$ROOT/bench/out
APP=$OUT/budget-app
BARE=$OUT/bare-app
STATIC_DIR=$OUT/budget-static
DATA=$OUT/budget-data
RESULTS=$OUT/results
LH=$OUT/lighthouse
LH_VERSION=12.2.3
PORT=${BENCH_PORT:-5393}
HOST=127.0.0.1
BASE=http://$HOST:$PORT
RUNS=${BENCH_LH_RUNS:-3}
BARE_PORT=$(( PORT + 1 ))
BARE_BASE=http://$HOST:$BARE_PORT
APP_PID=
BARE_PID=

# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"
page_settings
trap 'rc=$?; stop_pid "$BARE_PID"; stop_pid "$APP_PID"; exit $rc' EXIT
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
if [[ ${BENCH_REUSE:-0} != 1 || ! -f $BARE/Bare.dll ]]; then
    rm -rf "$BARE"
    dotnet publish "$ROOT/bench/bare" -c Release -o "$BARE" -nologo -v quiet || die "dotnet publish of bench/bare failed"
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
lighthouse_run() { # $1 address, $2 report -> "score FCP …, LCP …, TBT …, CLS …, SI …, benchmark index …"
    "$LH/node_modules/.bin/lighthouse" "$1" --only-categories=performance --output=json --output-path="$2" \
        --chrome-flags="--headless=new --no-sandbox" --quiet || die "lighthouse failed ($1)"
    node -e '
        const r = require(process.argv[1]), a = r.audits, ms = (k) => Math.round(a[k].numericValue);
        console.log(Math.round(r.categories.performance.score * 100), `FCP ${ms("first-contentful-paint")} ms, LCP ${ms("largest-contentful-paint")} ms, TBT ${ms("total-blocking-time")} ms, CLS ${a["cumulative-layout-shift"].numericValue.toFixed(3)}, SI ${ms("speed-index")} ms, benchmark index ${Math.round(r.environment.benchmarkIndex)}`);
    ' "$2"
}
median_of() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
tbt_of() { sed -E 's/.*TBT ([0-9]+) ms.*/\1/'; }

scores=()
for run in $(seq "$RUNS"); do
    line=$(lighthouse_run "$BASE$ARTICLE" "$RESULTS/lighthouse-$run.json")
    echo "run $run: ${line}"
    scores+=("${line%% *}")
done
median=$(median_of "${scores[@]}")
echo "performance (median of $RUNS): $median  target 100: $( [[ $median == 100 ]] && echo PASS || echo BELOW)"
echo "reports: $RESULTS/lighthouse-*.json"

# ---------------------------------------------------------------------------------------------
say "6. reference: the same page as a static copy on bare Kestrel, Lighthouse in turn with the site, $RUNS run(s) each"
# The article's HTML as the site served it (no Accept-Encoding: plain) as /article.html (bare's
# UseStaticFiles serves no folder's index file), and every same-origin file that its link (but
# canonical and alternate), script, img and source elements load, at its own path (the query of a
# fingerprinted address dropped: bare serves the file whatever the query). The photos inside the
# gallery's <template> too, as site.js puts them into the page. Not sw.js, which the page does not
# link: on the copy, site.js's registration gets a 404 and the service worker never runs.
# bare sends every file uncompressed, with no cache headers.
assets_of() { # HTML or a web manifest on stdin -> the same-origin paths it loads, without query, one a line
    { tr '\n' ' ' | grep -oE '<(link|script|img|source)[[:space:]][^>]*>|"src" *: *"/[^"]*"' \
        | grep -vE 'rel="(canonical|alternate)"' \
        | grep -oE '((href|src|srcset)="|"src" *: *")[^"]*"' | sed -E 's/^"src" *: *"//; s/^[a-z]+="//; s/"$//; s/&amp;/\&/g' \
        | tr ',' '\n' | awk '{ print $1 }' | grep -E '^/[^/]' | sed 's/[?#].*//' | sort -u; } || true
}
rm -rf "$STATIC_DIR"
mkdir -p "$STATIC_DIR"
curl -s -m 30 -o "$STATIC_DIR/article.html" "$BASE$ARTICLE"
fetch_asset() { # $1 path -> saved under $STATIC_DIR at the same path (percent-escapes decoded, as Kestrel decodes them)
    local file code
    file=$STATIC_DIR$(printf '%b' "${1//\%/\\x}")
    mkdir -p "$(dirname "$file")"
    code=$(curl -s -m 30 -o "$file" -w '%{http_code}' "$BASE$1")
    [[ $code == 200 ]] || die "GET $1 answered $code, expected 200 (static copy)"
}
assets=$(assets_of <"$STATIC_DIR/article.html")
for path in $assets; do fetch_asset "$path"; done
for manifest in $(grep '\.webmanifest$' <<<"$assets" || true); do
    for path in $(assets_of <"$STATIC_DIR$manifest"); do [[ -f $STATIC_DIR$path ]] || fetch_asset "$path"; done
done
# Without the script: its tag removed (the JSON-LD <script> stays; it is data, not run).
sed -E 's#<script src="/js/site\.[^"]*"[^>]*></script>##' "$STATIC_DIR/article.html" >"$STATIC_DIR/article-nojs.html"
grep -q '/js/site\.' "$STATIC_DIR/article-nojs.html" && die "the script tag of /js/site.js was not removed"
grep -q '/js/site\.' "$STATIC_DIR/article.html" || die "the article page has no /js/site.js"
grep -qE '<script[^>]* src=' "$STATIC_DIR/article-nojs.html" && die "article-nojs.html still loads a script"
printf 'copy: %s files, %s bytes (%s photos) in %s\n' "$(find "$STATIC_DIR" -type f | wc -l)" \
    "$(du -sb "$STATIC_DIR" | cut -f1)" "$(grep -c '^/media/' <<<"$assets" || true)" "$STATIC_DIR"

port_busy "$BARE_PORT" && die "port $BARE_PORT is already in use (set BENCH_PORT)"
( cd "$BARE" && exec env ASPNETCORE_URLS="$BARE_BASE" ASPNETCORE_ENVIRONMENT=Production dotnet Bare.dll --root "$STATIC_DIR" ) \
    >"$RESULTS/bare-budget.log" 2>&1 &
BARE_PID=$!
for _ in $(seq 300); do
    [[ $(curl -s -o /dev/null -m 2 -w '%{http_code}' "$BARE_BASE/article.html" || true) == 200 ]] && break
    kill -0 "$BARE_PID" 2>/dev/null || { cat "$RESULTS/bare-budget.log" >&2; die "bare Kestrel exited"; }
    sleep 0.1
done
for path in /article.html /article-nojs.html $assets; do # every file answers 200 (and bare has served each once)
    code=$(curl -s -o /dev/null -m 10 -w '%{http_code}' "$BARE_BASE$path")
    [[ $code == 200 ]] || die "bare Kestrel: GET $path answered $code"
done
[[ $(size_of "$BARE_BASE/article.html") == $(size_of "$BASE$ARTICLE") ]] || die "the static copy's HTML differs in size from the article page"
echo "bare Kestrel: $BARE_BASE (pid $BARE_PID)"

declare -A url=([site]="$BASE$ARTICLE" [static]="$BARE_BASE/article.html" [nojs]="$BARE_BASE/article-nojs.html")
declare -A name=([site]="site" [static]="static copy" [nojs]="static, no script")
declare -A all_scores all_tbts
for run in $(seq "$RUNS"); do
    for kind in site static nojs; do
        line=$(lighthouse_run "${url[$kind]}" "$RESULTS/lighthouse-$kind-$run.json")
        printf 'run %s, %-17s %s\n' "$run" "${name[$kind]}:" "$line"
        all_scores[$kind]+="${line%% *} "
        all_tbts[$kind]+="$(tbt_of <<<"$line") "
    done
done
stop_pid "$BARE_PID"
BARE_PID=
printf '\n%-18s | %-14s | %-20s | %s\n' "" scores "TBT ms" "median"
for kind in site static nojs; do
    # shellcheck disable=SC2086 # lists of numbers
    printf '%-18s | %-14s | %-20s | %s\n' "${name[$kind]}" "${all_scores[$kind]% }" "${all_tbts[$kind]% }" "$(median_of ${all_scores[$kind]})"
done
echo "reports: $RESULTS/lighthouse-{site,static,nojs}-*.json"
