#!/usr/bin/env bash
# Page benchmark: publishes Visnyk in Release, seeds 10,000 synthetic articles (plus the demo
# content, so the reference article and its English version exist) and measures /, an article, its English version, /news?page=5, a tag and a
# page of the site tree with wrk, each beside the static ceiling: the same article's HTML served as a static file
# by the same Kestrel process (from the media folder, /media/...), measured in the same run.
# Two runs of the app: warm (output cache on) and cold (output cache off: every request renders).
# Helpers in bench/lib.sh; bench/cluster.sh measures the same pages on PostgreSQL + Redis and
# with two instances behind nginx, beside this embedded set-up.
#
#   bench/pages.sh                 full run (publish, fresh seed, both runs), a few minutes
#   BENCH_REUSE=1 bench/pages.sh   reuse bench/out/app and bench/out/data from the last run
#   BENCH_BEFORE=REV bench/pages.sh   also publish the code at git revision REV (bench/out/app-before)
#                                  and measure it in the same run, on the same data, after each
#                                  mode's measurement of this tree: a before/after comparison of a change
#                                  (REV must read the same database schema as this tree)
#
# Tunables (environment): BENCH_PORT (default 5391), BENCH_THREADS (2), BENCH_CONNECTIONS (32),
# BENCH_DURATION (15s), BENCH_WARMUP (8s: long enough for the JIT to reach its optimised code), BENCH_ARTICLES (10000), BENCH_LOG_LEVEL (Warning),
# BENCH_LIST (/news?page=5).
# Exits non-zero when a step fails (build, seed, start, a non-200 response); a missed target
# only prints BELOW.
set -Eeuo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
OUT=$ROOT/bench/out
APP=$OUT/app
DATA=$OUT/data
RESULTS=$OUT/results
PORT=${BENCH_PORT:-5391}
HOST=127.0.0.1
BASE=http://$HOST:$PORT

started=$(date +%s)
APP_PID=

# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"
page_settings
stop_app() { stop_pid "$APP_PID"; APP_PID=; }
trap 'rc=$?; stop_app; [[ $rc -ne 0 ]] && echo "bench: stopped (exit $rc) after $(( $(date +%s) - started )) s" >&2; exit $rc' EXIT
trap 'die "line $LINENO: $BASH_COMMAND"' ERR
trap 'exit 130' INT TERM

# ---------------------------------------------------------------------------------------------
say "1. wrk"
need_wrk
echo "machine: $(nproc) cores; wrk -t$THREADS -c$CONNS -d$DURATION (warm-up $WARMUP) on $HOST:$PORT"

# ---------------------------------------------------------------------------------------------
mkdir -p "$OUT" "$RESULTS"
if [[ ${BENCH_REUSE:-0} == 1 && -f $APP/Visnyk.dll && -f $DATA/visnyk.db ]]; then
    say "2-3. reusing $APP and $DATA (BENCH_REUSE=1)"
else
    say "2. publish (Release)"
    publish_app

    say "3. seed: demo content + $ARTICLES synthetic articles"
    rm -rf "$DATA"
    mkdir -p "$DATA"
    seed_app "$RESULTS/seed.txt" Visnyk__DataDirectory="$DATA"
fi
BEFORE=${BENCH_BEFORE:-}
AFTER_APP=$APP
BEFORE_APP=$OUT/app-before
if [[ -n $BEFORE ]]; then
    say "2b. publish $BEFORE (Release) into $BEFORE_APP"
    rev=$(git -C "$ROOT" rev-parse --short "$BEFORE^{commit}") || die "no git revision $BEFORE"
    rm -rf "$OUT/before-src"
    mkdir -p "$OUT/before-src"
    git -C "$ROOT" archive "$rev" | tar -x -C "$OUT/before-src"
    dotnet publish "$OUT/before-src/src/Visnyk" -c Release -o "$BEFORE_APP.tmp" -nologo -v quiet || die "dotnet publish of $BEFORE failed"
    rm -rf "$BEFORE_APP"
    mv "$BEFORE_APP.tmp" "$BEFORE_APP"
    BEFORE=$rev
fi
du -sh "$DATA/visnyk.db" "$DATA/media" 2>/dev/null || true

# ---------------------------------------------------------------------------------------------
# App lifecycle
start_app() { # $1 = true|false (output cache)
    stop_app
    launch_app "cache-$1" "$PORT" Visnyk__DataDirectory="$DATA" Visnyk__DemoContent=true Visnyk__OutputCache="$1"
    APP_PID=$LAUNCHED
    wait_for_search "$APP_PID" "$BASE" "$RESULTS/app-cache-$1.log"
}

# ---------------------------------------------------------------------------------------------
ROWS=()
run_mode() { # $1 warm|cold, $2 the published app (default this tree's), $3 its name in the table
    local mode=$1 cache app=${2:-$AFTER_APP} name=${3:-}
    [[ $mode == warm ]] && cache=true || cache=false
    say "4-5. $mode run (Visnyk__OutputCache=$cache)${name:+, $name}"
    APP=$app
    start_app "$cache"
    check_cache_mode "$mode"

    measure_pages "$mode${name:+-before}" "$mode$name"
    stop_app
    APP=$AFTER_APP
}

say "pages"
start_app true
find_pages "$DATA/media"
stop_app
run_mode warm
[[ -n $BEFORE ]] && run_mode warm "$BEFORE_APP" " $BEFORE"
run_mode cold
[[ -n $BEFORE ]] && run_mode cold "$BEFORE_APP" " $BEFORE"

# ---------------------------------------------------------------------------------------------
say "6. results ($(nproc) cores, wrk -t$THREADS -c$CONNS -d$DURATION, logging $LOG_LEVEL)"
{
    echo "article  = $ARTICLE"
    echo "tag      = $TAG"
    [[ -n $RARE_TAG ]] && echo "rare tag = $RARE_TAG"
    [[ -n $SITE_PAGE ]] && echo "site page = $SITE_PAGE"
    [[ -n $DOCUMENT ]] && echo "document = $DOCUMENT"
    [[ -n $EN_ARTICLE ]] && echo "en article = $EN_ARTICLE"
    echo "static   = $STATIC (the article's HTML saved as a file, served by the same Kestrel process)"
    echo
    [[ -n $BEFORE ]] && echo "mode \"… $BEFORE\": the code at $BEFORE (before), on the same data in the same run; plain mode: this tree"
    printf '%-15s | %-12s | %9s | %8s | %8s | %7s | %-12s | %s\n' page mode req/s "p50 ms" "p99 ms" ratio target other
    printf '%s\n' "----------------+--------------+-----------+----------+----------+---------+--------------+------"
    for row in "${ROWS[@]}"; do
        IFS='|' read -r page mode nums ratio <<<"$row"
        read -r rps p50 p99 other <<<"$nums"
        target=""
        if [[ $page == "static ceiling" ]]; then
            target="(ceiling)"
        elif [[ $mode == warm* ]]; then
            target=$(awk -v r="$ratio" 'BEGIN { print (r >= 0.7 ? ">= 0.7 PASS" : ">= 0.7 BELOW") }')
        elif [[ $page == article || $page == "site page" || $page == document || $page == "en article" ]]; then
            target=$(awk -v r="$ratio" 'BEGIN { print (r >= 0.1 ? ">= 0.1 PASS" : ">= 0.1 BELOW") }')
        else
            target="(none)"
        fi
        printf '%-15s | %-12s | %9.0f | %8s | %8s | %7.3f | %-12s | %3s%%\n' "$page" "$mode" "$rps" "$p50" "$p99" "$ratio" "$target" "$other"
    done
    echo "other: CPU used by processes other than the app and wrk during the measurement, % of all cores"
    echo "(above ~5% the machine was shared and the figures are depressed; rerun on a quiet machine)"
    echo
    awk -v p="$ART_PLAIN" -v b="$ART_BR" -v g="$ART_GZ" 'BEGIN {
        printf "article page HTML transferred: %d bytes plain (%.1f KB), %d bytes br (%.1f KB), %d bytes gzip (%.1f KB); target <= 50 KB: %s\n",
            p, p / 1024, b, b / 1024, g, g / 1024, (b <= 50 * 1024 ? "PASS (br)" : "BELOW") }'
    [[ -f $RESULTS/seed.txt ]] && cat "$RESULTS/seed.txt"
    echo "total: $(( $(date +%s) - started )) s; raw wrk output in ${RESULTS#"$ROOT/"}/"
} | tee "$RESULTS/table.txt"
