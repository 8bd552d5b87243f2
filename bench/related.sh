#!/usr/bin/env bash
# Uncached "Новини за темою" (NewsSearch.Related) before and after a change, in one run: the
# console program bench/related built against this checkout and against BENCH_BEFORE (a git
# worktree), run in turn on one copy of one search index. See bench/README.md.
#
#   bench/related.sh                              # seed demo + 10,000 articles, reindex, compare
#   BENCH_DATA=/tmp/rel-data bench/related.sh     # a data folder whose search index is built
#   BENCH_BEFORE=REV BENCH_LIMIT=1000 BENCH_PAIRS=2 BENCH_ROUNDS=2 bench/related.sh
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT=$ROOT/bench/out/related
ARTICLES=${BENCH_ARTICLES:-10000}
LIMIT=${BENCH_LIMIT:-1000}
PAIRS=${BENCH_PAIRS:-2}
ROUNDS=${BENCH_ROUNDS:-2}
# The code before TellingWords, unless told otherwise.
BEFORE=${BENCH_BEFORE:-$(git -C "$ROOT" log --format=%H --diff-filter=A -- src/Visnyk/Search/TellingWords.cs | tail -1)^}
HOST=127.0.0.1
LOG_LEVEL=Warning
export BENCH_IDLE_WAIT=${BENCH_IDLE_WAIT:-20}
# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"

mkdir -p "$OUT"
rev=$(git -C "$ROOT" rev-parse --short "$BEFORE^{commit}") || die "no git revision $BEFORE"
say "build: this checkout and $rev (Release)"
dotnet build "$ROOT/bench/related" -c Release -o "$OUT/after" -nologo -v quiet >/dev/null || die "build failed"
rm -rf "$OUT/src-before"
git -C "$ROOT" worktree prune
git -C "$ROOT" worktree add -q --detach "$OUT/src-before" "$rev"
cp -r "$ROOT/bench/related" "$OUT/src-before/bench/"
rm -rf "$OUT/src-before/bench/related/bin" "$OUT/src-before/bench/related/obj"
dotnet build "$OUT/src-before/bench/related" -c Release -o "$OUT/before" -nologo -v quiet >/dev/null || die "build of $rev failed"

DATA=${BENCH_DATA:-}
if [[ -z $DATA ]]; then
    DATA=$OUT/data
    if [[ ! -d $DATA/search ]]; then
        say "seed demo + $ARTICLES articles, reindex"
        rm -rf "$DATA"
        ( cd "$OUT/after" && Visnyk__DataDirectory=$DATA Logging__LogLevel__Default=$LOG_LEVEL dotnet Visnyk.dll seed --synthetic "$ARTICLES" --demo \
            && Visnyk__DataDirectory=$DATA Logging__LogLevel__Default=$LOG_LEVEL dotnet Visnyk.dll reindex ) | tail -n 2
    fi
fi
[[ -d $DATA/search ]] || die "no search index in $DATA/search"
# A copy: the program holds the index folder, and a site may be running on the original.
rm -rf "$OUT/index"
cp -r "$DATA/search" "$OUT/index"

say "$LIMIT articles of site 1, $ROUNDS rounds a run (the last counts), $PAIRS pairs before/after in turn"
table=$OUT/table.txt
: >"$table"
for pair in $(seq "$PAIRS"); do
    for which in before after; do
        wait_for_quiet
        line=$(dotnet "$OUT/$which/Related.dll" "$OUT/index" "$ROUNDS" "$LIMIT" | tee "$OUT/$which-$pair.log" | tail -n 1)
        echo "$which $pair: $line" | tee -a "$table"
    done
done
git -C "$ROOT" worktree remove --force "$OUT/src-before"

say "result ($rev → $(git -C "$ROOT" rev-parse --short HEAD)$(git -C "$ROOT" diff --quiet HEAD -- src || echo ' + changes'))"
awk '
    { rate[$1] += $5; n[$1]++; sum[$1] = $NF }
    END {
        b = rate["before"] / n["before"]; a = rate["after"] / n["after"]
        printf "before %.1f calls/s, after %.1f calls/s: x%.1f\n", b, a, a / b
        printf "checksums: before %s, after %s: %s\n", sum["before"], sum["after"], sum["before"] == sum["after"] ? "the same related news" : "DIFFERENT related news"
    }' "$table"
