#!/usr/bin/env bash
# Search benchmark: publishes Visnyk in Release, seeds 100,000 synthetic articles, builds the
# search index with the reindex command (time, size, peak memory), then runs the 200 fixed
# queries of bench/search-queries.tsv against /search (the whole page: search, counts by
# department and tag, highlighted passages, cards from the database) with the output cache off,
# one at a time, and prints p50/p95/p99 latency per kind and overall.
#
#   bench/search.sh                 full run (publish, fresh seed of 100,000, index, queries)
#   BENCH_REUSE=1 bench/search.sh   reuse bench/out/search-app and bench/out/search-data
#
# Tunables (environment): BENCH_PORT (5392), BENCH_ARTICLES (100000), BENCH_ROUNDS (3: each
# query is measured this many times after one warm-up round; the figures pool all rounds).
# Targets (issue 5): p95 < 20 ms, full rebuild < 2 minutes on a 2-core machine.
set -Eeuo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
OUT=$ROOT/bench/out
APP=$OUT/search-app
DATA=$OUT/search-data
RESULTS=$OUT/search-results
PORT=${BENCH_PORT:-5392}
HOST=127.0.0.1
BASE=http://$HOST:$PORT
ARTICLES=${BENCH_ARTICLES:-100000}
ROUNDS=${BENCH_ROUNDS:-3}
QUERIES=$ROOT/bench/search-queries.tsv
APP_PID=

say() { printf '\n== %s\n' "$*"; }
die() { printf '\nbench: FAILED: %s\n' "$*" >&2; exit 1; }
stop_app() {
    if [[ -n $APP_PID ]] && kill -0 "$APP_PID" 2>/dev/null; then
        kill "$APP_PID" 2>/dev/null || true
        for _ in $(seq 50); do kill -0 "$APP_PID" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$APP_PID" 2>/dev/null || true
        wait "$APP_PID" 2>/dev/null || true
    fi
    APP_PID=
}
trap 'rc=$?; stop_app; exit $rc' EXIT
trap 'die "line $LINENO: $BASH_COMMAND"' ERR

command -v curl >/dev/null || die "curl is missing"
[[ -x /usr/bin/time ]] || die "/usr/bin/time is missing (apt-get install -y time)"
mkdir -p "$OUT" "$RESULTS"
echo "machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.1f GB", $2 / 1048576 }' /proc/meminfo)"

if [[ ${BENCH_REUSE:-0} == 1 && -f $APP/Visnyk.dll && -f $DATA/visnyk.db ]]; then
    say "1-2. reusing $APP and $DATA (BENCH_REUSE=1)"
else
    say "1. publish (Release)"
    rm -rf "$APP"
    dotnet publish "$ROOT/src/Visnyk" -c Release -o "$APP" -nologo -v quiet || die "dotnet publish failed"
    say "2. seed: $ARTICLES synthetic articles"
    rm -rf "$DATA"
    mkdir -p "$DATA"
    ( cd "$APP" && Visnyk__DataDirectory="$DATA" Visnyk__DemoContent=false Logging__LogLevel__Default=Warning \
        timeout 3600 dotnet Visnyk.dll seed --synthetic "$ARTICLES" ) 2> >(tr '\r' '\n' | tail -n 1 >&2) || die "seed failed"
fi

say "3. index: reindex (the whole index from the database)"
rm -rf "$DATA/search"
( cd "$APP" && Visnyk__DataDirectory="$DATA" Visnyk__DemoContent=false Logging__LogLevel__Default=Warning \
    /usr/bin/time -o "$RESULTS/reindex-time.txt" -f 'reindex: %e s wall, %U s user, %S s system, peak memory %M KB' \
    dotnet Visnyk.dll reindex ) 2> >(tr '\r' '\n' | grep -v '^\[' >&2) | tee "$RESULTS/reindex.txt"
cat "$RESULTS/reindex-time.txt" | tee -a "$RESULTS/reindex.txt"
echo "index size on disk: $(du -sh "$DATA/search" | cut -f1)"

say "4. queries: $(grep -vc '^#' "$QUERIES") fixed queries, 1 warm-up round + $ROUNDS measured rounds, one at a time"
( cd "$APP" && exec env ASPNETCORE_URLS="$BASE" ASPNETCORE_ENVIRONMENT=Production Visnyk__DataDirectory="$DATA" \
    Visnyk__DemoContent=false Visnyk__OutputCache=false Logging__LogLevel__Default=Warning dotnet Visnyk.dll ) >"$RESULTS/app.log" 2>&1 &
APP_PID=$!
for _ in $(seq 600); do
    kill -0 "$APP_PID" 2>/dev/null || { tail -20 "$RESULTS/app.log" >&2; die "the app exited during start-up"; }
    [[ $(curl -s -o /dev/null -m 5 -w '%{http_code}' "$BASE/search" || true) == 200 ]] && break
    sleep 0.2
done
[[ $(curl -s -o /dev/null -w '%{http_code}' "$BASE/search") == 200 ]] || die "/search did not answer 200 within 2 minutes"

# One query: "kind page_ms results search_ms" (search_ms: the page's Server-Timing "search", the index's share)
run_query() { # $1 kind, $2 words, $3 other parameters
    local args=(-s -G -o "$RESULTS/page.html" -D "$RESULTS/headers.txt" -w '%{http_code} %{time_total}' "$BASE/search")
    [[ -n $2 ]] && args+=(--data-urlencode "q=$2")
    [[ -n $3 ]] && args+=(--data "$3")
    local out code seconds found
    out=$(curl "${args[@]}")
    code=${out%% *}
    seconds=${out#* }
    [[ $code == 200 ]] || die "/search?q=$2&$3 answered $code"
    found=$(grep -o 'list-count[^>]*>[^<]*' "$RESULTS/page.html" | grep -o '[0-9]*$' || echo 0)
    engine=$(grep -i '^server-timing:' "$RESULTS/headers.txt" | grep -o 'search;dur=[0-9.]*' | cut -d= -f2)
    awk -v k="$1" -v s="$seconds" -v f="${found:-0}" -v e="${engine:-0}" 'BEGIN { printf "%s %.3f %d %.1f\n", k, s * 1000, f, e }'
}

: >"$RESULTS/latency.txt"
for round in $(seq 0 "$ROUNDS"); do
    while IFS= read -r line; do
        [[ $line == \#* || -z $line ]] && continue
        # Fields split by hand: read would merge the two tabs around empty words.
        kind=${line%%$'\t'*}; rest=${line#*$'\t'}; words=${rest%%$'\t'*}; params=${rest#*$'\t'}
        line=$(run_query "$kind" "$words" "$params")
        (( round > 0 )) && echo "$line" >>"$RESULTS/latency.txt"
    done <"$QUERIES"
done
rss=$(awk '/VmRSS/ { printf "%.0f MB", $2 / 1024 }' "/proc/$APP_PID/status")

percentiles() { # stdin: ms values -> "n p50 p95 p99 max"
    sort -n | awk '{ v[NR] = $1 } END {
        if (NR == 0) { print "0 - - - -"; exit }
        i50 = int(NR * 0.50 + 0.999); i95 = int(NR * 0.95 + 0.999); i99 = int(NR * 0.99 + 0.999)
        printf "%d %.1f %.1f %.1f %.1f\n", NR, v[i50], v[i95], v[i99], v[NR] }'
}
table() { # $1 column of latency.txt, $2 file
    printf '%-12s %6s %8s %8s %8s %8s %10s\n' kind n p50_ms p95_ms p99_ms max_ms no_hits
    for kind in word two-words phrase filtered all; do
        if [[ $kind == all ]]; then sel='1'; else sel="\$1 == \"$kind\""; fi
        read -r n p50 p95 p99 max < <(awk "$sel { print \$$1 }" "$RESULTS/latency.txt" | percentiles)
        empty=$(awk "$sel && \$3 == 0" "$RESULTS/latency.txt" | wc -l)
        printf '%-12s %6s %8s %8s %8s %8s %10s\n' "$kind" "$n" "$p50" "$p95" "$p99" "$max" "$(( empty / ROUNDS ))"
    done | tee "$2"
}
say "search latency ($ARTICLES articles): the index's work per query (Server-Timing: search, counts, highlights)"
table 4 "$RESULTS/summary-search.txt"
say "page latency: the whole /search page over HTTP (curl), output cache off"
table 2 "$RESULTS/summary.txt"
echo "app memory after the queries: $rss (RSS)"
p95=$(awk '$1 == "all" { print $4 }' "$RESULTS/summary-search.txt")
page95=$(awk '$1 == "all" { print $4 }' "$RESULTS/summary.txt")
build=$(grep -o 'reindex: [0-9.]* s' "$RESULTS/reindex.txt" | grep -o '[0-9.]*' || echo 999)
awk -v p="$p95" -v q="$page95" -v b="$build" 'BEGIN {
    printf "target search p95 < 20 ms: %s (%.1f ms)\n", (p < 20 ? "PASS" : "BELOW"), p
    printf "(whole page p95: %.1f ms, %s 20 ms)\n", q, (q < 20 ? "under" : "over")
    printf "target rebuild < 120 s: %s (%.1f s)\n", (b < 120 ? "PASS" : "BELOW"), b }'
