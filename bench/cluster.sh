#!/usr/bin/env bash
# Page benchmark, embedded against several instances, in one run: the pages of bench/pages.sh
# (/, an article, /news?page=5, a tag page, a rare tag, and the static ceiling: the article's HTML
# as a file in the media folder), warm (output cache on) and cold (off), measured with wrk on
#   embedded  one instance, SQLite, output cache in memory (the default; as bench/pages.sh)
#   pg1       one instance on PostgreSQL + Redis (output cache in Redis), wrk straight at Kestrel
#   cluster   two instances on the same PostgreSQL + Redis and one shared data folder (media;
#             the keys are in the database), each with its own search index, behind nginx (round-robin upstream, keepalive,
#             one fixed Host header so the instances share cached pages, tcp_nopush off)
# and printed side by side: req/s, p50, p99 and the ratio to embedded, then the CPU each part
# (the app, nginx, PostgreSQL's backends, Redis) spent per request, and Redis GETs per request. pg1 against embedded is the
# cost of PostgreSQL + Redis; cluster against pg1 the cost of nginx and of a second instance.
# All of it shares one machine (2 cores here) with wrk: the figures show the overhead of the
# several-instance setup, not a scale-out gain (that needs instances on machines of their own).
#
#   bench/cluster.sh                  full run (publish, seed SQLite and PostgreSQL, 3 set-ups x 2 modes)
#   BENCH_REUSE=1 bench/cluster.sh    reuse bench/out/cluster-app, bench/out/cluster/ and the database
#   BENCH_DURATION=5s BENCH_ARTICLES=2000 bench/cluster.sh    a short trial
#
# Servers: tests/servers/start.sh (PostgreSQL on 127.0.0.1:15432, Redis on 127.0.0.1:16379,
# installed from Debian with nginx if missing; left running). The seed goes into its own database
# (BENCH_PG_DATABASE, default visnyk_bench: dropped and created with psql on a fresh run, kept
# afterwards for BENCH_REUSE); the Redis keys carry a prefix of this run's own and are deleted at
# the end. nginx's configuration, temp folders, pid and error log are in bench/out/cluster/nginx.
# nginx buffers up to 256 KB of a response in memory: wrk asks for no compression, and the plain
# pages would otherwise go through temp files on disk (readers' compressed pages fit nginx's
# default buffers). nginx caches nothing here (deploy/nginx.conf caches pages for 10 s).
#
# Tunables (environment): as bench/pages.sh: BENCH_THREADS (2), BENCH_CONNECTIONS (32),
# BENCH_DURATION (15s), BENCH_WARMUP (8s), BENCH_ARTICLES (10000), BENCH_LOG_LEVEL (Warning),
# BENCH_LIST (/news?page=5), BENCH_IDLE_WAIT (90 s); and BENCH_PORT (5395: the embedded app and
# instance 1; instance 2 on +1, nginx on +2), BENCH_NGINX_WORKERS (1), BENCH_SETUPS
# ("embedded pg1 cluster"), BENCH_PG_DATABASE (visnyk_bench).
# Exits non-zero when a step fails (build, seed, start, a non-200 response).
set -Eeuo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
OUT=$ROOT/bench/out
APP=$OUT/cluster-app
WORK=$OUT/cluster
EMBEDDED=$WORK/embedded   # the embedded app's data folder (SQLite, media, keys, search index)
SHARED=$WORK/shared       # the PostgreSQL instances' data folder (media, keys), shared as in production
NGINX_DIR=$WORK/nginx
RESULTS=$OUT/cluster-results
HOST=127.0.0.1
PORT=${BENCH_PORT:-5395}
PORT2=$(( PORT + 1 ))
NGINX_PORT=$(( PORT + 2 ))
PROXY_HOST=bench.local
NGINX_WORKERS=${BENCH_NGINX_WORKERS:-1}
SETUPS=${BENCH_SETUPS:-embedded pg1 cluster}
PGDB=${BENCH_PG_DATABASE:-visnyk_bench}

started=$(date +%s)
APP_PID=
APP2_PID=
NGINX_PID=
REDIS_PREFIX=visnyk-bench-$$:

# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"
page_settings
stop_all() {
    stop_pid "$NGINX_PID"; NGINX_PID=
    stop_pid "$APP2_PID"; APP2_PID=
    stop_pid "$APP_PID"; APP_PID=
}
forget_cache() { # this run's keys in Redis
    [[ -n ${REDIS_PORT:-} ]] || return 0
    redis-cli -h "$REDIS_HOST" -p "$REDIS_PORT" --scan --pattern "$REDIS_PREFIX*" 2>/dev/null \
        | xargs -r -n 500 redis-cli -h "$REDIS_HOST" -p "$REDIS_PORT" DEL >/dev/null 2>&1 || true
}
trap 'rc=$?; stop_all; forget_cache; [[ $rc -ne 0 ]] && echo "bench: stopped (exit $rc) after $(( $(date +%s) - started )) s" >&2; exit $rc' EXIT
trap 'die "line $LINENO: $BASH_COMMAND"' ERR
trap 'exit 130' INT TERM

# ---------------------------------------------------------------------------------------------
say "1. tools and servers"
for tool in wrk curl; do command -v $tool >/dev/null || die "$tool is missing (apt-get install -y $tool; bench/pages.sh installs wrk)"; done
# PostgreSQL and Redis (started if not running), nginx installed.
eval "$("$ROOT/tests/servers/start.sh")"
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
[[ -x $NGINX ]] || die "nginx is missing"
for tool in psql redis-cli; do command -v $tool >/dev/null || die "$tool is missing"; done
conn_value() { sed -n "s/.*$1=\([^;]*\).*/\1/p" <<<"$VISNYK_TEST_POSTGRES"; }
PG_HOST=$(conn_value Host); PG_PORT=$(conn_value Port); PG_USER=$(conn_value Username)
PG_CONN="$VISNYK_TEST_POSTGRES;Database=$PGDB"
REDIS=$VISNYK_TEST_REDIS
REDIS_HOST=${REDIS%%:*}; REDIS_PORT=${REDIS##*:}
pg_in() { local db=$1; shift; psql -h "$PG_HOST" -p "${PG_PORT:-5432}" -U "${PG_USER:-postgres}" -d "$db" -v ON_ERROR_STOP=1 -qAt "$@"; }
pg() { pg_in postgres "$@"; }
REDIS_PID=$(redis-cli -h "$REDIS_HOST" -p "$REDIS_PORT" info server | tr -d '\r' | awk -F: '$1 == "process_id" { print $2 }')
echo "machine: $(nproc) cores; wrk -t$THREADS -c$CONNS -d$DURATION (warm-up $WARMUP)"
echo "PostgreSQL $(pg -c 'SHOW server_version') on $PG_HOST:$PG_PORT, database $PGDB; Redis $(redis-cli -h "$REDIS_HOST" -p "$REDIS_PORT" info server | tr -d '\r' | awk -F: '$1 == "redis_version" { print $2 }') on $REDIS; $("$NGINX" -v 2>&1)"
echo "set-ups: $SETUPS"

# ---------------------------------------------------------------------------------------------
mkdir -p "$OUT" "$RESULTS" "$NGINX_DIR"
pg_articles() { pg_in "$PGDB" -c 'SELECT COUNT(*) FROM "Articles"' 2>/dev/null || echo 0; }
if [[ ${BENCH_REUSE:-0} == 1 && -f $APP/Visnyk.dll && -f $EMBEDDED/visnyk.db && -d $SHARED/media ]] && (( $(pg_articles) > 0 )); then
    say "2-3. reusing $APP, $WORK and the database $PGDB (BENCH_REUSE=1)"
else
    say "2. publish (Release)"
    publish_app

    rm -rf "$WORK/embedded" "$WORK/shared" "$WORK"/search-*
    mkdir -p "$EMBEDDED" "$SHARED"
    say "3. seed SQLite: demo content + $ARTICLES synthetic articles"
    seed_app "$RESULTS/seed-embedded.txt" Visnyk__DataDirectory="$EMBEDDED"
    say "3. seed PostgreSQL ($PGDB): demo content + $ARTICLES synthetic articles"
    pg -c "DROP DATABASE IF EXISTS \"$PGDB\" WITH (FORCE)" -c "CREATE DATABASE \"$PGDB\""
    seed_app "$RESULTS/seed-postgresql.txt" Visnyk__DataDirectory="$SHARED" Visnyk__PostgreSql="$PG_CONN"
fi
echo "SQLite: $(du -sh "$EMBEDDED/visnyk.db" | cut -f1); PostgreSQL: $(pg -c "SELECT pg_size_pretty(pg_database_size('$PGDB'))"), $(pg_articles) articles"

# ---------------------------------------------------------------------------------------------
# The set-ups
start_embedded() { # $1 = true|false (output cache)
    launch_app "embedded-cache-$1" "$PORT" Visnyk__DataDirectory="$EMBEDDED" Visnyk__DemoContent=true Visnyk__OutputCache="$1"
    APP_PID=$LAUNCHED
    wait_for_search "$APP_PID" "http://$HOST:$PORT" "$RESULTS/app-embedded-cache-$1.log"
}

start_instance() { # $1 = 1|2, $2 = true|false (output cache); sets LAUNCHED
    local port=$(( PORT + $1 - 1 ))
    launch_app "pg$1-cache-$2" "$port" Visnyk__DataDirectory="$SHARED" Visnyk__DemoContent=true Visnyk__OutputCache="$2" \
        Visnyk__PostgreSql="$PG_CONN" Visnyk__Redis="$REDIS" Visnyk__RedisInstance="$REDIS_PREFIX" \
        Visnyk__SearchIndexDirectory="$WORK/search-$1"
    wait_for_search "$LAUNCHED" "http://$HOST:$port" "$RESULTS/app-pg$1-cache-$2.log"
}

start_nginx() {
    local user=
    [[ $(id -u) -eq 0 ]] && user="user root;"   # workers as root: the temp folders are root's
    cat >"$NGINX_DIR/nginx.conf" <<EOF
$user
worker_processes $NGINX_WORKERS;
daemon off;
pid $NGINX_DIR/nginx.pid;
error_log $NGINX_DIR/error.log warn;
events { worker_connections 1024; }
http {
    access_log off;
    tcp_nopush off;
    client_body_temp_path $NGINX_DIR/body;
    proxy_temp_path $NGINX_DIR/proxy;
    fastcgi_temp_path $NGINX_DIR/fastcgi;
    uwsgi_temp_path $NGINX_DIR/uwsgi;
    scgi_temp_path $NGINX_DIR/scgi;
    upstream visnyk {
        server $HOST:$PORT;
        server $HOST:$PORT2;
        keepalive $CONNS;
    }
    server {
        listen $HOST:$NGINX_PORT;
        location / {
            proxy_pass http://visnyk;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host $PROXY_HOST;
            proxy_set_header X-Forwarded-For \$remote_addr;
            proxy_buffer_size 16k;
            proxy_buffers 32 8k;
        }
    }
}
EOF
    port_busy "$NGINX_PORT" && die "port $NGINX_PORT on $HOST is already in use (set BENCH_PORT)"
    "$NGINX" -p "$NGINX_DIR" -e "$NGINX_DIR/error.log" -c "$NGINX_DIR/nginx.conf" >"$RESULTS/nginx.log" 2>&1 &
    NGINX_PID=$!
    for _ in $(seq 100); do
        kill -0 "$NGINX_PID" 2>/dev/null || { cat "$RESULTS/nginx.log" "$NGINX_DIR/error.log" >&2 2>/dev/null; die "nginx exited"; }
        [[ $(curl -s -o /dev/null -m 5 -w '%{http_code}' "http://$HOST:$NGINX_PORT/healthz" || true) == 200 ]] && return 0
        sleep 0.1
    done
    die "nginx did not answer 200 on /healthz"
}

# What counts as ours for the "other" column and the CPU table: the app(s), nginx's processes,
# and for the PostgreSQL set-ups the backends serving our database and Redis (shared with
# whatever else uses it meanwhile).
USES_PG=0
pg_backends() { pg -c "SELECT pid FROM pg_stat_activity WHERE datname = '$PGDB'"; }
cpu_snapshot() { # lines "part pid jiffies"
    local pid
    for pid in $APP_PID $APP2_PID; do echo "app $pid $(proc_jiffies "$pid")"; done
    if [[ -n $NGINX_PID ]]; then
        for pid in $NGINX_PID $(pgrep -P "$NGINX_PID" || true); do echo "nginx $pid $(proc_jiffies "$pid")"; done
    fi
    if [[ $USES_PG == 1 ]]; then
        for pid in $(pg_backends); do echo "postgres $pid $(proc_jiffies "$pid")"; done
        echo "redis $REDIS_PID $(proc_jiffies "$REDIS_PID")"
        # Not a process: the GETs Redis has answered (all clients; a pid of 0 so measured_pids skips it).
        echo "gets 0 $(redis-cli -h "$REDIS_HOST" -p "$REDIS_PORT" info commandstats | tr -d '\r' | sed -n 's/^cmdstat_get:calls=\([0-9]*\),.*/\1/p')"
    fi
}
measured_pids() { cpu_snapshot | awk '$2 != 0 { print $2 }'; }

declare -A R CPU PAGES
remember_pages() { # $1 set-up
    local v
    for v in ARTICLE TAG RARE_TAG SITE_PAGE DOCUMENT LIST STATIC ART_PLAIN ART_BR ART_GZ; do PAGES[$1|$v]=${!v}; done
}
use_pages() { # $1 set-up
    local v
    for v in ARTICLE TAG RARE_TAG SITE_PAGE DOCUMENT LIST STATIC ART_PLAIN ART_BR ART_GZ; do printf -v "$v" '%s' "${PAGES[$1|$v]}"; done
}

measure_setup() { # $1 set-up, $2 warm|cold: every page at $BASE, into R and CPU
    local setup=$1 mode=$2 label r before after requests rps p50 p99
    check_cache_mode "$mode"
    wait_for_quiet
    for label in static $(page_labels); do
        before=$(cpu_snapshot)
        r=$(measure "$setup-$mode-$label" "$(page_path "$label")")
        after=$(cpu_snapshot)
        # CPU per request over the warm-up and the measurement together (the snapshots span both).
        requests=$(cat "$RESULTS/wrk-$setup-$mode-$label.txt.warmup" "$RESULTS/wrk-$setup-$mode-$label.txt" | awk '/ requests in / { n += $1 } END { print n + 0 }')
        R[$setup|$mode|$label]=$r
        CPU[$setup|$mode|$label]=$(awk -v hz="$HZ" -v n="$requests" '
            NR == FNR { before[$2] = $3; next }
            { used[$1] += $3 - ($2 in before ? before[$2] : 0) }
            END { printf "%.3f %.3f %.3f %.3f %.3f", used["app"] * 1000 / hz / n, used["nginx"] * 1000 / hz / n, used["postgres"] * 1000 / hz / n,
                      used["redis"] * 1000 / hz / n, used["gets"] / n }' \
            <(echo "$before") <(echo "$after"))
        read -r rps p50 p99 _ <<<"$r"
        printf '  %-10s %-15s %10s req/s  p50 %6s ms  p99 %7s ms\n' "$setup" "$(display "$label")" "$rps" "$p50" "$p99"
    done
}

wants() { [[ " $SETUPS " == *" $1 "* ]]; }

run_mode() { # $1 warm|cold
    local mode=$1 cache
    [[ $mode == warm ]] && cache=true || cache=false
    if wants embedded; then
        say "$mode: embedded (SQLite, output cache in memory: Visnyk__OutputCache=$cache)"
        USES_PG=0
        start_embedded "$cache"
        BASE=http://$HOST:$PORT
        if [[ -z ${PAGES[embedded|ARTICLE]:-} ]]; then find_pages "$EMBEDDED/media"; remember_pages embedded; fi
        use_pages embedded
        measure_setup embedded "$mode"
        stop_all
    fi
    if wants pg1 || wants cluster; then
        USES_PG=1
        say "$mode: PostgreSQL + Redis, instance 1 (Visnyk__OutputCache=$cache)"
        start_instance 1 "$cache"
        APP_PID=$LAUNCHED
        BASE=http://$HOST:$PORT
        if [[ -z ${PAGES[pg|ARTICLE]:-} ]]; then find_pages "$SHARED/media"; remember_pages pg; fi
        use_pages pg
        if wants pg1; then
            say "$mode: pg1, one instance on PostgreSQL + Redis, no nginx"
            measure_setup pg1 "$mode"
        fi
        if wants cluster; then
            say "$mode: cluster, two instances behind nginx ($HOST:$NGINX_PORT, Host: $PROXY_HOST)"
            start_instance 2 "$cache"
            APP2_PID=$LAUNCHED
            start_nginx
            BASE=http://$HOST:$NGINX_PORT
            local one two
            one=$(proc_jiffies "$APP_PID"); two=$(proc_jiffies "$APP2_PID")
            measure_setup cluster "$mode"
            # Round-robin: both instances should have done about half of the work.
            awk -v a="$(( $(proc_jiffies "$APP_PID") - one ))" -v b="$(( $(proc_jiffies "$APP2_PID") - two ))" 'BEGIN {
                printf "  CPU of the instances during the cluster run: %.0f%% instance 1, %.0f%% instance 2\n", 100 * a / (a + b > 0 ? a + b : 1), 100 * b / (a + b > 0 ? a + b : 1) }'
        fi
        stop_all
    fi
}

run_mode warm
run_mode cold

# ---------------------------------------------------------------------------------------------
say "results ($(nproc) cores, wrk -t$THREADS -c$CONNS -d$DURATION, logging $LOG_LEVEL)"
{
    for setup in embedded pg; do
        [[ -n ${PAGES[$setup|ARTICLE]:-} ]] || continue
        use_pages "$setup"
        echo "$([[ $setup == pg ]] && echo "PostgreSQL" || echo "SQLite    "): article $ARTICLE; tag $TAG${RARE_TAG:+; rare tag $RARE_TAG}; article page $ART_PLAIN bytes plain, $ART_BR br"
    done
    if [[ -n ${PAGES[embedded|ARTICLE]:-} && -n ${PAGES[pg|ARTICLE]:-} && ${PAGES[embedded|ARTICLE]} != "${PAGES[pg|ARTICLE]}" ]]; then
        echo "note: the two databases gave different article paths (both are the reference article)"
    fi
    echo
    echo "embedded = 1 instance, SQLite, output cache in memory; pg1 = 1 instance, PostgreSQL + Redis, no nginx;"
    echo "cluster  = 2 instances, PostgreSQL + Redis, behind nginx (round-robin, keepalive, one Host). x emb = req/s / embedded's."
    echo "The static ceiling is the article's HTML as a file in the media folder, served by the app(s) (through nginx for cluster)."
    printf '%-15s | %-4s | %-26s | %-33s | %-33s | %s\n' "" "" "embedded" "pg1" "cluster" ""
    printf '%-15s | %-4s | %8s %8s %8s | %8s %8s %8s %6s | %8s %8s %8s %6s | %s\n' page mode req/s "p50 ms" "p99 ms" req/s "p50 ms" "p99 ms" "x emb" req/s "p50 ms" "p99 ms" "x emb" "other e/p/c"
    printf '%s\n' "----------------+------+----------------------------+-----------------------------------+-----------------------------------+------------"
    use_pages "$([[ -n ${PAGES[embedded|ARTICLE]:-} ]] && echo embedded || echo pg)"
    for mode in warm cold; do
        for label in static $(page_labels); do
            line=$(printf '%-15s | %-4s |' "$(display "$label")" "$mode")
            others=()
            read -r e_rps e_p50 e_p99 e_other <<<"${R[embedded|$mode|$label]:-- - - -}"
            line+=$(printf ' %8s %8s %8s |' "$(awk -v v="$e_rps" 'BEGIN { printf (v == "-" ? "-" : "%.0f"), v }')" "$e_p50" "$e_p99")
            others+=("$e_other")
            for setup in pg1 cluster; do
                read -r rps p50 p99 other <<<"${R[$setup|$mode|$label]:-- - - -}"
                line+=$(printf ' %8s %8s %8s %6s |' "$(awk -v v="$rps" 'BEGIN { printf (v == "-" ? "-" : "%.0f"), v }')" "$p50" "$p99" \
                    "$(awk -v a="$rps" -v b="$e_rps" 'BEGIN { if (a == "-" || b == "-" || b == 0) print "-"; else printf "%.2f", a / b }')")
                others+=("$other")
            done
            echo "$line $(IFS=/; echo "${others[*]}")%"
        done
    done
    echo "other: CPU of processes other than ours (the app(s), nginx, our database's PostgreSQL backends, Redis) and wrk,"
    echo "% of all cores, per set-up; above ~5% the machine was shared and the figures are depressed."
    echo
    echo "CPU per request, ms (over warm-up and measurement): app(s), nginx, PostgreSQL backends, Redis; and Redis GETs per request"
    printf '%-15s | %-4s | %8s | %-36s | %-44s\n' "" "" "embedded" "pg1: app pg redis gets" "cluster: app nginx pg redis gets"
    printf '%s\n' "----------------+------+----------+--------------------------------------+---------------------------------------------"
    for mode in warm cold; do
        for label in static $(page_labels); do
            read -r ea _ _ _ _ <<<"${CPU[embedded|$mode|$label]:-- - - - -}"
            read -r pa _ pp pr pg <<<"${CPU[pg1|$mode|$label]:-- - - - -}"
            read -r ca cn cp cr cg <<<"${CPU[cluster|$mode|$label]:-- - - - -}"
            printf '%-15s | %-4s | %8s | %8s %8s %8s %8s | %8s %8s %8s %8s %8s\n' "$(display "$label")" "$mode" "$ea" "$pa" "$pp" "$pr" "$pg" "$ca" "$cn" "$cp" "$cr" "$cg"
        done
    done
    echo "gets: Redis GETs per request. ASP.NET Core's output cache lets concurrent requests for one page share one"
    echo "lookup, so under wrk's load on a single URL a page is read from Redis far less than once per request."
    echo
    echo "Everything ran on this one machine ($(nproc) cores): wrk, nginx, both instances, PostgreSQL and Redis share"
    echo "the same cores, so cluster shows the cost of the several-instance set-up, not a gain from scaling out."
    for f in "$RESULTS"/seed-*.txt; do [[ -f $f ]] && echo "$(basename "$f" .txt): $(cat "$f")"; done
    echo "total: $(( $(date +%s) - started )) s; raw wrk output, app and nginx logs in ${RESULTS#"$ROOT/"}/"
} | tee "$RESULTS/table.txt"
