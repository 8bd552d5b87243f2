#!/usr/bin/env bash
# The static mirror (issue 19): how fast the whole site becomes static files. Publishes Visnyk in
# Release, seeds a fresh data folder (the demo content + BENCH_ARTICLES synthetic articles), then
#   1. `mirror export DIR`: the command (its own process, its own search index, no cache), timed
#      as a whole and as its own line reports it; pages/s of each; as deploy/visnyk-mirror.service
#      runs it (its DOTNET_ settings), then again with .NET's defaults;
#   2. the mirror the site keeps itself (Visnyk__Mirror__Directory, Mirror/MirrorSync): the site is
#      started on the same data and the time to its first pass over the whole site (the marker
#      file written) is measured, from the process start and from "Application started".
# Target (issue 19): a full export at >= 200 pages/s on the 10,000-article data.
#
#   bench/mirror.sh                        publish, seed 10,000, measure
#   BENCH_ARTICLES=2000 bench/mirror.sh    a smaller site
#   BENCH_REUSE=1 bench/mirror.sh          reuse bench/out/mirror-app and bench/out/mirror-data-N
set -Eeuo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
OUT=$ROOT/bench/out
APP=$OUT/mirror-app
RESULTS=$OUT/results
HOST=127.0.0.1
PORT=${BENCH_PORT:-5394}
PUBLIC=https://news.example.gov.ua
APP_PID=

# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"
page_settings
DATA=$OUT/mirror-data-$ARTICLES
trap 'rc=$?; stop_pid "$APP_PID"; exit $rc' EXIT
trap 'die "line $LINENO: $BASH_COMMAND"' ERR
trap 'exit 130' INT TERM
mkdir -p "$OUT" "$RESULTS"

if [[ -n ${BENCH_REUSE:-} && -f $APP/Visnyk.dll && -d $DATA ]]; then
    say "reusing $APP and $DATA"
else
    say "publish"
    publish_app
    say "seed: demo content + $ARTICLES articles"
    rm -rf "$DATA"
    seed_app "$RESULTS/mirror-seed.txt" Visnyk__DataDirectory="$DATA"
fi

now() { date +%s.%N; }
rate() { awk -v n="$1" -v s="$2" 'BEGIN { printf "%.1f", n / s }'; }

# As deploy/visnyk-mirror.service runs it (its DOTNET_ settings), then with .NET's defaults.
UNIT_ENV=$(grep -oE '^Environment=DOTNET_[A-Za-z0-9_]+=[^ ]+' "$ROOT/deploy/visnyk-mirror.service" | sed 's/^Environment=//' | tr '\n' ' ')
export_once() { # $1 label, then environment assignments -> "pages wall own"
    local label=$1 t0 t1
    shift
    rm -rf "$OUT/mirror-export"
    t0=$(now)
    ( cd "$APP" && env Visnyk__DataDirectory="$DATA" Logging__LogLevel__Default="$LOG_LEVEL" "$@" \
        dotnet Visnyk.dll mirror export "$OUT/mirror-export" --Visnyk:PublicUrl=$PUBLIC ) \
        2> >(tr '\r' '\n' | grep -v '%' >&2) >"$RESULTS/mirror-export-$label.txt"
    t1=$(now)
    cat "$RESULTS/mirror-export-$label.txt" >&2
    # "Дзеркало в DIR: 2534 сторінок, 2894 файлів, 68.3 МБ за 509.9 с."
    echo "$(grep -oE '[0-9]+ сторінок' "$RESULTS/mirror-export-$label.txt" | grep -oE '^[0-9]+')" \
        "$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }')" \
        "$(grep -oE 'за [0-9.]+ с' "$RESULTS/mirror-export-$label.txt" | grep -oE '[0-9.]+')"
}
say "1. mirror export, as deploy/visnyk-mirror.service runs it: ${UNIT_ENV:-no DOTNET_ settings}"
# shellcheck disable=SC2086
read -r pages wall own < <(export_once unit $UNIT_ENV)
files=$(find "$OUT/mirror-export" -type f | wc -l)
say "1b. mirror export with .NET's default settings"
read -r dpages dwall down < <(export_once default)

say "2. the mirror the site keeps (Visnyk__Mirror__Directory)"
rm -rf "$OUT/mirror-live"
port_busy "$PORT" && die "port $PORT is in use (set BENCH_PORT)"
s0=$(now)
( cd "$APP" && exec env ASPNETCORE_URLS="http://$HOST:$PORT" ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default="$LOG_LEVEL" \
    Logging__LogLevel__Visnyk.Mirror=Information Logging__LogLevel__Microsoft.Hosting.Lifetime=Information Visnyk__DataDirectory="$DATA" Visnyk__PublicUrl=$PUBLIC \
    Visnyk__Mirror__Directory="$OUT/mirror-live" Visnyk__SearchIndexDirectory="$OUT/mirror-live-index" dotnet Visnyk.dll ) \
    >"$RESULTS/app-mirror.log" 2>&1 &
APP_PID=$!
started=
for _ in $(seq 36000); do
    [[ -z $started ]] && grep -q "Application started" "$RESULTS/app-mirror.log" && started=$(now)
    [[ -f $OUT/mirror-live/.visnyk-mirror ]] && break
    kill -0 "$APP_PID" 2>/dev/null || die "the site stopped: see $RESULTS/app-mirror.log"
    sleep 0.1
done
s1=$(now)
stop_pid "$APP_PID"
APP_PID=
live_pages=$(find "$OUT/mirror-live" -name index.html | wc -l)
from_start=$(awk -v a="$s0" -v b="$s1" 'BEGIN { printf "%.1f", b - a }')
from_ready=$(awk -v a="${started:-$s0}" -v b="$s1" 'BEGIN { printf "%.1f", b - a }')

say "results ($ARTICLES synthetic articles + the demo content, $(nproc) cores)"
printf '%-52s %8s %8s %10s\n' "" pages "s" "pages/s"
printf '%-52s %8s %8s %10s\n' "mirror export, whole command (start, index, crawl)" "$pages" "$wall" "$(rate "$pages" "$wall")"
printf '%-52s %8s %8s %10s\n' "mirror export, as it reports itself" "$pages" "$own" "$(rate "$pages" "$own")"
printf '%-52s %8s %8s %10s\n' "the same, .NET's default GC: whole command" "$dpages" "$dwall" "$(rate "$dpages" "$dwall")"
printf '%-52s %8s %8s %10s\n' "the same, .NET's default GC: as it reports itself" "$dpages" "$down" "$(rate "$dpages" "$down")"
printf '%-52s %8s %8s %10s\n' "site's own mirror, first pass, from process start" "$live_pages" "$from_start" "$(rate "$live_pages" "$from_start")"
printf '%-52s %8s %8s %10s\n' "site's own mirror, first pass, from 'started'" "$live_pages" "$from_ready" "$(rate "$live_pages" "$from_ready")"
echo "export: $files files; target: >= 200 pages/s at 10,000 articles"
