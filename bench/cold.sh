#!/usr/bin/env bash
# Uncached speed (issue 16): what a crawler walking old articles, a layer-7 attack on search or
# the first minutes after a deployment meet. With the output cache off (every request renders),
# measures the home page, an article, /news?page=5, a tag, a rare tag and distinct searches in
# rotation, each as a ratio to the **bare-Kestrel reference**: a separate minimal ASP.NET Core
# app (bench/bare: UseStaticFiles and nothing else) serving a 7 KB HTML file, measured in the
# same run. The site's own static ceiling (the article's HTML through the site's whole pipeline,
# as in bench/pages.sh) is kept as a row. Then the start: the published app started
# BENCH_STARTS times on the same data (search index on disk), the median time from the process
# start to the first 200 on /, to the first /search answered by the index (before that the
# database answers it; the index opens with the words it knows and answers those before the
# dictionary has loaded), and until /readyz reports every search answerable (the dictionary
# loaded). And the app's peak RSS (VmHWM) over the cold mix.
#
#   bench/cold.sh                          full run: 10,000 and 100,000 articles (the 100,000 seed takes a while)
#   BENCH_SIZES=10000 bench/cold.sh        one size
#   BENCH_REUSE=1 bench/cold.sh            keep bench/out/cold-app and the seeded data of the last run
#   BENCH_PAGES=0 BENCH_SIZES=10000 BENCH_REUSE=1 bench/cold.sh   the starts alone
#
# Settings: BENCH_PORT (5393; the bare reference +1), BENCH_SIZES ("10000 100000"), BENCH_STARTS
# (5), BENCH_BARE_BYTES (7168), and those of pages.sh (BENCH_THREADS, BENCH_CONNECTIONS,
# BENCH_DURATION, BENCH_WARMUP, BENCH_LOG_LEVEL, BENCH_IDLE_WAIT).
# Targets (issue 16), × bare: article, list and tag >= 0.1; home >= 0.05; search >= 0.05 at 10,000
# and >= 0.02 at 100,000 with p99 < 50 ms; start: / < 1.5 s, /search < 2 s; RSS < 300 MB at 10,000.
# A missed target prints BELOW; a failed step (build, seed, a non-200 answer) stops the script.
set -Eeuo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
OUT=$ROOT/bench/out
APP=$OUT/cold-app
BARE=$OUT/bare-app
RESULTS=$OUT/cold-results
PORT=${BENCH_PORT:-5393}
BARE_PORT=$(( PORT + 1 ))
HOST=127.0.0.1
APP_BASE=http://$HOST:$PORT
BARE_BASE=http://$HOST:$BARE_PORT
SIZES=${BENCH_SIZES:-10000 100000}
STARTS=${BENCH_STARTS:-5}
BARE_BYTES=${BENCH_BARE_BYTES:-7168}
QUERIES=$ROOT/bench/search-queries.tsv

started=$(date +%s)
APP_PID=
BARE_PID=

# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"
page_settings
measured_pids() { echo "$APP_PID $BARE_PID"; }
stop_all() { stop_pid "$APP_PID"; APP_PID=; stop_pid "$BARE_PID"; BARE_PID=; }
trap 'rc=$?; stop_all; [[ $rc -ne 0 ]] && echo "bench: stopped (exit $rc) after $(( $(date +%s) - started )) s" >&2; exit $rc' EXIT
trap 'die "line $LINENO: $BASH_COMMAND"' ERR
trap 'exit 130' INT TERM

say "1. wrk"
need_wrk
echo "machine: $(nproc) cores; wrk -t$THREADS -c$CONNS -d$DURATION (warm-up $WARMUP); sizes: $SIZES"
mkdir -p "$OUT" "$RESULTS"

if [[ ${BENCH_REUSE:-0} == 1 && -f $APP/Visnyk.dll && -f $BARE/Bare.dll ]]; then
    say "2. reusing $APP and $BARE (BENCH_REUSE=1)"
else
    say "2. publish the site and the bare reference (Release)"
    publish_app
    rm -rf "$BARE"
    dotnet publish "$ROOT/bench/bare" -c Release -o "$BARE" -nologo -v quiet || die "dotnet publish of bench/bare failed"
fi

# Distinct searches in rotation: every query of search-queries.tsv as a /search address, in a wrk
# script; each wrk thread starts at its own place in the list.
SEARCH_SCRIPT=$RESULTS/search-rotation.lua
python3 - "$QUERIES" "$SEARCH_SCRIPT" <<'PY'
import sys, urllib.parse
paths = []
for line in open(sys.argv[1], encoding="utf-8"):
    line = line.rstrip("\n")
    if not line or line.startswith("#"):
        continue
    kind, words, params = (line.split("\t") + ["", ""])[:3]
    query = [("q", words)] if words else []
    query += urllib.parse.parse_qsl(params, keep_blank_values=True)
    paths.append("/search?" + urllib.parse.urlencode(query))
with open(sys.argv[2], "w", encoding="utf-8") as lua:
    lua.write("-- written by bench/cold.sh from bench/search-queries.tsv\nlocal paths = {\n")
    lua.writelines('  "%s",\n' % p for p in paths)
    lua.write("}\nlocal n = 0\n")
    lua.write("function init(args) math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16)); n = math.random(#paths) end\n")
    lua.write("function request() n = n % #paths + 1; return wrk.format(\"GET\", paths[n]) end\n")
print(f"{len(paths)} distinct searches in rotation")
PY
FIRST_SEARCH=$(grep -m1 '^  "' "$SEARCH_SCRIPT" | cut -d'"' -f2)

start_bare() { # $1 folder with bare.html; returns once it answers 200 (polled every ~10 ms, so its start can be timed)
    port_busy "$BARE_PORT" && die "port $BARE_PORT is already in use (set BENCH_PORT)"
    local t0
    t0=$(date +%s%N)
    ( cd "$BARE" && exec env ASPNETCORE_URLS="$BARE_BASE" ASPNETCORE_ENVIRONMENT=Production dotnet Bare.dll --root "$1" ) \
        >"$RESULTS/bare.log" 2>&1 &
    BARE_PID=$!
    until [[ $(curl -s -o /dev/null -m 2 -w '%{http_code}' "$BARE_BASE/bare.html" || true) == 200 ]]; do
        kill -0 "$BARE_PID" 2>/dev/null || { cat "$RESULTS/bare.log" >&2; die "the bare reference exited"; }
        (( $(date +%s%N) - t0 < 30000000000 )) || die "the bare reference did not answer within 30 s"
        sleep 0.01
    done
}

# Until the JIT has settled: a freshly started .NET process goes on recompiling its hot methods
# (tiered compilation) for tens of seconds under load, and a page measured meanwhile shows about
# half of what the same process serves a minute later. Rounds of a mixed load (the measured pages
# in turn, a search between any two) until a round compiles fewer than BENCH_JIT_QUIET methods, read from the
# app's own /metrics (dotnet_jit_compiled_methods_total); at most BENCH_JIT_ROUNDS rounds.
jit_methods() { curl -s -m 5 "$APP_BASE/metrics" | awk '/^dotnet_jit_compiled_methods_total/ { print $NF }'; }
settle_jit() {
    local mix=$RESULTS/mixed.lua round before after rps
    {
        echo "-- written by bench/cold.sh: the measured pages in turn, a search between any two"
        echo "local pages = {"
        for label in static $(page_labels); do echo "  \"$(page_path "$label")\","; done
        echo "}"
        echo "local searches = {"
        grep '^  "' "$SEARCH_SCRIPT"
        echo "}"
        echo "local n, m, page = 0, 0, false"
        echo 'function init(args) m = math.random(#searches) end'
        echo 'function request()'
        echo '  page = not page'
        echo '  if page then n = n % #pages + 1; return wrk.format("GET", pages[n]) end'
        echo '  m = m % #searches + 1; return wrk.format("GET", searches[m])'
        echo 'end'
    } >"$mix"
    for round in $(seq "${BENCH_JIT_ROUNDS:-24}"); do
        before=$(jit_methods)
        [[ -n $before ]] || die "no dotnet_jit_compiled_methods_total at $APP_BASE/metrics"
        rps=$(wrk -t"$THREADS" -c"$CONNS" -d5s -s "$mix" "$APP_BASE/" | awk '/^Requests\/sec/ { printf "%.0f", $2 }')
        after=$(jit_methods)
        echo "  settling round $round: $(( after - before )) methods compiled, $rps req/s (mixed)"
        (( after - before < ${BENCH_JIT_QUIET:-25} )) && return 0
    done
    echo "  note: the JIT was still compiling after ${BENCH_JIT_ROUNDS:-24} rounds" >&2
}

hwm_mb() { awk '/^VmHWM/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status"; }

ROWS=()   # "size|page|rps p50 p99 other|ratio"
RSS=()    # "size|peak MB"
row() { # $1 size, $2 page, $3 measurement, $4 bare req/s
    ROWS+=("$1|$2|$3|$(awk -v a="${3%% *}" -v b="$4" 'BEGIN { printf "%.4f", a / b }')")
    printf '  %-22s %10s req/s\n' "$2" "${3%% *}"
}

for size in $SIZES; do
    DATA=$OUT/cold-data-$size
    ARTICLES=$size
    if [[ ${BENCH_REUSE:-0} == 1 && -f $DATA/visnyk.db ]]; then
        say "3. $size articles: reusing $DATA"
    else
        say "3. $size articles: seed (demo content + $size synthetic)"
        rm -rf "$DATA"
        mkdir -p "$DATA"
        seed_app "$RESULTS/seed-$size.txt" Visnyk__DataDirectory="$DATA"
    fi

    BASE=$APP_BASE
    if [[ ${BENCH_PAGES:-1} == 1 ]]; then
        say "4. $size articles, output cache off"
        launch_app "cold-$size" "$PORT" Visnyk__DataDirectory="$DATA" Visnyk__DemoContent=true Visnyk__OutputCache=false
        APP_PID=$LAUNCHED
        wait_for_search "$APP_PID" "$BASE" "$RESULTS/app-cold-$size.log"
        find_pages "$DATA/media"
        check_cache_mode cold
        settle_jit
        mkdir -p "$RESULTS/bare-root"
        head -c "$BARE_BYTES" "$DATA/media/$STATIC_NAME" >"$RESULTS/bare-root/bare.html"
        start_bare "$RESULTS/bare-root"

        wait_for_quiet
        BASE=$BARE_BASE
        r=$(WARMUP=20s measure "$size-bare" /bare.html)   # a longer warm-up, as the site gets settle_jit
        bare_rps=${r%% *}
        row "$size" "bare Kestrel ($BARE_BYTES B)" "$r" "$bare_rps"
        BASE=$APP_BASE
        r=$(measure "$size-static" "$STATIC"); row "$size" "site static ceiling" "$r" "$bare_rps"
        for label in $(page_labels); do
            r=$(measure "$size-$label" "$(page_path "$label")"); row "$size" "$(display "$label")" "$r" "$bare_rps"
        done
        require_200 "$FIRST_SEARCH"
        r=$(WRK_SCRIPT=$SEARCH_SCRIPT measure "$size-search" /search); row "$size" "search (rotation)" "$r" "$bare_rps"
        RSS+=("$size|$(hwm_mb "$APP_PID")")
        stop_all
    fi

    if [[ $size == "${SIZES%% *}" ]]; then
        say "5. start: $STARTS starts on $size articles (output cache on, search index on disk)"
        : >"$RESULTS/starts.txt"
        : >"$RESULTS/start-phases.txt"
        # Not timed: one start that brings the index up to date with the data (built, if it is
        # missing or of another shape), so that every timed start finds it on disk.
        launch_app "start-0" "$PORT" Visnyk__DataDirectory="$DATA" Visnyk__DemoContent=true
        APP_PID=$LAUNCHED
        wait_for_search "$APP_PID" "$BASE" "$RESULTS/app-start-0.log"
        stop_all
        for i in $(seq "$STARTS"); do
            t0=$(date +%s%N)
            launch_app "start-$i" "$PORT" Visnyk__DataDirectory="$DATA" Visnyk__DemoContent=true Logging__LogLevel__Visnyk=Information
            APP_PID=$LAUNCHED
            home= search= indexed= ready=
            while [[ -z $home || -z $indexed || -z $ready ]]; do
                kill -0 "$APP_PID" 2>/dev/null || { tail -20 "$RESULTS/app-start-$i.log" >&2; die "the app exited during start-up"; }
                (( $(date +%s%N) - t0 < 120000000000 )) || die "no 200 on / and /search, or no ready index, within 120 s"
                [[ -z $home && $(curl -s -o /dev/null -m 1 -w '%{http_code}' "$BASE/" || true) == 200 ]] && home=$(( ($(date +%s%N) - t0) / 1000000 ))
                # /search answers 200 from the database ("Server-Timing: basic") until the index can
                # answer ("search"): the index opened with the words it knows, before the dictionary
                # has loaded; /readyz says when every search can be answered (the dictionary loaded).
                if [[ -z $indexed ]]; then
                    headers=$(curl -s -o /dev/null -D - -m 1 "$BASE$FIRST_SEARCH" || true)
                    now=$(( ($(date +%s%N) - t0) / 1000000 ))
                    if [[ $headers == "HTTP/1.1 200"* ]]; then
                        [[ -z $search ]] && search=$now
                        grep -qi '^server-timing: search;' <<<"$headers" && indexed=$now
                    fi
                fi
                [[ -z $ready ]] && search_ready "$BASE" 1 && ready=$(( ($(date +%s%N) - t0) / 1000000 ))
                sleep 0.01
            done
            echo "$home $search $ready $indexed" | tee -a "$RESULTS/starts.txt"
            # The app's own account of its start (Program.cs): services built, database ready, serving.
            grep -o 'Serving [0-9]* ms after the process started.*' "$RESULTS/app-start-$i.log" | tee -a "$RESULTS/start-phases.txt" || true
            stop_all
        done
        # The reference: the bare Kestrel app started as often, timed the same way (its first 200
        # on the static file); what any ASP.NET Core process takes here before doing anything of its own.
        say "5b. start of the bare reference: $STARTS starts"
        : >"$RESULTS/bare-starts.txt"
        mkdir -p "$RESULTS/bare-root"
        head -c "$BARE_BYTES" /dev/zero | tr '\0' 'x' >"$RESULTS/bare-root/bare.html"
        for i in $(seq "$STARTS"); do
            t0=$(date +%s%N)
            start_bare "$RESULTS/bare-root"
            echo $(( ($(date +%s%N) - t0) / 1000000 )) | tee -a "$RESULTS/bare-starts.txt"
            stop_all
        done
    fi
done

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

say "6. results ($(nproc) cores, wrk -t$THREADS -c$CONNS -d$DURATION, output cache off, logging $LOG_LEVEL)"
{
    echo "× bare: req/s over the bare-Kestrel reference's in the same run (bench/bare: UseStaticFiles, a $BARE_BYTES-byte HTML file)"
    echo "site static ceiling: the article's HTML served as a file through the site's own pipeline"
    echo
    printf '%-9s | %-24s | %9s | %8s | %8s | %7s | %-16s | %s\n' articles page req/s "p50 ms" "p99 ms" "× bare" target other
    printf '%s\n' "----------+--------------------------+-----------+----------+----------+---------+------------------+------"
    for entry in "${ROWS[@]}"; do
        IFS='|' read -r size page nums ratio <<<"$entry"
        read -r rps p50 p99 other <<<"$nums"
        case $page in
            "bare Kestrel"*) want= ;;
            article|/news*|tag) want=0.1 ;;
            /) want=0.05 ;;
            "search (rotation)") (( size >= 100000 )) && want=0.02 || want=0.05 ;;
            *) want= ;;
        esac
        target="(none)"
        if [[ -n $want ]]; then
            target=$(awk -v r="$ratio" -v w="$want" -v p="$p99" -v s="$page" 'BEGIN {
                ok = r >= w && (s !~ /^search/ || p < 50)
                printf ">= %s%s %s", w, (s ~ /^search/ ? ",p99<50" : ""), (ok ? "PASS" : "BELOW") }')
        fi
        [[ $page == "bare Kestrel"* ]] && target="(reference)"
        printf '%-9s | %-24s | %9.0f | %8s | %8s | %7.3f | %-16s | %3s%%\n' "$size" "$page" "$rps" "$p50" "$p99" "$ratio" "$target" "$other"
    done
    echo "other: CPU used by processes other than the measured ones and wrk, % of all cores (above ~5%: depressed figures)"
    echo
    for entry in "${RSS[@]}"; do
        IFS='|' read -r size mb <<<"$entry"
        note=""
        (( size <= 10000 )) && note=" (target < 300 MB: $( (( mb < 300 )) && echo PASS || echo BELOW))"
        echo "peak RSS (VmHWM) of the app serving $size articles through the cold mix: $mb MB$note"
    done
    if [[ -s $RESULTS/starts.txt ]]; then
        home=$(cut -d' ' -f1 "$RESULTS/starts.txt" | median)
        search=$(cut -d' ' -f4 "$RESULTS/starts.txt" | median)
        echo "start ($STARTS starts, ms from the process start to the first 200): $(cut -d' ' -f1 "$RESULTS/starts.txt" | tr '\n' ' ')on /, $(cut -d' ' -f4 "$RESULTS/starts.txt" | tr '\n' ' ')on /search answered by the index ($(cut -d' ' -f2 "$RESULTS/starts.txt" | tr '\n' ' ')by the index or the database)"
        awk -v h="$home" -v s="$search" 'BEGIN {
            printf "start median: / %d ms (target < 1500: %s), /search by the index %d ms (target < 2000: %s)\n", h, (h < 1500 ? "PASS" : "BELOW"), s, (s < 2000 ? "PASS" : "BELOW") }'
        echo "every search answerable (/readyz: the dictionary loaded; before that, only searches of words the index knows): $(cut -d' ' -f3 "$RESULTS/starts.txt" | tr '\n' ' ')ms, median $(cut -d' ' -f3 "$RESULTS/starts.txt" | median) ms"
        [[ -s $RESULTS/bare-starts.txt ]] && echo "start of the bare reference (first 200 on its static file): $(tr '\n' ' ' <"$RESULTS/bare-starts.txt")ms, median $(median <"$RESULTS/bare-starts.txt") ms"
        [[ -s $RESULTS/start-phases.txt ]] && echo "the app's own account of each start (Program.cs):" && sed 's/^/  /' "$RESULTS/start-phases.txt"
    fi
    echo "total: $(( $(date +%s) - started )) s; raw wrk output in ${RESULTS#"$ROOT/"}/"
} | tee "$RESULTS/table.txt"
