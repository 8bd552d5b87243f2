#!/usr/bin/env bash
# Search alerts (issue 20): saved searches matched against a new article, as a publication matches
# them (Newsletter/SearchAlerts), at 10,000 and 100,000 saved searches in one run: time per
# article, matches, what one match allocates, the process's managed heap and RSS. The console
# program bench/search-alerts on a copy of a data folder with 10,000 synthetic articles. See
# bench/README.md.
#
#   bench/search-alerts.sh                          # seed demo + 10,000 articles, then measure
#   BENCH_DATA=/tmp/rel-data bench/search-alerts.sh # a SQLite data folder seeded before
#   BENCH_COUNTS=10000,100000 BENCH_MATCHED=20 bench/search-alerts.sh
#   BENCH_POSTGRES=1 bench/search-alerts.sh         # on PostgreSQL: tests/servers/start.sh's server, a
#                                                   # database of its own (BENCH_PG_DATABASE, visnyk_alerts)
#                                                   # seeded once (demo + BENCH_ARTICLES), kept for reuse
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT=$ROOT/bench/out/search-alerts
ARTICLES=${BENCH_ARTICLES:-10000}
COUNTS=${BENCH_COUNTS:-10000,100000}
MATCHED=${BENCH_MATCHED:-20}
HOST=127.0.0.1
LOG_LEVEL=Warning
export BENCH_IDLE_WAIT=${BENCH_IDLE_WAIT:-20}
# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"

mkdir -p "$OUT"
say "build (Release)"
dotnet build "$ROOT/bench/search-alerts" -c Release -o "$OUT/bin" -nologo -v quiet >/dev/null || die "build failed"

PG_ARGS=()
if [[ ${BENCH_POSTGRES:-0} == 1 ]]; then
    # PostgreSQL (started if not running) and a database of the benchmark's own: the program replaces
    # its saved searches, so it is never a site's. Seeded when it has no articles, then kept.
    eval "$("$ROOT/tests/servers/start.sh")"
    command -v psql >/dev/null || die "psql is missing"
    PGDB=${BENCH_PG_DATABASE:-visnyk_alerts}
    conn_value() { sed -n "s/.*$1=\([^;]*\).*/\1/p" <<<"$VISNYK_TEST_POSTGRES"; }
    pg_in() { local db=$1; shift; psql -h "$(conn_value Host)" -p "$(conn_value Port)" -U "$(conn_value Username)" -d "$db" -v ON_ERROR_STOP=1 -qAt "$@"; }
    PG_CONN="$VISNYK_TEST_POSTGRES;Database=$PGDB"
    DATA=$OUT/pg-data
    if (( $(pg_in "$PGDB" -c 'SELECT COUNT(*) FROM "Articles"' 2>/dev/null || echo 0) == 0 )); then
        say "seed PostgreSQL ($PGDB): demo + $ARTICLES articles"
        pg_in postgres -c "DROP DATABASE IF EXISTS \"$PGDB\" WITH (FORCE)" -c "CREATE DATABASE \"$PGDB\""
        rm -rf "$DATA"
        ( cd "$OUT/bin" && Visnyk__DataDirectory=$DATA Visnyk__PostgreSql="$PG_CONN" Logging__LogLevel__Default=$LOG_LEVEL \
            dotnet Visnyk.dll seed --synthetic "$ARTICLES" --demo ) | tail -n 2
    fi
    echo "PostgreSQL $(pg_in postgres -c 'SHOW server_version') on $(conn_value Host):$(conn_value Port), database $PGDB: $(pg_in "$PGDB" -c 'SELECT COUNT(*) FROM "Articles"') articles"
    PG_ARGS=("--Visnyk:PostgreSql=$PG_CONN")
    mkdir -p "$DATA"
    COPY=$DATA
fi

DATA=${DATA:-${BENCH_DATA:-}}
if [[ -z ${COPY:-} && -z $DATA ]]; then
    DATA=$OUT/data
    if [[ ! -f $DATA/visnyk.db ]]; then
        say "seed demo + $ARTICLES articles"
        rm -rf "$DATA"
        ( cd "$OUT/bin" && Visnyk__DataDirectory=$DATA Logging__LogLevel__Default=$LOG_LEVEL dotnet Visnyk.dll seed --synthetic "$ARTICLES" --demo ) | tail -n 2
    fi
fi
if [[ -z ${COPY:-} ]]; then
    [[ -f $DATA/visnyk.db ]] || die "no SQLite database in $DATA"
    # A copy: the program replaces the saved searches, and a site may be running on the original.
    rm -rf "$OUT/copy"
    mkdir -p "$OUT/copy"
    cp "$DATA/visnyk.db" "$OUT/copy/"
    COPY=$OUT/copy
fi

wait_for_quiet
say "saved searches $COUNTS, each count matched against the $MATCHED newest articles"
echo "load: $(uptime | sed 's/.*load average/load average/')"
dotnet "$OUT/bin/SearchAlerts.dll" "$COPY" "$ROOT/bench/search-queries.tsv" "$COUNTS" "$MATCHED" "${PG_ARGS[@]}" \
    | tee "$OUT/table$( [[ -n ${PG_CONN:-} ]] && echo -postgresql ).txt"
