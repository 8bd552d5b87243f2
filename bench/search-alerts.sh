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

DATA=${BENCH_DATA:-}
if [[ -z $DATA ]]; then
    DATA=$OUT/data
    if [[ ! -f $DATA/visnyk.db ]]; then
        say "seed demo + $ARTICLES articles"
        rm -rf "$DATA"
        ( cd "$OUT/bin" && Visnyk__DataDirectory=$DATA Logging__LogLevel__Default=$LOG_LEVEL dotnet Visnyk.dll seed --synthetic "$ARTICLES" --demo ) | tail -n 2
    fi
fi
[[ -f $DATA/visnyk.db ]] || die "no SQLite database in $DATA"
# A copy: the program replaces the saved searches, and a site may be running on the original.
rm -rf "$OUT/copy"
mkdir -p "$OUT/copy"
cp "$DATA/visnyk.db" "$OUT/copy/"

wait_for_quiet
say "saved searches $COUNTS, each count matched against the $MATCHED newest articles"
dotnet "$OUT/bin/SearchAlerts.dll" "$OUT/copy" "$ROOT/bench/search-queries.tsv" "$COUNTS" "$MATCHED" | tee "$OUT/table.txt"
