#!/usr/bin/env bash
# Latency of the public pages while Redis (the shared output cache) is away, on two instances
# behind nginx (PostgreSQL + Redis), as issue 13's finding 14 asks: Redis away for 20 s must give
# no non-2xx response and a p99 under 500 ms. wrk loads a rotation of pages (/, /news, /sitemap,
# the four newest articles) through nginx in three runs, printed side by side:
#   before   Redis answering (after a warm-up)
#   outage   Redis stopped: SIGSTOP by default (connections stay open and nothing answers, the
#            worst case for a client), or BENCH_OUTAGE=kill (the server exits: connections refused)
#            and started again afterwards
#   after    Redis back (SIGCONT, or a fresh server on the same port), from the first second
# wrk gives up on a request after BENCH_TIMEOUT (2s), as an impatient reader or proxy would: on
# the old code that cancelled the rendering other requests were waiting for, and they got 500.
#
#   bench/redis-outage.sh                   full run (publish, fresh database with the demo content)
#   BENCH_REUSE=1 bench/redis-outage.sh     reuse bench/out/outage-app and the database
#   BENCH_APP=src/Visnyk/bin/Debug/net10.0 bench/redis-outage.sh   an existing build instead of publishing
#
# Redis: a server of its own on BENCH_PORT+3 (not the tests' one, which is left alone). PostgreSQL:
# tests/servers/start.sh's, database BENCH_PG_DATABASE (visnyk_outage), dropped and created on a
# fresh run. Tunables: BENCH_PORT (5405: instances on +0 and +1, nginx on +2, Redis on +3),
# BENCH_THREADS (2), BENCH_CONNECTIONS (16), BENCH_DURATION (20s, each run), BENCH_TIMEOUT (2s),
# BENCH_OUTAGE (stop|kill), BENCH_LOG_LEVEL (Warning).
# Exits non-zero when a step fails (build, start, a page not answering 200 before the outage).
set -Eeuo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
OUT=$ROOT/bench/out
APP=${BENCH_APP:-$OUT/outage-app}
WORK=$OUT/outage
RESULTS=$OUT/outage-results
NGINX_DIR=$WORK/nginx
HOST=127.0.0.1
PORT=${BENCH_PORT:-5405}
NGINX_PORT=$(( PORT + 2 ))
REDIS_PORT=$(( PORT + 3 ))
THREADS=${BENCH_THREADS:-2}
CONNS=${BENCH_CONNECTIONS:-16}
DURATION=${BENCH_DURATION:-20s}
TIMEOUT=${BENCH_TIMEOUT:-2s}
OUTAGE=${BENCH_OUTAGE:-stop}
LOG_LEVEL=${BENCH_LOG_LEVEL:-Warning}
PGDB=${BENCH_PG_DATABASE:-visnyk_outage}
started=$(date +%s)
APP1_PID= APP2_PID= NGINX_PID= REDIS_PID=

# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"
stop_all() {
    [[ -n $REDIS_PID ]] && kill -CONT "$REDIS_PID" 2>/dev/null || true
    for pid in "$NGINX_PID" "$APP2_PID" "$APP1_PID" "$REDIS_PID"; do stop_pid "$pid"; done
}
trap 'rc=$?; stop_all; [[ $rc -ne 0 ]] && echo "bench: stopped (exit $rc) after $(( $(date +%s) - started )) s" >&2; exit $rc' EXIT
trap 'die "line $LINENO: $BASH_COMMAND"' ERR
trap 'exit 130' INT TERM

say "1. tools and servers"
for tool in wrk curl redis-server redis-cli psql; do command -v $tool >/dev/null || die "$tool is missing (apt-get install -y $tool)"; done
eval "$("$ROOT/tests/servers/start.sh")"
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
[[ -x $NGINX ]] || die "nginx is missing"
conn_value() { sed -n "s/.*$1=\([^;]*\).*/\1/p" <<<"$VISNYK_TEST_POSTGRES"; }
pg() { psql -h "$(conn_value Host)" -p "$(conn_value Port)" -U "$(conn_value Username)" -d postgres -v ON_ERROR_STOP=1 -qAt "$@"; }
PG_CONN="$VISNYK_TEST_POSTGRES;Database=$PGDB"
mkdir -p "$OUT" "$WORK" "$RESULTS" "$NGINX_DIR"

start_redis() {
    port_busy "$REDIS_PORT" && die "port $REDIS_PORT is already in use (set BENCH_PORT)"
    redis-server --bind "$HOST" --port "$REDIS_PORT" --save "" --appendonly no >"$RESULTS/redis.log" 2>&1 &
    REDIS_PID=$!
    for _ in $(seq 100); do redis-cli -h "$HOST" -p "$REDIS_PORT" ping >/dev/null 2>&1 && return 0; sleep 0.1; done
    die "Redis did not start"
}

if [[ ${BENCH_REUSE:-0} == 1 && -f $APP/Visnyk.dll ]]; then
    say "2. reusing $APP and the database $PGDB (BENCH_REUSE=1)"
else
    if [[ -n ${BENCH_APP:-} ]]; then
        say "2. the build in $APP (BENCH_APP) and a fresh database $PGDB"
    else
        say "2. publish (Release) and a fresh database $PGDB"
        publish_app
    fi
    pg -c "DROP DATABASE IF EXISTS \"$PGDB\" WITH (FORCE)" -c "CREATE DATABASE \"$PGDB\""
    rm -rf "$WORK/shared" "$WORK"/search-*
fi

say "3. Redis on $HOST:$REDIS_PORT, two instances, nginx on $HOST:$NGINX_PORT"
start_redis
for n in 1 2; do
    launch_app "instance-$n" $(( PORT + n - 1 )) Visnyk__DataDirectory="$WORK/shared" Visnyk__PostgreSql="$PG_CONN" \
        Visnyk__Redis="$HOST:$REDIS_PORT" Visnyk__RedisInstance="outage:" Visnyk__SearchIndexDirectory="$WORK/search-$n" Visnyk__PublicUrl=http://bench.local
    eval "APP${n}_PID=$LAUNCHED"
    wait_for_search "$LAUNCHED" "http://$HOST:$(( PORT + n - 1 ))" "$RESULTS/app-instance-$n.log"
done
cat >"$NGINX_DIR/nginx.conf" <<CONF
$([[ $(id -u) -eq 0 ]] && echo "user root;")
worker_processes 1;
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
    upstream visnyk { server $HOST:$PORT; server $HOST:$(( PORT + 1 )); keepalive $CONNS; }
    server {
        listen $HOST:$NGINX_PORT;
        location / {
            proxy_pass http://visnyk;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host bench.local;
            proxy_buffers 32 8k;
        }
    }
}
CONF
"$NGINX" -p "$NGINX_DIR" -e "$NGINX_DIR/error.log" -c "$NGINX_DIR/nginx.conf" >"$RESULTS/nginx.log" 2>&1 &
NGINX_PID=$!
BASE=http://$HOST:$NGINX_PORT
for _ in $(seq 100); do [[ $(curl -s -o /dev/null -m 5 -w '%{http_code}' "$BASE/healthz" || true) == 200 ]] && break; sleep 0.1; done

# The rotation: fixed pages and the four newest articles.
mapfile -t ARTICLES < <(curl -s -m 10 "$BASE/news" | grep -o 'href="/news/[0-9][^"?#]*"' | cut -d'"' -f2 | head -4)
PATHS=(/ /news /sitemap "${ARTICLES[@]}")
for p in "${PATHS[@]}"; do require_200 "$p"; done
{
    echo "local paths = {"
    for p in "${PATHS[@]}"; do echo "  \"$p\","; done
    echo "}"
    echo 'local i = 0'
    echo 'request = function() i = i + 1; return wrk.format("GET", paths[(i % #paths) + 1]) end'
} >"$WORK/rotation.lua"
echo "pages: ${PATHS[*]}"

declare -A R
run() { # $1 phase: wrk over the rotation -> R[phase] = "rps p50 p99 non2xx errors"
    local file=$RESULTS/wrk-$1.txt
    wrk -t"$THREADS" -c"$CONNS" -d"$DURATION" --timeout "$TIMEOUT" --latency -s "$WORK/rotation.lua" "$BASE" >"$file" 2>&1 || die "wrk failed"
    local rps p50 p99 non2xx errors
    rps=$(awk '/^Requests\/sec:/ { printf "%.0f", $2 }' "$file")
    p50=$(to_ms "$(awk '$1 == "50%" { print $2 }' "$file")")
    p99=$(to_ms "$(awk '$1 == "99%" { print $2 }' "$file")")
    non2xx=$(awk '/Non-2xx/ { print $NF }' "$file"); non2xx=${non2xx:-0}
    errors=$(awk '/Socket errors/ { gsub(",", ""); print $4 + $6 + $8 + $10 }' "$file"); errors=${errors:-0}
    R[$1]="$rps $p50 $p99 $non2xx $errors"
    printf '  %-7s %6s req/s  p50 %8s ms  p99 %8s ms  non-2xx %5s  errors/timeouts %5s\n' "$1" "$rps" "$p50" "$p99" "$non2xx" "$errors"
}

say "4. load: warm-up, then before / outage ($OUTAGE) / after, $DURATION each, wrk -t$THREADS -c$CONNS --timeout $TIMEOUT"
wrk -t"$THREADS" -c"$CONNS" -d5s -s "$WORK/rotation.lua" "$BASE" >"$RESULTS/wrk-warmup.txt" 2>&1
run before
if [[ $OUTAGE == kill ]]; then stop_pid "$REDIS_PID"; REDIS_PID=; else kill -STOP "$REDIS_PID"; fi
run outage
if [[ $OUTAGE == kill ]]; then start_redis; else kill -CONT "$REDIS_PID"; fi
run after
fresh=$(redis-cli -h "$HOST" -p "$REDIS_PORT" --scan --pattern 'outage:*' | wc -l)

say "results ($(nproc) cores; Redis $OUTAGE for $DURATION; $(git -C "$ROOT" rev-parse --short HEAD))"
{
    printf '%-7s | %7s | %8s | %8s | %7s | %s\n' phase "req/s" "p50 ms" "p99 ms" non-2xx "errors/timeouts (wrk gave up after $TIMEOUT)"
    for phase in before outage after; do
        read -r rps p50 p99 non2xx errors <<<"${R[$phase]}"
        printf '%-7s | %7s | %8s | %8s | %7s | %s\n' "$phase" "$rps" "$p50" "$p99" "$non2xx" "$errors"
    done
    read -r _ _ p99 non2xx errors <<<"${R[outage]}"
    awk -v p="$p99" -v n="$non2xx" -v e="$errors" 'BEGIN { printf "outage target (0 non-2xx, p99 < 500 ms): %s\n", (n == 0 && e == 0 && p < 500) ? "PASS" : "MISSED" }'
    echo "keys in Redis after the run: $fresh (cached again)"
    echo "total: $(( $(date +%s) - started )) s; raw wrk output and app logs in ${RESULTS#"$ROOT/"}/"
} | tee "$RESULTS/table.txt"
