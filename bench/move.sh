#!/usr/bin/env bash
# Moving a site (issue 21): `site export` of a site with the demo content and 10,000 synthetic
# articles, then `site import` into a fresh installation (SQLite both sides), each timed (wall,
# CPU, peak memory), and the result checked: the same number of articles, subscribers and old
# addresses, and every media file byte for byte. Target: export + import within 2 minutes.
#   bench/move.sh                       # publish this tree, 10,000 articles
#   BENCH_ARTICLES=2000 bench/move.sh   # another size
#   BENCH_REUSE=1 bench/move.sh         # keep the published app and the seeded source of the last run
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT=$ROOT/bench/out/move
APP=$OUT/app
RESULTS=$OUT
ARTICLES=${BENCH_ARTICLES:-10000}
HOST=127.0.0.1
LOG_LEVEL=Warning
# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"

mkdir -p "$OUT"
if [[ ${BENCH_REUSE:-} != 1 || ! -f $APP/Visnyk.dll || ! -f $OUT/source/visnyk.db ]]; then
    say "publish (Release)"
    publish_app
    say "source: demo content + $ARTICLES synthetic articles"
    rm -rf "$OUT/source"
    seed_app "$OUT/seed.txt" Visnyk__DataDirectory="$OUT/source"
    # A subscriber and an old address, so that both travel too.
    python3 - "$OUT/source/visnyk.db" <<'EOF'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
article = db.execute("SELECT Id FROM Articles WHERE SiteId = 1 ORDER BY Id LIMIT 1").fetchone()[0]
db.execute("INSERT OR IGNORE INTO Subscribers (SiteId, Email, ConfirmedAt, Stamp, HardFailures) VALUES (1, 'reader@example.gov.ua', '2026-12-01 10:00:00', 'ABCDEF', 0)")
db.execute("INSERT OR IGNORE INTO OldAddresses (SiteId, Path, ArticleId) VALUES (1, '/old/news.html', ?)", (article,))
db.commit()
EOF
fi

timed() { # $1 label, then the command (run in $APP): prints wall s, CPU s, peak RSS MB
    local label=$1
    shift
    ( cd "$APP" && env Logging__LogLevel__Default=Warning /usr/bin/time -f '%e %U %S %M' -o "$OUT/time-$label.txt" "$@" ) \
        >"$OUT/$label.out" 2> >(tr '\r' '\n' | grep -v '^\[' >"$OUT/$label.err") || { cat "$OUT/$label.err" >&2; die "$label failed"; }
    read -r wall user system rss <"$OUT/time-$label.txt"
    printf '%-8s %7.1f s wall %7.1f s CPU %6d MB peak\n' "$label" "$wall" "$(echo "$user + $system" | bc)" "$((rss / 1024))"
    tail -n 3 "$OUT/$label.out"
}

say "move"
rm -rf "$OUT/target" "$OUT/site.zst"
timed export dotnet Visnyk.dll site export 1 "$OUT/site.zst" --Visnyk:DataDirectory="$OUT/source"
timed import dotnet Visnyk.dll site import "$OUT/site.zst" --host hromada.example --Visnyk:DataDirectory="$OUT/target" --Visnyk:DemoContent=false
ls -l "$OUT/site.zst" | awk '{ printf "archive: %.1f MB\n", $5 / 1048576 }'

say "check"
python3 - "$OUT/source" "$OUT/target" <<'EOF'
import hashlib, os, sqlite3, sys
source, target = sys.argv[1], sys.argv[2]
def counts(folder, site):
    db = sqlite3.connect(os.path.join(folder, "visnyk.db"))
    q = lambda sql: db.execute(sql, (site,)).fetchall()
    return {
        "articles": sorted(q("SELECT Id, Slug, Title, PublishedAt FROM Articles WHERE SiteId = ?")),
        "subscribers": sorted(q("SELECT Email, ConfirmedAt, Stamp FROM Subscribers WHERE SiteId = ?")),
        "old addresses": sorted(q("SELECT Path FROM OldAddresses WHERE SiteId = ?")),
        "images": sorted(q("SELECT Key, Widths FROM Images WHERE SiteId = ?")),
    }
a = counts(source, 1)
b_db = sqlite3.connect(os.path.join(target, "visnyk.db"))
moved = b_db.execute("SELECT SiteId FROM SiteHosts WHERE Host = 'hromada.example'").fetchone()[0]
b = counts(target, moved)
ok = True
for name in a:
    same = a[name] == b[name]
    ok &= same
    print(f"{name:14} {len(a[name]):6} → {len(b[name]):6}  {'identical' if same else 'DIFFERENT'}")
def sha(path):
    return hashlib.sha256(open(path, "rb").read()).hexdigest()
files = [f"{key}-{w}.{ext}" for key, widths in a["images"] for w in widths.split(",") for ext in ("jpg", "webp")]
files = [f for f in files if os.path.exists(os.path.join(source, "media", f))]
same = sum(1 for f in files if os.path.exists(os.path.join(target, "media", f)) and sha(os.path.join(source, "media", f)) == sha(os.path.join(target, "media", f)))
ok &= same == len(files)
print(f"media files    {len(files):6} → {same:6}  {'identical (SHA-256)' if same == len(files) else 'DIFFERENT'}")
sys.exit(0 if ok else 1)
EOF
awk '{ w += $1 } END { printf "\nexport + import: %.1f s wall (target <= 120 s): %s\n", w, w <= 120 ? "PASS" : "BELOW" }' "$OUT/time-export.txt" "$OUT/time-import.txt"
