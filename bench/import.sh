#!/usr/bin/env bash
# The WordPress import (issue 15, point 6): text-only exports of 500, 2,001 and 10,000 posts made by
# bench/make-wxr.py, each imported into a fresh data folder (SQLite), then imported again (nothing
# changed). Prints the wall time, the CPU time and the peak resident memory of each run, and whether
# the run still succeeds with the .NET heap capped (BENCH_HEAP_MB, 64 MB): memory that does not grow
# with the number of posts. Target: 2,001 posts in under 20 s.
#   bench/import.sh                                # publish this tree, the three sizes
#   BENCH_SIZES="2001" bench/import.sh             # other sizes
#   BENCH_BEFORE=REV bench/import.sh               # also the code at git revision REV (2,001 posts only, once)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT=$ROOT/bench/out/import
APP=$OUT/app
RESULTS=$OUT
SIZES=${BENCH_SIZES:-500 2001 10000}
HEAP_MB=${BENCH_HEAP_MB:-64}
BEFORE=${BENCH_BEFORE:-}
HOST=127.0.0.1
LOG_LEVEL=Warning
# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"

mkdir -p "$OUT"
say "publish (Release)"
publish_app
if [[ -n $BEFORE ]]; then
    rev=$(git -C "$ROOT" rev-parse --short "$BEFORE^{commit}") || die "no git revision $BEFORE"
    rm -rf "$OUT/before-src" "$OUT/app-before"
    mkdir -p "$OUT/before-src"
    git -C "$ROOT" archive "$rev" | tar -x -C "$OUT/before-src"
    dotnet publish "$OUT/before-src/src/Visnyk" -c Release -o "$OUT/app-before" -nologo -v quiet || die "dotnet publish of $BEFORE failed"
    BEFORE=$rev
fi

say "exports"
for n in $SIZES; do
    [[ -s $OUT/export-$n.xml ]] || python3 "$ROOT/bench/make-wxr.py" "$n" >"$OUT/export-$n.xml"
    echo "$n posts: $(du -h "$OUT/export-$n.xml" | cut -f1)"
done

ROWS=()
# $1 label, $2 app folder, $3 export, $4 data folder, then environment assignments.
import_once() {
    local label=$1 app=$2 file=$3 data=$4 timing
    shift 4
    timing=$OUT/time.txt
    if ! ( cd "$app" && env "$@" /usr/bin/time -f '%e %U %S %M' -o "$timing" \
        dotnet Visnyk.dll import wordpress "$file" --department "Прес-служба" --Visnyk:DataDirectory="$data" \
        --Logging:LogLevel:Default=$LOG_LEVEL ) >"$OUT/$label.out" 2>"$OUT/$label.err"; then
        ROWS+=("$(printf '%-34s %s' "$label" "FAILED (see $OUT/$label.err)")")
        return 1
    fi
    read -r wall user sys rss <"$timing"
    ROWS+=("$(awk -v l="$label" -v w="$wall" -v u="$user" -v s="$sys" -v r="$rss" -v o="$(tail -1 "$OUT/$label.out" | grep -o 'нових новин [0-9]*, оновлено [0-9]*, без змін [0-9]*')" \
        'BEGIN { printf "%-34s %8.1f s %8.1f s %8d MB   %s", l, w, u + s, r / 1024, o }')")
}

say "import"
for n in $SIZES; do
    rm -rf "$OUT/data-$n"
    import_once "$n posts" "$APP" "$OUT/export-$n.xml" "$OUT/data-$n" || true
    import_once "$n posts, again (unchanged)" "$APP" "$OUT/export-$n.xml" "$OUT/data-$n" || true
    rm -rf "$OUT/data-$n"
    import_once "$n posts, heap capped at $HEAP_MB MB" "$APP" "$OUT/export-$n.xml" "$OUT/data-$n" \
        DOTNET_GCHeapHardLimit="$(printf '0x%x' $((HEAP_MB * 1024 * 1024)))" || true
    rm -rf "$OUT/data-$n"
done
if [[ -n $BEFORE && -s $OUT/export-2001.xml ]]; then
    rm -rf "$OUT/data-before"
    import_once "2001 posts, $BEFORE" "$OUT/app-before" "$OUT/export-2001.xml" "$OUT/data-before" || true
    rm -rf "$OUT/data-before"
fi

say "results ($(nproc) cores, $(git -C "$ROOT" rev-parse --short HEAD); SQLite; wall, CPU, peak RSS)"
printf '%-34s %10s %10s %11s   %s\n' "run" "wall" "CPU" "peak RSS" "report"
printf '%s\n' "${ROWS[@]}" | tee "$OUT/results.txt"
awk '/^2001 posts  / { t = $3 } END { if (t == "") exit; printf "\ntarget: 2,001 posts in under 20 s: %.1f s %s\n", t, (t < 20 ? "PASS" : "BELOW") }' "$OUT/results.txt"
