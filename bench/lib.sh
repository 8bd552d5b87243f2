# Shared by the bench scripts (sourced, not run): messages, starting and stopping the published
# app, the machine's CPU, one wrk measurement, and the pages that bench/pages.sh and
# bench/cluster.sh measure. The caller sets ROOT, APP, RESULTS, HOST, LOG_LEVEL and, for wrk,
# THREADS, CONNS, WARMUP, DURATION; BASE is the address measured.

page_settings() { # wrk and the seed, as bench/pages.sh and bench/cluster.sh take them
    THREADS=${BENCH_THREADS:-2}
    CONNS=${BENCH_CONNECTIONS:-32}
    DURATION=${BENCH_DURATION:-15s}
    WARMUP=${BENCH_WARMUP:-8s}
    ARTICLES=${BENCH_ARTICLES:-10000}
    # The app ships no logging configuration yet; .NET's default (Information) writes a console line
    # per request and per SQL command, which would cap the static ceiling and the pages alike.
    # Production runs with Warning; so does the benchmark (say BENCH_LOG_LEVEL=Information to see the cost).
    LOG_LEVEL=${BENCH_LOG_LEVEL:-Warning}
}

say() { printf '\n== %s\n' "$*"; }

need_wrk() { # installs wrk from Debian if missing; prints its version
    if ! command -v wrk >/dev/null; then
        [[ $(id -u) -eq 0 ]] || die "wrk is missing; install it as root: apt-get install -y wrk"
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
    fi
    wrk --version 2>&1 | head -1 || true   # wrk prints its version with a usage text and exits 1
    command -v curl >/dev/null || die "curl is missing"
}
die() { printf '\nbench: FAILED: %s\n' "$*" >&2; exit 1; }

stop_pid() { # $1 pid: SIGTERM, up to 5 s, then SIGKILL
    local pid=$1
    if [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null; then
        kill "$pid" 2>/dev/null || true
        for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    fi
}

port_busy() { (exec 3<>"/dev/tcp/$HOST/$1") 2>/dev/null; }

publish_app() { # dotnet publish (Release) for this machine's runtime, so precompiled (ReadyToRun) as deployed, into $APP
    rm -rf "$APP"
    local t0
    t0=$(date +%s)
    dotnet publish "$ROOT/src/Visnyk" -c Release --use-current-runtime --self-contained false -o "$APP" -nologo -v quiet || die "dotnet publish failed"
    echo "published in $(( $(date +%s) - t0 )) s"
}

seed_app() { # $1 file for the time, then configuration as environment assignments: the demo content + $ARTICLES synthetic articles
    local file=$1 t0
    shift
    t0=$(date +%s.%N)
    ( cd "$APP" && env Logging__LogLevel__Default="$LOG_LEVEL" "$@" \
        timeout 1800 dotnet Visnyk.dll seed --synthetic "$ARTICLES" --demo ) 2> >(tr '\r' '\n' | tail -n 3 >&2) \
        || die "seed --synthetic $ARTICLES failed"
    sleep 0.2
    awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "seed time: %.1f s (wall, including start-up and migrations)\n", b - a }' \
        | tee "$file"
}

# Starts the published app on 127.0.0.1:$2 with the configuration given as environment
# assignments, its console in $RESULTS/app-$1.log; sets LAUNCHED to its pid. Call it directly,
# not in $(...).
launch_app() { # $1 name, $2 port, then configuration
    local name=$1 port=$2
    shift 2
    port_busy "$port" && die "port $port on $HOST is already in use (set BENCH_PORT)"
    # DOTNET_GCgen0size as deploy/visnyk.service sets it (a configuration given after it wins).
    ( cd "$APP" && exec env ASPNETCORE_URLS="http://$HOST:$port" ASPNETCORE_ENVIRONMENT=Production DOTNET_GCgen0size=0x2000000 \
        Logging__LogLevel__Default="$LOG_LEVEL" "$@" dotnet Visnyk.dll ) >"$RESULTS/app-$name.log" 2>&1 &
    LAUNCHED=$!
}

search_ready() { # $1 base address, $2 curl timeout (s): /readyz says the search index is ready
    curl -s -m "$2" "$1/readyz" 2>/dev/null | grep -q '"search":{"status":"Healthy"'
}

wait_for_search() { # $1 pid, $2 base address, $3 log: waits until /readyz says the search index is ready
    for _ in $(seq 1500); do
        kill -0 "$1" 2>/dev/null || { tail -20 "$3" >&2; die "the app exited during start-up"; }
        # Building the index would compete with the measurement (/search itself answers from the
        # database meanwhile, so its status says nothing).
        search_ready "$2" 5 && return 0
        sleep 0.2
    done
    die "the search index was not ready (/readyz) within 5 minutes"
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

# The machine may be shared: count the CPU time that is neither ours (measured_pids, which a
# script may redefine; the app by default) nor wrk's while measuring ("other" column, % of all
# cores); a high figure means the numbers are depressed.
HZ=$(getconf CLK_TCK)
machine_jiffies() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9, $2 + $3 + $4 + $5 + $6 + $7 + $8 + $9 }' /proc/stat; }
proc_jiffies() { # the CPU time of the given pids, summed (a pid that is gone counts 0)
    local sum=0 pid j
    for pid in "$@"; do
        j=$(awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "/proc/$pid/stat" 2>/dev/null || true)
        sum=$(( sum + ${j:-0} ))
    done
    echo "$sum"
}
measured_pids() { echo "$APP_PID"; }

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

measure() { # $1 label, $2 path -> "rps p50_ms p99_ms other%"; wrk's output in $RESULTS/wrk-$1.txt(.warmup)
    local label=$1 path=$2 file
    file="$RESULTS/wrk-$label.txt"
    require_200 "$path"
    # WRK_SCRIPT: a Lua script of wrk's (bench/cold.sh: a rotation of distinct searches).
    wrk -t"$THREADS" -c"$CONNS" -d"$WARMUP" --timeout 10s ${WRK_SCRIPT:+-s "$WRK_SCRIPT"} "$BASE$path" >"$file.warmup" 2>&1 || die "wrk warm-up failed for $path"
    check_wrk "$file.warmup" "$path (warm-up)"
    local b1 t1 b2 t2 a1 a2 wrk_cpu pids
    pids=$(measured_pids)
    # shellcheck disable=SC2086 # a list of pids
    read -r b1 t1 < <(machine_jiffies); a1=$(proc_jiffies $pids)
    wrk_cpu=$( { TIMEFORMAT='%U %S'; time wrk -t"$THREADS" -c"$CONNS" -d"$DURATION" --timeout 10s --latency ${WRK_SCRIPT:+-s "$WRK_SCRIPT"} "$BASE$path" >"$file" 2>&1; } 2>&1 ) \
        || die "wrk failed for $path"
    # shellcheck disable=SC2086
    read -r b2 t2 < <(machine_jiffies); a2=$(proc_jiffies $pids)
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
# Pages: the reference article (demo content, gallery and all) and a tag from it, found on the
# app answering at $BASE; the static ceiling is saved into $1 (the media folder it serves).
path_of() { sed -E 's|^https?://[^/]*||'; } # a link or redirect as a path (behind a proxy the app may write another host)

first_tag() { # $1 article path -> path of the first /tags/ link on it
    curl -s -m 10 "$BASE$1" | grep -o 'href="\(https\?://[^/"]*\)\?/tags/[^"?#]*"' | head -1 | cut -d'"' -f2 | path_of || true
}

STATIC_NAME=static-article.html

find_pages() { # $1 media folder of the app at $BASE
    local media=$1 id loc html
    ARTICLE=
    for id in $(seq 1 60); do
        loc=$(curl -s -o /dev/null -m 10 -w '%{redirect_url}' "$BASE/news/$id" || true)
        [[ -n $loc ]] || continue
        html=$(curl -s -m 10 "$loc" || true)
        if grep -q 'КМЕС 1' <<<"$html"; then ARTICLE=$(path_of <<<"$loc"); break; fi
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
    # A page of the site's tree below a section (breadcrumbs, menu): the main menu's first sub-item.
    SITE_PAGE=$(curl -s -m 10 "$BASE/" | tr '\n' ' ' | grep -o '<details>.*</details>' | grep -o 'href="/[^"]*"' | sed -n 2p | cut -d'"' -f2 || true)
    # A document of the register (particulars, files, text version): the newest on /documents.
    DOCUMENT=$(curl -s -m 10 "$BASE/documents" | grep -o 'href="/documents/[0-9][^"?#]*"' | head -1 | cut -d'"' -f2 || true)
    # The reference article in English (/en/news/…), as its language switch leads to it.
    EN_ARTICLE=$(curl -s -m 10 "$BASE$ARTICLE" | grep -o 'class="language-switch"><a href="/en/news/[0-9][^"?#]*"' | head -1 | grep -o '/en/news/[^"]*' || true)
    for p in / "$ARTICLE" "$LIST" "$TAG" ${RARE_TAG:+"$RARE_TAG"} ${SITE_PAGE:+"$SITE_PAGE"} ${DOCUMENT:+"$DOCUMENT"} ${EN_ARTICLE:+"$EN_ARTICLE"}; do require_200 "$p"; done

    # The static ceiling: the same article's HTML, served by the same process from the media folder.
    curl -s -m 30 -o "$media/$STATIC_NAME" "$BASE$ARTICLE"
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

display() { # the table's name of a page
    case $1 in static) echo "static ceiling" ;; home) echo "/" ;; article) echo "article" ;; list) echo "$LIST" ;; tag) echo "tag" ;; raretag) echo "rare tag" ;; sitepage) echo "site page" ;; document) echo "document" ;; enarticle) echo "en article" ;; esac
}
page_path() { # a page's label -> its path
    case $1 in static) echo "$STATIC" ;; home) echo / ;; article) echo "$ARTICLE" ;; list) echo "$LIST" ;; tag) echo "$TAG" ;; raretag) echo "$RARE_TAG" ;; sitepage) echo "$SITE_PAGE" ;; document) echo "$DOCUMENT" ;; enarticle) echo "$EN_ARTICLE" ;; esac
}
page_labels() { echo "home article list tag ${RARE_TAG:+raretag} ${SITE_PAGE:+sitepage} ${DOCUMENT:+document} ${EN_ARTICLE:+enarticle}"; }

# The static ceiling, then every page, each measured (measure) after a wait for a quiet machine;
# appends "page|mode|rps p50 p99 other|ratio to the ceiling" to ROWS and prints req/s as it goes.
measure_pages() { # $1 prefix of wrk's files, $2 the rows' mode
    local prefix=$1 mode=$2 r static_rps label
    wait_for_quiet
    r=$(measure "$prefix-static" "$STATIC")
    static_rps=${r%% *}
    printf '  %-34s %10s req/s\n' "static ceiling" "$static_rps"
    ROWS+=("static ceiling|$mode|$r|1")
    for label in $(page_labels); do
        r=$(measure "$prefix-$label" "$(page_path "$label")")
        printf '  %-34s %10s req/s\n' "$(display "$label")" "${r%% *}"
        ROWS+=("$(display "$label")|$mode|$r|$(awk -v a="${r%% *}" -v b="$static_rps" 'BEGIN { printf "%.4f", a / b }')")
    done
}

check_cache_mode() { # $1 warm|cold: warm responses come from the output cache (Age header on a repeat), cold never do
    curl -s -o /dev/null "$BASE$ARTICLE"
    local age
    age=$(curl -s -D - -o /dev/null "$BASE$ARTICLE" | tr -d '\r' | awk -F': ' 'tolower($1)=="age" { print "yes" }')
    if [[ $1 == warm && $age != yes ]]; then echo "note: warm run: no Age header, is the output cache serving?" >&2; fi
    if [[ $1 == cold && $age == yes ]]; then die "cold run: the article page came from the output cache"; fi
    return 0
}
