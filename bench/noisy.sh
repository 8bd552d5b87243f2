#!/usr/bin/env bash
# Noisy neighbour (issue 21): two sites on one instance, output cache off (every request is work).
# Site A (site 1: demo content + BENCH_ARTICLES synthetic articles) is flooded by wrk with searches
# (a layer-7 attack on its search: varied words and pages); site B (site 2, the demo content) is
# read by one reader at a time, its home page, news list and a search in turn. B's p95 latency
# with A flooded is compared with B's p95 alone, in the same run, with the per-site limits
# (Visnyk:Sites:Limits, the default) and without them. Target: B's p95 rises by at most 20%.
#
#   bench/noisy.sh                   full run (publish, seed, ~6 min on 2 cores)
#   BENCH_REUSE=1 bench/noisy.sh     keep bench/out/noisy-app and its data
#
# Tunables (environment): BENCH_PORT (5400), BENCH_ARTICLES (2000), BENCH_DURATION (20s),
# BENCH_WARMUP (5s), BENCH_FLOOD_CONNECTIONS (64), BENCH_FLOOD_THREADS (1), BENCH_APP_ENV (assignments for the app), BENCH_LOG_LEVEL, BENCH_IDLE_WAIT.
# Exits non-zero when a step fails; a missed target only prints BELOW.
set -Eeuo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
OUT=$ROOT/bench/out
APP=$OUT/noisy-app
DATA=$OUT/noisy
TEMPLATE=$OUT/noisy-template
RESULTS=$OUT/noisy-results
PORT=${BENCH_PORT:-5400}
HOST=127.0.0.1
BASE=http://$HOST:$PORT
B_HOST=s0002.sites.test
FLOOD_CONNS=${BENCH_FLOOD_CONNECTIONS:-64}
# One thread: wrk shares the two cores with the app, and an attacker's machines are elsewhere.
FLOOD_THREADS=${BENCH_FLOOD_THREADS:-1}
TARGET=1.20

APP_PID=
PIDS=()
# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"
page_settings
ARTICLES=${BENCH_ARTICLES:-2000}
DURATION=${BENCH_DURATION:-20s}
WARMUP=${BENCH_WARMUP:-5s}
stop_all() { local pid; for pid in "${PIDS[@]}"; do stop_pid "$pid"; done; PIDS=(); }
trap 'rc=$?; stop_all; exit $rc' EXIT
trap 'die "line $LINENO: $BASH_COMMAND"' ERR
trap 'exit 130' INT TERM

say "1. tools"
need_wrk
for tool in sqlite3 python3; do command -v $tool >/dev/null || die "$tool is missing"; done
echo "machine: $(nproc) cores; flood wrk -t$FLOOD_THREADS -c$FLOOD_CONNS; reader wrk -t1 -c1; -d$DURATION (warm-up $WARMUP)"
mkdir -p "$OUT" "$RESULTS"

if [[ ${BENCH_REUSE:-0} == 1 && -f $APP/Visnyk.dll && -f $DATA/visnyk.db ]]; then
    say "2-3. reusing $APP and $DATA (BENCH_REUSE=1)"
else
    say "2. publish (Release)"
    publish_app
    say "3. site A: demo content + $ARTICLES synthetic articles; site B: the demo content"
    rm -rf "$DATA" "$TEMPLATE"
    mkdir -p "$DATA"
    seed_app "$RESULTS/seed.txt" Visnyk__DataDirectory="$DATA"
    launch_app template $((PORT + 1)) Visnyk__DataDirectory="$TEMPLATE" Visnyk__DemoContent=true
    PIDS+=("$LAUNCHED")
    wait_for_search "$LAUNCHED" "http://$HOST:$((PORT + 1))" "$RESULTS/app-template.log"
    stop_all
    cp -rn "$TEMPLATE/media/." "$DATA/media/"
    ( cd "$APP" && env Logging__LogLevel__Default="$LOG_LEVEL" Visnyk__DataDirectory="$DATA" \
        dotnet Visnyk.dll site create --host "$B_HOST" --name "Тестова громада 2" ) || die "site create failed"
    python3 "$ROOT/bench/make-sites.py" "$DATA/visnyk.db" "$TEMPLATE/visnyk.db" 2 's%04d.sites.test' 'Тестова громада %d' \
        || die "make-sites.py failed"
fi

# The flood: /search on site A with the fixed queries' single words, pages 1-3.
flood_lua=$RESULTS/flood.lua
{
    echo 'local words = {'
    # Percent-encoded: wrk sends the request line as given, and Cyrillic bytes in it are no URL.
    python3 -c 'import sys, urllib.parse
for line in open(sys.argv[1], encoding="utf-8"):
    kind, _, rest = line.rstrip("\n").partition("\t")
    if kind == "word":
        print("  \"%s\"," % urllib.parse.quote(rest.split("\t")[0]))' "$ROOT/bench/search-queries.tsv"
    echo '}'
    cat <<'LUA'
request = function()
  local path = "/search?q=" .. words[math.random(#words)] .. "&page=" .. math.random(3)
  return wrk.format("GET", path)
end
LUA
} >"$flood_lua"
# The reader of site B: three pages in turn; prints p50 and p95 (ms) and the non-2xx count.
reader_lua=$RESULTS/reader.lua
cat >"$reader_lua" <<LUA
local paths = { "/", "/news", "/search?q=%D0%B3%D1%80%D0%BE%D0%BC%D0%B0%D0%B4%D0%B8" }
local i = 0
wrk.headers["Host"] = "$B_HOST"
request = function()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end
done = function(summary, latency, requests)
  local bad = summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format("READER %.2f %.2f %d %d\n", latency:percentile(50) / 1000, latency:percentile(95) / 1000, summary.requests, bad))
end
LUA

reader() { # $1 label -> "p50 p95 requests errors"
    wrk -t1 -c1 -d"$DURATION" --timeout 10s -s "$reader_lua" "$BASE/" >"$RESULTS/reader-$1.txt" 2>&1 || die "wrk (reader) failed"
    awk '$1 == "READER" { print $2, $3, $4, $5 }' "$RESULTS/reader-$1.txt"
}

run() { # $1 label (limits|no-limits), then configuration
    local label=$1 alone flooded flood_pid
    shift
    wait_for_quiet
    launch_app "$label" "$PORT" Visnyk__DataDirectory="$DATA" Visnyk__DemoContent=false Visnyk__OutputCache=false ${BENCH_APP_ENV:-} "$@"
    APP_PID=$LAUNCHED
    PIDS+=("$APP_PID")
    wait_for_search "$APP_PID" "$BASE" "$RESULTS/app-$label.log"
    [[ $(curl -s -o /dev/null -w '%{http_code}' -H "Host: $B_HOST" "$BASE/news") == 200 ]] || die "site B's /news does not answer 200"
    [[ $(curl -s -o /dev/null -w '%{http_code}' -H "Host: localhost" "$BASE/news") == 200 ]] || die "site A's /news does not answer 200"
    wrk -t1 -c1 -d"$WARMUP" -s "$reader_lua" "$BASE/" >/dev/null 2>&1
    alone=$(reader "$label-alone")
    wrk -t"$FLOOD_THREADS" -c"$FLOOD_CONNS" -d"$WARMUP" --timeout 10s -H "Host: localhost" -s "$flood_lua" "$BASE/" >/dev/null 2>&1
    wrk -t"$FLOOD_THREADS" -c"$FLOOD_CONNS" -d"$(( ${DURATION%s} + 4 ))s" --timeout 10s -H "Host: localhost" -s "$flood_lua" --latency "$BASE/" \
        >"$RESULTS/flood-$label.txt" 2>&1 &
    flood_pid=$!
    sleep 2 # the flood at full strength before the reader starts
    flooded=$(reader "$label-flooded")
    wait "$flood_pid" || die "wrk (flood) failed"
    stop_all
    local flood_rps flood_bad
    flood_rps=$(awk '/^Requests\/sec:/ { print $2 }' "$RESULTS/flood-$label.txt")
    flood_bad=$(awk '/Non-2xx/ { print $NF }' "$RESULTS/flood-$label.txt")
    read -r a50 a95 an ae <<<"$alone"
    read -r f50 f95 fn fe <<<"$flooded"
    local ratio verdict
    ratio=$(awk -v a="$a95" -v f="$f95" 'BEGIN { printf "%.2f", f / a }')
    verdict=$(awk -v r="$ratio" -v t="$TARGET" 'BEGIN { print (r <= t ? "PASS" : "BELOW") }')
    printf '%-10s B alone p50 %6.2f ms p95 %6.2f ms (%s req, %s errors) | A flooded (%s req/s, %s non-2xx): B p50 %6.2f ms p95 %6.2f ms (%s req, %s errors) | p95 ratio %s (target <= %s) %s\n' \
        "$label" "$a50" "$a95" "$an" "$ae" "$flood_rps" "${flood_bad:-0}" "$f50" "$f95" "$fn" "$fe" "$ratio" "$TARGET" \
        "$([[ $label == limits ]] && echo "$verdict" || echo "(reference)")" | tee -a "$RESULTS/summary.txt"
}

rm -f "$RESULTS/summary.txt"
say "4. with the per-site limits (default)"
run limits
say "5. without them (Visnyk__Sites__Limits__Enabled=false)"
run no-limits Visnyk__Sites__Limits__Enabled=false
say "summary ($RESULTS/summary.txt)"
cat "$RESULTS/summary.txt"
