#!/usr/bin/env bash
# Page benchmark: publishes Visnyk in Release, seeds 10,000 synthetic articles (plus the demo
# content, so the reference article exists) and measures /, an article, /news?page=5 and a tag
# page with wrk, each beside the static ceiling: the same article's HTML served as a static file
# by the same Kestrel process (from the media folder, /media/...), measured in the same run.
# Two runs of the app: warm (output cache on) and cold (output cache off: every request renders).
#
#   bench/pages.sh                 full run (publish, fresh seed, both runs), a few minutes
#   BENCH_REUSE=1 bench/pages.sh   reuse bench/out/app and bench/out/data from the last run
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
THREADS=${BENCH_THREADS:-2}
CONNS=${BENCH_CONNECTIONS:-32}
DURATION=${BENCH_DURATION:-15s}
WARMUP=${BENCH_WARMUP:-8s}
ARTICLES=${BENCH_ARTICLES:-10000}
# The app ships no logging configuration yet; .NET's default (Information) writes a console line
# per request and per SQL command, which would cap the static ceiling and the pages alike.
# Production runs with Warning; so does the benchmark (say BENCH_LOG_LEVEL=Information to see the cost).
LOG_LEVEL=${BENCH_LOG_LEVEL:-Warning}
STATIC_NAME=static-article.html

started=$(date +%s)
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
trap 'rc=$?; stop_app; [[ $rc -ne 0 ]] && echo "bench: stopped (exit $rc) after $(( $(date +%s) - started )) s" >&2; exit $rc' EXIT
trap 'die "line $LINENO: $BASH_COMMAND"' ERR
trap 'exit 130' INT TERM

# ---------------------------------------------------------------------------------------------
say "1. wrk"
if ! command -v wrk >/dev/null; then
    [[ $(id -u) -eq 0 ]] || die "wrk is missing; install it as root: apt-get install -y wrk"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
fi
wrk --version 2>&1 | head -1 || true   # wrk prints its version with a usage text and exits 1
command -v curl >/dev/null || die "curl is missing"
echo "machine: $(nproc) cores; wrk -t$THREADS -c$CONNS -d$DURATION (warm-up $WARMUP) on $HOST:$PORT"

# ---------------------------------------------------------------------------------------------
mkdir -p "$OUT" "$RESULTS"
if [[ ${BENCH_REUSE:-0} == 1 && -f $APP/Visnyk.dll && -f $DATA/visnyk.db ]]; then
    say "2-3. reusing $APP and $DATA (BENCH_REUSE=1)"
else
    say "2. publish (Release)"
    rm -rf "$APP"
    t0=$(date +%s)
    dotnet publish "$ROOT/src/Visnyk" -c Release -o "$APP" -nologo -v quiet || die "dotnet publish failed"
    echo "published in $(( $(date +%s) - t0 )) s"

    say "3. seed: demo content + $ARTICLES synthetic articles"
    rm -rf "$DATA"
    mkdir -p "$DATA"
    t0=$(date +%s.%N)
    ( cd "$APP" && Visnyk__DataDirectory="$DATA" Visnyk__DemoContent=true Logging__LogLevel__Default="$LOG_LEVEL" \
        timeout 1800 dotnet Visnyk.dll seed --synthetic "$ARTICLES" ) 2> >(tr '\r' '\n' | tail -n 3 >&2) \
        || die "seed --synthetic $ARTICLES failed"
    sleep 0.2
    awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "seed time: %.1f s (wall, including start-up and migrations)\n", b - a }' \
        | tee "$RESULTS/seed.txt"
fi
du -sh "$DATA/visnyk.db" "$DATA/media" 2>/dev/null || true

# ---------------------------------------------------------------------------------------------
# App lifecycle
port_busy() { (exec 3<>"/dev/tcp/$HOST/$PORT") 2>/dev/null; }

start_app() { # $1 = true|false (output cache)
    stop_app
    port_busy && die "port $PORT on $HOST is already in use (set BENCH_PORT)"
    ( cd "$APP" && exec env ASPNETCORE_URLS="$BASE" ASPNETCORE_ENVIRONMENT=Production \
        Visnyk__DataDirectory="$DATA" Visnyk__DemoContent=true Visnyk__OutputCache="$1" \
        Logging__LogLevel__Default="$LOG_LEVEL" \
        dotnet Visnyk.dll ) >"$RESULTS/app-cache-$1.log" 2>&1 &
    APP_PID=$!
    for _ in $(seq 1500); do
        kill -0 "$APP_PID" 2>/dev/null || { tail -20 "$RESULTS/app-cache-$1.log" >&2; die "the app exited during start-up"; }
        # /search answers 200 once the search index is built: building it would compete with the measurement.
        [[ $(curl -s -o /dev/null -m 5 -w '%{http_code}' "$BASE/search" || true) == 200 ]] && return 0
        sleep 0.2
    done
    die "the app did not answer 200 on /search within 5 minutes"
}

status_of() { curl -s -o /dev/null -m 30 -w '%{http_code}' "$BASE$1"; }
size_of() { curl -s -o /dev/null -m 30 -w '%{size_download}' "$@"; }

require_200() {
    local code
    code=$(status_of "$1")
    [[ $code == 200 ]] || die "GET $1 answered $code, expected 200"
}

# ---------------------------------------------------------------------------------------------
# wrk: one measurement -> "rps p50_ms p99_ms"
to_ms() { # wrk latency such as 812.00us, 1.25ms, 2.01s
    awk -v v="$1" 'BEGIN {
        n = v + 0
        if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n += 0; else if (v ~ /m$/) n *= 60000; else if (v ~ /s$/) n *= 1000
        printf "%.2f", n }'
}

# The machine may be shared: count the CPU time that is neither the app's nor wrk's while
# measuring ("other" column, % of all cores); a high figure means the numbers are depressed.
HZ=$(getconf CLK_TCK)
machine_jiffies() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9, $2 + $3 + $4 + $5 + $6 + $7 + $8 + $9 }' /proc/stat; }
app_jiffies() { awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "/proc/$APP_PID/stat"; }

wait_for_quiet() { # up to BENCH_IDLE_WAIT seconds (default 90) for the machine to be < 15% busy
    local deadline=$(( $(date +%s) + ${BENCH_IDLE_WAIT:-90} )) b1 t1 b2 t2 busy
    while :; do
        read -r b1 t1 < <(machine_jiffies); sleep 1; read -r b2 t2 < <(machine_jiffies)
        busy=$(( 100 * (b2 - b1) / (t2 - t1 > 0 ? t2 - t1 : 1) ))
        (( busy < 15 )) && { echo "machine is quiet (${busy}% busy)"; return 0; }
        (( $(date +%s) >= deadline )) && { echo "WARNING: machine still ${busy}% busy with other work; measuring anyway" >&2; return 0; }
        sleep 4
    done
}

measure() { # $1 label, $2 path -> "rps p50_ms p99_ms other%"
    local label=$1 path=$2 file
    file="$RESULTS/wrk-$label.txt"
    require_200 "$path"
    wrk -t"$THREADS" -c"$CONNS" -d"$WARMUP" --timeout 10s "$BASE$path" >"$file.warmup" 2>&1 || die "wrk warm-up failed for $path"
    check_wrk "$file.warmup" "$path (warm-up)"
    local b1 t1 b2 t2 a1 a2 wrk_cpu
    read -r b1 t1 < <(machine_jiffies); a1=$(app_jiffies)
    wrk_cpu=$( { TIMEFORMAT='%U %S'; time wrk -t"$THREADS" -c"$CONNS" -d"$DURATION" --timeout 10s --latency "$BASE$path" >"$file" 2>&1; } 2>&1 ) \
        || die "wrk failed for $path"
    read -r b2 t2 < <(machine_jiffies); a2=$(app_jiffies)
    check_wrk "$file" "$path"
    local rps p50 p99 other
    rps=$(awk '/^Requests\/sec:/ { print $2 }' "$file")
    p50=$(awk '$1 == "50%" { print $2 }' "$file")
    p99=$(awk '$1 == "99%" { print $2 }' "$file")
    [[ -n $rps && -n $p50 && -n $p99 ]] || { cat "$file" >&2; die "could not read wrk's output for $path"; }
    other=$(awk -v b="$(( b2 - b1 ))" -v t="$(( t2 - t1 ))" -v a="$(( a2 - a1 ))" -v w="$wrk_cpu" -v hz="$HZ" 'BEGIN {
        split(w, x, " "); o = (b - a - (x[1] + x[2]) * hz) / t * 100; if (o < 0) o = 0; printf "%.0f", o }')
    echo "$rps $(to_ms "$p50") $(to_ms "$p99") $other"
}

check_wrk() { # every response must be 200 (wrk counts anything outside 2xx/3xx; 3xx is excluded by require_200)
    if grep -q 'Non-2xx' "$1"; then
        cat "$1" >&2
        die "$2: wrk saw non-2xx/3xx responses"
    fi
    if grep -q 'Socket errors' "$1"; then
        cat "$1" >&2
        die "$2: wrk saw socket errors"
    fi
}

# ---------------------------------------------------------------------------------------------
# Pages: the reference article (demo content, gallery and all) and a tag from it.
first_tag() { # $1 article path -> path of the first /tags/ link on it
    local t
    t=$(curl -s -m 10 "$BASE$1" | grep -o 'href="\(http://[^/"]*\)\?/tags/[^"?#]*"' | head -1 | cut -d'"' -f2 || true)
    echo "${t#"$BASE"}"
}

find_pages() {
    start_app true
    local id loc html
    ARTICLE=
    for id in $(seq 1 60); do
        loc=$(curl -s -o /dev/null -m 10 -w '%{redirect_url}' "$BASE/news/$id" || true)
        [[ -n $loc ]] || continue
        html=$(curl -s -m 10 "$loc" || true)
        if grep -q 'КМЕС 1' <<<"$html"; then ARTICLE=${loc#"$BASE"}; break; fi
    done
    if [[ -z $ARTICLE ]]; then
        echo "reference article not found; taking the newest article from /news" >&2
        ARTICLE=$(curl -s -m 10 "$BASE/news" | grep -o 'href="/news/[0-9][^"?#]*"' | head -1 | cut -d'"' -f2 || true)
    fi
    [[ -n $ARTICLE ]] || die "no article page found"
    # The tag page: a tag of the newest (synthetic) article, so the page lists a full page of news
    # out of a few hundred; the reference article's own tags have one article each, measured too
    # as "rare tag" (the planner's worst case: few matches among 10,000 articles).
    local newest
    newest=$(curl -s -m 10 "$BASE/news" | grep -o 'href="/news/[0-9][^"?#]*"' | head -1 | cut -d'"' -f2 || true)
    [[ -n $newest ]] || die "no article link on /news"
    TAG=$(first_tag "$newest")
    RARE_TAG=$(first_tag "$ARTICLE")
    [[ -n $TAG && -n $RARE_TAG ]] || die "no /tags/ link on $newest or $ARTICLE"
    [[ $TAG != "$RARE_TAG" ]] || RARE_TAG=
    LIST=${BENCH_LIST:-/news?page=5}
    for p in / "$ARTICLE" "$LIST" "$TAG" ${RARE_TAG:+"$RARE_TAG"}; do require_200 "$p"; done

    # The static ceiling: the same article's HTML, served by the same process from the media folder.
    curl -s -m 30 -o "$DATA/media/$STATIC_NAME" "$BASE$ARTICLE"
    STATIC=/media/$STATIC_NAME
    require_200 "$STATIC"
    local a s
    a=$(size_of "$BASE$ARTICLE"); s=$(size_of "$BASE$STATIC")
    [[ $a == "$s" ]] || die "static copy is $s bytes, the article page $a bytes"
    echo "article: $ARTICLE"
    echo "tag:     $TAG ($(curl -s -m 10 "$BASE$TAG" | grep -o 'href="/news/[0-9][^"?#]*"' | sort -u | wc -l) article links)"
    [[ -n $RARE_TAG ]] && echo "rare tag: $RARE_TAG ($(curl -s -m 10 "$BASE$RARE_TAG" | grep -o 'href="/news/[0-9][^"?#]*"' | sort -u | wc -l) article links)"
    echo "list:    $LIST"
    echo "static:  $STATIC ($s bytes, $(curl -s -o /dev/null -m 10 -w '%{content_type}' "$BASE$STATIC"); article page: $a bytes)"

    # Transferred size of the article page (target: <= 50 KB without photos).
    ART_PLAIN=$a
    ART_BR=$(size_of -H 'Accept-Encoding: br' "$BASE$ARTICLE")
    ART_GZ=$(size_of -H 'Accept-Encoding: gzip' "$BASE$ARTICLE")
    [[ $(curl -s -D - -o /dev/null -H 'Accept-Encoding: br' "$BASE$ARTICLE" | tr -d '\r' | awk -F': ' 'tolower($1)=="content-encoding" { print $2 }') == br ]] \
        || echo "note: the article page was not Brotli-compressed" >&2
}

ROWS=()
display() { # the table's name of a page
    case $1 in home) echo "/" ;; article) echo "article" ;; list) echo "$LIST" ;; tag) echo "tag" ;; raretag) echo "rare tag" ;; esac
}
run_mode() { # $1 warm|cold
    local mode=$1 cache
    [[ $mode == warm ]] && cache=true || cache=false
    say "4-5. $mode run (Visnyk__OutputCache=$cache)"
    start_app "$cache"
    # Sanity: warm responses come from the output cache (Age header on a repeat), cold never do.
    curl -s -o /dev/null "$BASE$ARTICLE"
    local age
    age=$(curl -s -D - -o /dev/null "$BASE$ARTICLE" | tr -d '\r' | awk -F': ' 'tolower($1)=="age" { print "yes" }')
    if [[ $mode == warm && $age != yes ]]; then echo "note: warm run: no Age header, is the output cache serving?" >&2; fi
    if [[ $mode == cold && $age == yes ]]; then die "cold run: the article page came from the output cache"; fi

    wait_for_quiet
    local r static_rps
    r=$(measure "$mode-static" "$STATIC")
    static_rps=${r%% *}
    printf '  %-34s %10s req/s\n' "static ceiling" "$static_rps"
    ROWS+=("static ceiling|$mode|$r|1")
    local label path
    for label in home article list tag ${RARE_TAG:+raretag}; do
        case $label in
            home) path=/ ;; article) path=$ARTICLE ;; list) path=$LIST ;; tag) path=$TAG ;; raretag) path=$RARE_TAG ;;
        esac
        r=$(measure "$mode-$label" "$path")
        printf '  %-34s %10s req/s\n' "$(display "$label")" "${r%% *}"
        ROWS+=("$(display "$label")|$mode|$r|$(awk -v a="${r%% *}" -v b="$static_rps" 'BEGIN { printf "%.4f", a / b }')")
    done
    stop_app
}

say "pages"
find_pages
stop_app
run_mode warm
run_mode cold

# ---------------------------------------------------------------------------------------------
say "6. results ($(nproc) cores, wrk -t$THREADS -c$CONNS -d$DURATION, logging $LOG_LEVEL)"
{
    echo "article  = $ARTICLE"
    echo "tag      = $TAG"
    [[ -n $RARE_TAG ]] && echo "rare tag = $RARE_TAG"
    echo "static   = $STATIC (the article's HTML saved as a file, served by the same Kestrel process)"
    echo
    printf '%-15s | %-4s | %9s | %8s | %8s | %7s | %-12s | %s\n' page mode req/s "p50 ms" "p99 ms" ratio target other
    printf '%s\n' "----------------+------+-----------+----------+----------+---------+--------------+------"
    for row in "${ROWS[@]}"; do
        IFS='|' read -r page mode nums ratio <<<"$row"
        read -r rps p50 p99 other <<<"$nums"
        target=""
        if [[ $page == "static ceiling" ]]; then
            target="(ceiling)"
        elif [[ $mode == warm ]]; then
            target=$(awk -v r="$ratio" 'BEGIN { print (r >= 0.7 ? ">= 0.7 PASS" : ">= 0.7 BELOW") }')
        elif [[ $page == article ]]; then
            target=$(awk -v r="$ratio" 'BEGIN { print (r >= 0.1 ? ">= 0.1 PASS" : ">= 0.1 BELOW") }')
        else
            target="(none)"
        fi
        printf '%-15s | %-4s | %9.0f | %8s | %8s | %7.3f | %-12s | %3s%%\n' "$page" "$mode" "$rps" "$p50" "$p99" "$ratio" "$target" "$other"
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
