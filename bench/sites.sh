#!/usr/bin/env bash
# Many sites on one instance (issue 21): the 10,000-article site of bench/pages.sh alone, and the
# same site beside 1,499 more with the demo content each (1,500 sites). Measures the process's
# memory per idle site ((many - single) / 1,499; target <= 64 KB) and the pages' warm and cold
# req/s on both installations, each page on one and then at once on the other, BENCH_ROUNDS times
# (target: the many-site figures within 10% of the single-site ones, as the median of those pairs).
# Helpers in bench/lib.sh; the sites are written by bench/make-sites.py.
#
#   bench/sites.sh                   full run (publish, seed, 1,500 sites, ~35 min on 2 cores)
#   BENCH_REUSE=1 bench/sites.sh     keep bench/out/sites-app and the data of the last run
#   BENCH_SITES=100 BENCH_ARTICLES=1000 BENCH_DURATION=3s BENCH_WARMUP=2s BENCH_EXPIRY=0 bench/sites.sh   a short trial
#
# Tunables (environment): BENCH_SITES (1500), BENCH_PORT (5380; the single-site app, then +1 the
# many-site app, +2 and +3 their cold runs, +4 the template), BENCH_SETTLE (30 s between the last
# request and the first memory sample), BENCH_EXPIRY (690 s: from the touch of every site to the
# "idle" memory sample, past SiteCache.Idle and its sweep; 0 skips that sample), BENCH_MEM_WARMUP
# (5s of wrk per page before the memory samples), and those of bench/pages.sh (BENCH_THREADS,
# BENCH_CONNECTIONS, BENCH_DURATION, BENCH_WARMUP, BENCH_ARTICLES, BENCH_LOG_LEVEL, BENCH_LIST,
# BENCH_IDLE_WAIT). BENCH_SQL: statements run on copies of both databases (then ANALYZE) before
# measuring, e.g. an index to try before writing its migration; results in bench/out/sites-results-sql.
# BENCH_APP_ENV: environment assignments for every app started (e.g. DOTNET_gcServer=0);
# BENCH_RATIOS=0: the memory samples only, no page measurements; BENCH_ROUNDS (3): rounds of the
# page pairs; BENCH_RESULTS: another results folder.
# Exits non-zero when a step fails; a missed target (and wrk's timeouts) only prints BELOW.
set -Eeuo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
OUT=$ROOT/bench/out
APP=$OUT/sites-app
DATA=$OUT/sites
SINGLE=$DATA/single
MANY=$DATA/many
TEMPLATE=$DATA/template
RESULTS=${BENCH_RESULTS:-$OUT/sites-results${BENCH_SQL:+-sql}}
PORT=${BENCH_PORT:-5380}
HOST=127.0.0.1
SITES=${BENCH_SITES:-1500}
SETTLE=${BENCH_SETTLE:-30}
EXPIRY=${BENCH_EXPIRY:-690}
MEM_WARMUP=${BENCH_MEM_WARMUP:-5s}
SAMPLES=5
# Hosts and names of sites 2..N (printf formats, shared with make-sites.py).
HOST_FORMAT=s%04d.sites.test
NAME_FORMAT='Тестова громада %d'
BUDGET_KB=64
RATIO_MARGIN=0.10

started=$(date +%s)
APP_PID=
PIDS=()

# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"
page_settings
# A page that times out under load is a finding here, not a broken run: noted, and its req/s kept.
check_wrk() {
    if grep -q 'Non-2xx' "$1"; then
        cat "$1" >&2
        die "$2: wrk saw non-2xx/3xx responses"
    fi
    if grep -q 'Socket errors' "$1"; then
        grep -Eq 'connect 0, read 0, write 0, timeout [0-9]+' "$1" || { cat "$1" >&2; die "$2: wrk saw socket errors"; }
        echo "note: $2: $(grep -o 'timeout [0-9]*' "$1") requests timed out (wrk --timeout 10s)" | tee -a "$RESULTS/notes.txt" >&2
    fi
}
stop_all() { local pid; for pid in "${PIDS[@]}"; do kill -CONT "$pid" 2>/dev/null || true; stop_pid "$pid"; done; PIDS=(); }
trap 'rc=$?; stop_all; [[ $rc -ne 0 ]] && echo "bench: stopped (exit $rc) after $(( $(date +%s) - started )) s" >&2; exit $rc' EXIT
trap 'die "line $LINENO: $BASH_COMMAND"' ERR
trap 'exit 130' INT TERM

# ---------------------------------------------------------------------------------------------
say "1. tools"
need_wrk
for tool in sqlite3 python3; do command -v $tool >/dev/null || die "$tool is missing"; done
(cd "$ROOT" && dotnet tool restore --disable-parallel >/dev/null) || die "dotnet tool restore failed"
gcdump() { (cd "$ROOT" && dotnet tool run dotnet-gcdump -- "$@"); }
echo "machine: $(nproc) cores; $SITES sites; wrk -t$THREADS -c$CONNS -d$DURATION (warm-up $WARMUP)"
(( SITES >= 2 )) || die "BENCH_SITES must be 2 or more"

# ---------------------------------------------------------------------------------------------
mkdir -p "$OUT" "$RESULTS" "$DATA"
sites_in() { sqlite3 -batch -cmd '.timeout 10000' "$1" 'SELECT count(*) FROM "Sites"' 2>/dev/null || echo 0; }
if [[ ${BENCH_REUSE:-0} == 1 && -f $APP/Visnyk.dll && -f $SINGLE/visnyk.db && -f $MANY/visnyk.db && $(sites_in "$MANY/visnyk.db") == "$SITES" ]]; then
    say "2-3. reusing $APP and $DATA (BENCH_REUSE=1)"
else
    say "2. publish (Release)"
    publish_app

    say "3a. the single site: demo content + $ARTICLES synthetic articles"
    rm -rf "$SINGLE" "$MANY" "$TEMPLATE" "$SINGLE-cold-search" "$MANY-cold-search"
    mkdir -p "$SINGLE"
    seed_app "$RESULTS/seed.txt" Visnyk__DataDirectory="$SINGLE"

    # The demo content as the app writes it when it starts on an empty data folder (site 1 only).
    say "3b. the template: the demo content alone"
    launch_app template $((PORT + 4)) Visnyk__DataDirectory="$TEMPLATE" Visnyk__DemoContent=true
    PIDS+=("$LAUNCHED")
    wait_for_search "$LAUNCHED" "http://$HOST:$((PORT + 4))" "$RESULTS/app-template.log"
    stop_all

    say "3c. the many sites: the single site + $(( SITES - 1 )) with the demo content"
    t0=$(date +%s.%N)
    mkdir -p "$MANY"
    # The single site's database as it is (sqlite3's backup: consistent, write-ahead log included)
    # and its media; the template's photos too (files are shared by key, whichever site shows them).
    sqlite3 -batch "$SINGLE/visnyk.db" ".backup '$MANY/visnyk.db'"
    cp -r "$SINGLE/media" "$MANY/media"
    cp -rn "$TEMPLATE/media/." "$MANY/media/"
    # Site 2 through the command line, so the registry rows are the app's own; the rest copied.
    ( cd "$APP" && env Logging__LogLevel__Default="$LOG_LEVEL" Visnyk__DataDirectory="$MANY" \
        dotnet Visnyk.dll site create --host "$(printf "$HOST_FORMAT" 2)" --name "$(printf "$NAME_FORMAT" 2)" ) || die "site create failed"
    python3 "$ROOT/bench/make-sites.py" "$MANY/visnyk.db" "$TEMPLATE/visnyk.db" "$SITES" "$HOST_FORMAT" "$NAME_FORMAT" || die "make-sites.py failed"
    awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "many sites written in %.1f s\n", b - a }' | tee -a "$RESULTS/seed.txt"
fi
if [[ -n ${BENCH_SQL:-} ]]; then
    say "3d. BENCH_SQL on copies of both databases, then ANALYZE"
    for copy in single many; do
        rm -rf "$DATA/$copy-sql" "$DATA/$copy-sql-cold-search"
        cp -r "$DATA/$copy" "$DATA/$copy-sql"
        rm -rf "$DATA/$copy-sql/search"
        sqlite3 -batch "$DATA/$copy-sql/visnyk.db" "$BENCH_SQL" "ANALYZE;" || die "BENCH_SQL failed on $copy"
    done
    SINGLE=$DATA/single-sql
    MANY=$DATA/many-sql
fi
rm -f "$RESULTS/notes.txt"
du -sh "$SINGLE/visnyk.db" "$MANY/visnyk.db" "$MANY/media" 2>/dev/null || true

# ---------------------------------------------------------------------------------------------
# Apps: "single" and "many", warm (output cache on) or cold (off); each cold run has a search
# index folder of its own, as the warm one of the same data may still be running.
start_app() { # $1 single|many, $2 warm|cold, $3 port; sets LAUNCHED
    local data cache=true extra=()
    [[ $1 == single ]] && data=$SINGLE || data=$MANY
    [[ $2 == cold ]] && { cache=false; extra=(Visnyk__SearchIndexDirectory="$data-cold-search"); }
    # shellcheck disable=SC2086 # BENCH_APP_ENV: a list of assignments
    launch_app "$1-$2" "$3" Visnyk__DataDirectory="$data" Visnyk__DemoContent=true Visnyk__OutputCache="$cache" "${extra[@]}" ${BENCH_APP_ENV:-}
    PIDS+=("$LAUNCHED")
}
stop_one() { # $1 pid
    stop_pid "$1"
    local kept=() pid
    for pid in "${PIDS[@]}"; do [[ $pid == "$1" ]] || kept+=("$pid"); done
    PIDS=("${kept[@]}")
}

host_of() { printf "$HOST_FORMAT" "$1"; }

# One GET / on every site but the first, by its host (one curl for all: a config of 1,499
# transfers, each connected to the app's port), so that each site's chrome and latest news are
# loaded and its home page rendered once. Every answer must be 200.
touch_sites() { # $1 port
    local config=$RESULTS/touch.curl codes t0 s
    for s in $(seq 2 "$SITES"); do printf 'url = "http://%s/"\noutput = "/dev/null"\n' "$(host_of "$s")"; done >"$config"
    t0=$(date +%s.%N)
    codes=$(curl -s -K "$config" --connect-to "::$HOST:$1" -m 60 -w '%{http_code}\n' | sort | uniq -c | awk '{ print $2 ":" $1 }' | tr '\n' ' ')
    [[ $codes == "200:$(( SITES - 1 )) " ]] || die "touching the sites: answers by status $codes (expected 200:$(( SITES - 1 )))"
    awk -v a="$t0" -v b="$(date +%s.%N)" -v n="$(( SITES - 1 ))" 'BEGIN { printf "touched %d sites (GET /, one each) in %.1f s: %.1f ms a site\n", n, b - a, (b - a) * 1000 / n }'
    # A site is itself: its own name, and its own news (the newest article's page answers on its host only).
    s=$SITES
    local page link
    page=$(curl -s -m 10 --connect-to "::$HOST:$1" "http://$(host_of "$s")/")
    grep -q "$(printf "$NAME_FORMAT" "$s")" <<<"$page" || die "site $s's home page does not show its name"
    link=$(grep -o 'href="/news/[0-9][^"?#]*"' <<<"$page" | head -1 | cut -d'"' -f2)
    [[ -n $link && $(curl -s -o /dev/null -m 10 -w '%{http_code}' --connect-to "::$HOST:$1" "http://$(host_of "$s")$link") == 200 ]] \
        || die "site $s: its newest article ($link) does not answer 200"
    [[ $(curl -s -o /dev/null -m 10 -w '%{http_code}' "http://$HOST:$1$link") == 404 ]] || die "site $s's article $link answers on site 1"
}

# Memory of a running app, after a full blocking GC (dotnet-gcdump collect induces one, and its
# dump says by type what the managed heap holds): the median of SAMPLES samples 2 s apart of
# VmRSS, RssAnon and RssFile (/proc/PID/status) and of the GC heap after that collection (sum of
# dotnet_gc_last_collection_heap_size_bytes over the generations) and the memory the GC has
# committed (dotnet_gc_last_collection_memory_committed_size_bytes), both from the app's /metrics.
# Sets MEM[$1] to "rss anon file heap committed" in KB.
declare -A MEM
sample_memory() { # $1 name, $2 pid, $3 port
    local name=$1 pid=$2 port=$3 i
    gcdump collect -p "$pid" -o "$RESULTS/$name.gcdump" >"$RESULTS/$name.gcdump.log" 2>&1 || { cat "$RESULTS/$name.gcdump.log" >&2; die "dotnet-gcdump failed"; }
    gcdump report "$RESULTS/$name.gcdump" >"$RESULTS/$name-heap.txt" 2>&1 || true
    sleep 5
    for i in $(seq "$SAMPLES"); do
        awk '$1 == "VmRSS:" { r = $2 } $1 == "RssAnon:" { a = $2 } $1 == "RssFile:" { f = $2 } END { printf "%d %d %d ", r, a, f }' "/proc/$pid/status"
        curl -s -m 10 "http://$HOST:$port/metrics" | awk '
            /^dotnet_gc_last_collection_heap_size_bytes/ { h += $NF }
            /^dotnet_gc_last_collection_memory_committed_size_bytes/ { c = $NF }
            END { printf "%d %d\n", h / 1024, c / 1024 }'
        sleep 2
    done >"$RESULTS/$name-memory.txt"
    MEM[$name]=$(for i in 1 2 3 4 5; do cut -d' ' -f"$i" "$RESULTS/$name-memory.txt" | sort -n | awk '{ v[NR] = $1 } END { printf "%d ", v[int((NR + 1) / 2)] }'; done)
    read -r rss anon file heap committed <<<"${MEM[$name]}"
    printf '  %-14s VmRSS %7d KB  RssAnon %7d KB  RssFile %7d KB  GC heap %7d KB  GC committed %7d KB\n' "$name" "$rss" "$anon" "$file" "$heap" "$committed"
}

# The managed heap's growth by type from one app's dump to another's, from dotnet-gcdump's report.
# Its counts are exact; its byte column is one object's size per type (arrays and strings are
# split into size classes, added up here), so bytes = count x that size, an estimate.
heap_growth() { # $1 single's report, $2 many's report
    awk -v n="$(( SITES - 1 ))" '
        FNR == 1 { side++ }
        /Object Bytes/ { on[side] = 1; next }
        on[side] && NF >= 3 && $1 ~ /^[0-9,]+$/ {
            b = $1; c = $2; gsub(",", "", b); gsub(",", "", c); $1 = ""; $2 = ""; t = $0
            sub(/^ +/, "", t); sub(/ \(Bytes > [0-9]+K\)/, "", t); sub(/ +\[[^]]*\]$/, "", t)
            sign = side == 1 ? -1 : 1
            bytes[t] += sign * b * c; count[t] += sign * c
        }
        END { for (t in bytes) if (bytes[t] > 0) printf "%12d %9d %8.1f %8.0f  %s\n", bytes[t], count[t], count[t] / n, bytes[t] / n, t }' "$1" "$2" \
        | sort -rn | awk -v n="${BENCH_HEAP_TYPES:-20}" 'NR <= n'
}

warm_up() { # $1 port: the same fixed load on every page of site 1 (wrk, MEM_WARMUP each)
    local label
    for label in static $(page_labels); do
        wrk -t"$THREADS" -c"$CONNS" -d"$MEM_WARMUP" --timeout 10s "http://$HOST:$1$(page_path "$label")" >"$RESULTS/memory-warmup-$1-$label.txt" 2>&1 \
            || die "wrk warm-up failed"
        check_wrk "$RESULTS/memory-warmup-$1-$label.txt" "$(page_path "$label") (memory warm-up)"
    done
}

measured_pids() { echo "$APP_PID"; }
ROWS=()

# ---------------------------------------------------------------------------------------------
say "4. memory: both apps (output cache on), the same warm-up on site 1; every site of the many touched once"
start_app single warm "$PORT"; SINGLE_PID=$LAUNCHED
start_app many warm $((PORT + 1)); MANY_PID=$LAUNCHED
wait_for_search "$SINGLE_PID" "http://$HOST:$PORT" "$RESULTS/app-single-warm.log"
wait_for_search "$MANY_PID" "http://$HOST:$((PORT + 1))" "$RESULTS/app-many-warm.log"
BASE=http://$HOST:$PORT
find_pages "$SINGLE/media"
pages_single="$ARTICLE $TAG $RARE_TAG"
BASE=http://$HOST:$((PORT + 1))
find_pages "$MANY/media" >/dev/null
[[ "$ARTICLE $TAG $RARE_TAG" == "$pages_single" ]] || die "site 1 differs between the single and the many installation ($pages_single / $ARTICLE $TAG $RARE_TAG)"
warm_up "$PORT"
warm_up $((PORT + 1))
touch_sites $((PORT + 1))
touched_at=$(date +%s)
sleep "$SETTLE"
echo "memory ${SETTLE} s after the last request:"
sample_memory single-touched "$SINGLE_PID" "$PORT"
sample_memory many-touched "$MANY_PID" $((PORT + 1))

# ---------------------------------------------------------------------------------------------
# Single and many are measured in turn, each page on one then at once on the other (the other app
# stopped with SIGSTOP meanwhile), ROUNDS times. Measured minutes apart, the two would differ by
# this machine's drift alone (a static ceiling 19% apart between two consecutive runs, more than the
# 10% being judged); back to back, a page's many/single req/s is a pair measured under the same
# conditions, and the change judged is the median of those pairs over the rounds.
ROUNDS=${BENCH_ROUNDS:-3}
declare -A PAIRS
interleaved() { # $1 warm|cold, $2 single pid, $3 its port, $4 many pid, $5 its port
    local mode=$1 round label side pid port other r
    local -A static rps
    for round in $(seq 1 "$ROUNDS"); do
        echo "$mode, round $round of $ROUNDS"
        wait_for_quiet
        for label in static $(page_labels); do
            for side in single many; do
                if [[ $side == single ]]; then pid=$2 port=$3 other=$4; else pid=$4 port=$5 other=$2; fi
                kill -STOP "$other"
                kill -CONT "$pid"
                APP_PID=$pid
                BASE=http://$HOST:$port
                [[ $label == static ]] && check_cache_mode "$mode"
                r=$(measure "$side-$mode-$round-$label" "$(page_path "$label")")
                rps[$side]=${r%% *}
                [[ $label == static ]] && static[$side]=${rps[$side]}
                ROWS+=("$(display "$label")|$side $mode#$round|$r|$(awk -v a="${rps[$side]}" -v b="${static[$side]}" 'BEGIN { printf "%.4f", a / b }')")
            done
            PAIRS[$mode|$(display "$label")]+="$(awk -v a="${rps[many]}" -v b="${rps[single]}" 'BEGIN { printf "%.4f", a / b }') "
            printf '  %-34s %10s %10s req/s (single, many)\n' "$(display "$label")" "${rps[single]}" "${rps[many]}"
        done
    done
    kill -CONT "$2" "$4"
}

median() { tr ' ' '\n' | grep . | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

# The rows of the rounds ("page|side mode#N|nums|ratio"), one per page and side: the round with the
# median ratio (for the ceiling, whose ratio is 1: the median req/s). Every round's req/s go to the notes.
median_rows() {
    local -A rounds
    local kept=() row page mode nums ratio key
    for row in "${ROWS[@]}"; do
        IFS='|' read -r page mode nums ratio <<<"$row"
        if [[ $mode == *'#'* ]]; then rounds[$page|${mode%#*}]+="$ratio|$nums"$'\n'; else kept+=("$row"); fi
    done
    for key in "${!rounds[@]}"; do
        IFS='|' read -r ratio nums < <(printf '%s' "${rounds[$key]}" | sort -t'|' -k1,1g -k2,2g | awk -v n="$ROUNDS" 'NR == int((n + 1) / 2)')
        kept+=("${key%%|*}|${key#*|}|$nums|$ratio")
        echo "rounds: ${key#*|}, ${key%%|*}: $(printf '%s' "${rounds[$key]}" | awk -F'|' '{ split($2, x, " "); printf "%s%.0f", (NR > 1 ? " / " : ""), x[1] }') req/s" >>"$RESULTS/rounds.txt"
    done
    ROWS=("${kept[@]}")
}
rm -f "$RESULTS/rounds.txt"

# The cold runs fill the wait for the sites to become idle (the warm apps are left alone meanwhile).
RATIOS=${BENCH_RATIOS:-1}
if [[ $RATIOS == 1 ]]; then
    say "5. cold runs (Visnyk__OutputCache=false): single and many in turn, $ROUNDS rounds"
    start_app single cold $((PORT + 2)); COLD_SINGLE=$LAUNCHED
    start_app many cold $((PORT + 3)); COLD_MANY=$LAUNCHED
    wait_for_search "$COLD_SINGLE" "http://$HOST:$((PORT + 2))" "$RESULTS/app-single-cold.log"
    wait_for_search "$COLD_MANY" "http://$HOST:$((PORT + 3))" "$RESULTS/app-many-cold.log"
    touch_sites $((PORT + 3))
    interleaved cold "$COLD_SINGLE" $((PORT + 2)) "$COLD_MANY" $((PORT + 3))
    stop_one "$COLD_SINGLE"
    stop_one "$COLD_MANY"
fi

if (( EXPIRY > 0 )); then
    left=$(( touched_at + EXPIRY - $(date +%s) ))
    say "6. memory once every site is idle ($EXPIRY s after the touch; SiteCache drops a site's entries after 10 min)"
    (( left > 0 )) && { echo "waiting ${left} s"; sleep "$left"; }
    idle_after=$(( $(date +%s) - touched_at ))
    sample_memory single-idle "$SINGLE_PID" "$PORT"
    sample_memory many-idle "$MANY_PID" $((PORT + 1))
fi

# ---------------------------------------------------------------------------------------------
if [[ $RATIOS == 1 ]]; then
    say "7. warm runs (Visnyk__OutputCache=true): the apps of the memory samples, in turn, $ROUNDS rounds"
    interleaved warm "$SINGLE_PID" "$PORT" "$MANY_PID" $((PORT + 1))
    median_rows
fi
stop_all

# ---------------------------------------------------------------------------------------------
say "8. results ($(nproc) cores, $SITES sites, wrk -t$THREADS -c$CONNS -d$DURATION, logging $LOG_LEVEL)"
{
    echo "article  = $ARTICLE"
    echo "tag      = $TAG"
    [[ -n $RARE_TAG ]] && echo "rare tag = $RARE_TAG"
    echo "static   = $STATIC (the article's HTML saved as a file, served by the same Kestrel process)"
    echo
    echo "Memory: single = site 1 alone; many = site 1 + $(( SITES - 1 )) sites with the demo content; after a full GC (dotnet-gcdump), median of $SAMPLES samples"
    echo "per site = (many - single) / $(( SITES - 1 )); target <= $BUDGET_KB KB per idle site (judged on VmRSS)"
    printf '%-9s | %-12s | %10s | %10s | %10s | %s\n' state measure "single KB" "many KB" "per site" target
    printf '%s\n' "----------+--------------+------------+------------+------------+-------------"
    names=(VmRSS RssAnon RssFile "GC heap" "GC committed")
    for state in touched idle; do
        [[ -n ${MEM[single-$state]:-} ]] || continue
        read -ra one <<<"${MEM[single-$state]}"
        read -ra all <<<"${MEM[many-$state]}"
        for i in 0 1 2 3 4; do
            per=$(awk -v a="${all[$i]}" -v b="${one[$i]}" -v n="$(( SITES - 1 ))" 'BEGIN { printf "%.1f", (a - b) / n }')
            target=""
            [[ $i == 0 ]] && target=$(awk -v p="$per" -v t="$BUDGET_KB" 'BEGIN { print (p <= t ? "<= " t " PASS" : "<= " t " BELOW") }')
            printf '%-9s | %-12s | %10d | %10d | %7s KB | %s\n' "$state" "${names[$i]}" "${one[$i]}" "${all[$i]}" "$per" "$target"
        done
    done
    echo "touched: ${SETTLE} s after one GET / on every site${idle_after:+; idle: $idle_after s after it (SiteCache.Idle is 10 min, swept every minute)}"
    for state in touched idle; do
        [[ -s $RESULTS/many-$state-heap.txt ]] || continue
        echo
        echo "Managed heap, many - single ($state): the types that grew most (dotnet-gcdump report: objects reachable at the dump;"
        echo "bytes estimated as count x the report's size of one object)"
        printf '%12s %9s %8s %8s  %s\n' "~bytes" objects "obj/site" "~B/site" type
        heap_growth "$RESULTS/single-$state-heap.txt" "$RESULTS/many-$state-heap.txt"
    done
    if [[ $RATIOS == 1 ]]; then
        echo
        echo "Pages of site 1: ratio to the static ceiling of the same round; many against single, target: at most $(awk -v m="$RATIO_MARGIN" 'BEGIN { print m * 100 }')% lower"
        printf '%-15s | %-4s | %9s | %9s | %9s | %9s | %8s | %-10s | %s\n' page mode "single/s" "many/s" "single" "many" change target other
        printf '%s\n' "----------------+------+-----------+-----------+-----------+-----------+----------+------------+---------"
        declare -A NUMS RATIO
        for row in "${ROWS[@]}"; do
            IFS='|' read -r page mode nums ratio <<<"$row"
            NUMS[$mode|$page]=$nums
            RATIO[$mode|$page]=$ratio
        done
        for mode in warm cold; do
            for label in static $(page_labels); do
                page=$(display "$label")
                read -r rps _ _ other <<<"${NUMS[single $mode|$page]}"
                read -r many_rps _ _ many_other <<<"${NUMS[many $mode|$page]}"
                ratio=${RATIO[single $mode|$page]}
                many_ratio=${RATIO[many $mode|$page]}
                pair=$(median <<<"${PAIRS[$mode|$page]}")
                change=$(awk -v p="$pair" 'BEGIN { printf "%+.1f%%", (p - 1) * 100 }')
                if [[ $page == "static ceiling" ]]; then
                    target="(ceiling)"
                else
                    target=$(awk -v p="$pair" -v m="$RATIO_MARGIN" 'BEGIN { print (p >= 1 - m ? "PASS" : "BELOW") }')
                fi
                printf '%-15s | %-4s | %9.0f | %9.0f | %9.3f | %9.3f | %8s | %-10s | %s%% %s%%\n' "$page" "$mode" "$rps" "$many_rps" "$ratio" "$many_ratio" "$change" "$target" "$other" "$many_other"
            done
        done
        echo "single/s, many/s, ratios: the round with the median ratio; change: the median over $ROUNDS rounds of many/single req/s,"
        echo "each pair measured back to back (the judged figure: the ceilings of both are the same code and differ by noise)"
        echo "other: CPU used by other processes during the single / many measurement, % of all cores (above ~5%: figures depressed)"
    fi
    echo
    [[ -n ${BENCH_SQL:-} ]] && echo "BENCH_SQL (both databases): $BENCH_SQL"
    [[ -f $RESULTS/rounds.txt ]] && sort "$RESULTS/rounds.txt"
    [[ -f $RESULTS/notes.txt ]] && cat "$RESULTS/notes.txt"
    [[ -f $RESULTS/seed.txt ]] && cat "$RESULTS/seed.txt"
    echo "total: $(( $(date +%s) - started )) s; raw output in ${RESULTS#"$ROOT/"}/"
} | tee "$RESULTS/table.txt"
