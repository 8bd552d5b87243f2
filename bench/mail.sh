#!/usr/bin/env bash
# Mail benchmark: publishes Visnyk in Release, seeds synthetic articles (the newest BENCH_STORIES
# of them moved into the last day), creates confirmed subscribers over mixed topics, starts the
# site, decides a daily digest (writes its mailing row, as Digests does) and lets the site's own
# sender (MailSender: expansion into deliveries, then SMTP over MailKit with group-committed
# results) hand every message to a local SMTP sink (bench/smtp-sink.py). Prints messages per
# second, the expansion and send times, the total time and the app's peak memory, with CPU per
# phase; runs once per subscriber count (default 10,000 and 100,000) so the peaks can be
# compared: memory should stay flat, not grow with the subscriber count.
#
#   bench/mail.sh                              full run (publish, seed, both counts), ~10 minutes
#   BENCH_REUSE=1 bench/mail.sh                reuse bench/out/mail-app and the seeded base data
#   BENCH_SUBSCRIBERS=100000 bench/mail.sh     one count only
#   BENCH_KIND=search bench/mail.sh            a publication's alert to 10,000 subscribers whose saved
#                                              searches it matches (issue 20), among 100,000 searches
#   BENCH_KIND="digest search" BENCH_REUSE=1 BENCH_SUBSCRIBERS=10000 bench/mail.sh   both, one sitting
#
# BENCH_KIND=search: the base's newest news article is the one published; N subscribers (BENCH_SUBSCRIBERS,
# 10,000 when unset) each follow, Immediately, a saved search it matches (BENCH_MATCHING_SEARCHES
# distinct ones, default N: one each), and BENCH_OTHER_SEARCHES (90,000) saved searches it does not
# match are each followed by one more subscriber (BENCH_OTHER_FOLLOWED=1; 0: by nobody). The
# searches are made and classified by the app's own code (bench/search-mail: SavedSearch.For,
# SearchAlerts.MatchAsync). Once the app is up, the publication is decided as Publishing decides it
# (Alerts.DecideAsync: the article's PublishedAt and its "alert:<id>" mailing in one transaction);
# every matching subscriber must get exactly one delivery whose payload names their search
# (";s<search>:<article>"), nobody else any.
#
# Tunables (environment): BENCH_SUBSCRIBERS ("10000 100000"), BENCH_ARTICLES (2000: articles
# seeded), BENCH_STORIES (20: articles in the digest's day), BENCH_CONNECTIONS (8: the sender's
# SMTP connections, Visnyk:Mail:Connections), BENCH_RATE (100000: Visnyk:Mail:MessagesPerSecond,
# high so the throttle is not what is measured), BENCH_PORT (5393, HTTP), BENCH_SMTP_PORT (5394),
# BENCH_POLL (0.5 s), BENCH_TIMEOUT (1800 s per run), BENCH_LOG_LEVEL (Warning), BENCH_IDLE_WAIT
# (90 s to wait for a quiet machine before each run), BENCH_PERF (0; 1: sample the app with perf
# during the expansion and for BENCH_PERF_SECONDS (15) of the send, and print the hottest
# functions; the figures of such a run include perf's cost), BENCH_SINK_QUICKACK (0; 1: the sink
# ACKs every TCP segment at once, a diagnostic: it takes away the delayed-ACK stall that a client
# without TCP_NODELAY meets, which real mail servers do not).
# Target (the issue): >= 500 messages/s on 2 cores, with memory that stays flat.
# Exits non-zero when a step fails (build, seed, start, a delivery not sent, a count that does not
# match); a missed target only prints BELOW.
set -Eeuo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
OUT=$ROOT/bench/out
# Its own app and data folders (as search.sh has), so pages.sh's bench/out/app is left alone.
APP=$OUT/mail-app
DATA=$OUT/mail-data
BASE=$DATA/base
RESULTS=$OUT/mail-results
HOST=127.0.0.1
PORT=${BENCH_PORT:-5393}
SMTP_PORT=${BENCH_SMTP_PORT:-5394}
KINDS=${BENCH_KIND:-digest}
for kind in $KINDS; do [[ $kind == digest || $kind == search ]] || { echo "BENCH_KIND: digest, search or both, not $kind" >&2; exit 2; }; done
has_search() { [[ " $KINDS " == *" search "* ]]; }
# A publication matching 10,000 subscribers' searches is issue 20's figure: one count by default.
if has_search; then SUBSCRIBER_COUNTS=${BENCH_SUBSCRIBERS:-10000}; else SUBSCRIBER_COUNTS=${BENCH_SUBSCRIBERS:-10000 100000}; fi
MATCHING_SEARCHES=${BENCH_MATCHING_SEARCHES:-}
OTHER_SEARCHES=${BENCH_OTHER_SEARCHES:-90000}
OTHER_FOLLOWED=${BENCH_OTHER_FOLLOWED:-1}
SEARCH_BIN=$OUT/search-mail-bin
# The rows' site (SiteId, NOT NULL since sites came): the default site, the only one of the base.
SITE=1
ARTICLES=${BENCH_ARTICLES:-2000}
STORIES=${BENCH_STORIES:-20}
CONNECTIONS=${BENCH_CONNECTIONS:-8}
RATE=${BENCH_RATE:-100000}
POLL=${BENCH_POLL:-0.5}
TIMEOUT=${BENCH_TIMEOUT:-1800}
LOG_LEVEL=${BENCH_LOG_LEVEL:-Warning}
TARGET_RATE=500
PERF=${BENCH_PERF:-0}
QUICKACK=${BENCH_SINK_QUICKACK:-0}
QUICKACK_SUFFIX=$( [[ $QUICKACK == 1 ]] && echo -quickack || true )   # results of a diagnostic run kept apart
PERF_SECONDS=${BENCH_PERF_SECONDS:-15}

started=$(date +%s)
APP_PID=
SINK_PID=
PERF_PID=

# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"
stop_app() { stop_pid "$APP_PID"; APP_PID=; }
stop_sink() { stop_pid "$SINK_PID"; SINK_PID=; }
start_perf() { # $1 name, $2 seconds at most: samples the app's threads (JIT frames named through DOTNET_PerfMapEnabled)
    perf record -F 499 -g -p "$APP_PID" -o "$RESULTS/perf-$1.data" -- sleep "$2" >"$RESULTS/perf-$1.log" 2>&1 &
    PERF_PID=$!
}
stop_perf() { [[ -n $PERF_PID ]] && { kill -INT "$PERF_PID" 2>/dev/null || true; wait "$PERF_PID" 2>/dev/null || true; }; PERF_PID=; }
trap 'rc=$?; stop_perf; stop_app; stop_sink; [[ $rc -ne 0 ]] && echo "bench: stopped (exit $rc) after $(( $(date +%s) - started )) s" >&2; exit $rc' EXIT
trap 'die "line $LINENO: $BASH_COMMAND"' ERR
trap 'exit 130' INT TERM

for tool in sqlite3 python3 curl; do command -v $tool >/dev/null || die "$tool is missing"; done
if [[ $PERF == 1 ]]; then command -v perf >/dev/null || die "BENCH_PERF=1 needs perf (apt-get install -y linux-perf)"; fi
mkdir -p "$OUT" "$RESULTS"
source_state() { # the commit, and the files of src/ that differ from it (the build takes the working tree)
    local dirty
    dirty=$(git -C "$ROOT" status --porcelain -- src 2>/dev/null | awk '{ print $2 }' | sed 's|^src/Visnyk/||' | paste -sd ' ' - || true)
    echo "$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')${dirty:+ + uncommitted: $dirty}"
}
echo "machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.1f GB", $2 / 1048576 }' /proc/meminfo); source $(source_state)"
echo "kind: $KINDS; subscribers: $SUBSCRIBER_COUNTS; digest: $STORIES of $ARTICLES articles; sender: $CONNECTIONS connections, throttle $RATE/s$( [[ $QUICKACK == 1 ]] && echo '; sink: --quickack (diagnostic)' )"

sql() { sqlite3 -batch -cmd '.timeout 10000' "$@"; }

# ---------------------------------------------------------------------------------------------
if [[ ${BENCH_REUSE:-0} == 1 && -f $APP/Visnyk.dll && -f $BASE/visnyk.db ]]; then
    say "1-2. reusing $APP and $BASE (BENCH_REUSE=1)"
    [[ -f $APP/bench-source.txt ]] && cat "$APP/bench-source.txt"
else
    say "1. publish (Release)"
    rm -rf "$APP"
    t0=$(date +%s)
    dotnet publish "$ROOT/src/Visnyk" -c Release -o "$APP" -nologo -v quiet || die "dotnet publish failed"
    echo "published in $(( $(date +%s) - t0 )) s from $(source_state)" | tee "$APP/bench-source.txt"

    say "2. base data: $ARTICLES synthetic articles and their search index"
    rm -rf "$BASE"
    mkdir -p "$BASE"
    # seed migrates the new database; reindex builds the search index now, so that the app does
    # not build it in the background while it sends.
    ( cd "$APP" && Visnyk__DataDirectory="$BASE" Visnyk__DemoContent=false Logging__LogLevel__Default="$LOG_LEVEL" \
        timeout 1800 dotnet Visnyk.dll seed --synthetic "$ARTICLES" ) 2> >(tr '\r' '\n' | tail -n 1 >&2) || die "seed failed"
    ( cd "$APP" && Visnyk__DataDirectory="$BASE" Visnyk__DemoContent=false Logging__LogLevel__Default="$LOG_LEVEL" \
        timeout 1800 dotnet Visnyk.dll reindex ) 2> >(tr '\r' '\n' | grep -v '^\[' | tail -n 2 >&2) | tail -n 1 || die "reindex failed"
fi
[[ $(sql "$BASE/visnyk.db" 'SELECT COUNT(*) FROM Subscribers') == 0 ]] || die "$BASE has subscribers; delete it and run again"
if has_search; then
    # Built against the same working tree (its saved searches' keys and stems are the app's own).
    say "search kind: build bench/search-mail (Release)"
    dotnet build "$ROOT/bench/search-mail" -c Release -o "$SEARCH_BIN" -nologo -v quiet >/dev/null || die "dotnet build bench/search-mail failed"
fi

# ---------------------------------------------------------------------------------------------
# The machine may be shared (tests, builds): wait for it to be quiet, then count the CPU that is
# neither the app's nor the sink's while sending ("other", % of all cores).
CORES=$(nproc)
proc_kb() { awk -v k="$2:" '$1 == k { print $2 }' "/proc/$1/status" 2>/dev/null || echo 0; }

# ---------------------------------------------------------------------------------------------
# One run's data: a copy of the base, the digest's articles moved into the last day, and N
# subscribers with their subscriptions. The digest itself is decided later, once the app is up.
prepare() { # $1 subscribers, $2 data folder
    local n=$1 dir=$2 db=$2/visnyk.db
    rm -rf "$dir"
    cp -a "$BASE" "$dir"
    local now kyiv_today step
    now=$(date -u '+%Y-%m-%d %H:%M:%S.%6N')
    kyiv_today=$(TZ=Europe/Kyiv date '+%Y-%m-%d')
    step=$(( 1380 / STORIES ))   # minutes between the digest's articles: all within 23 hours
    PERIOD_FROM=$(sql "$db" "SELECT strftime('%Y-%m-%d %H:%M:%f', '$now', '-24 hours')")
    PERIOD_TO=$now
    # Enum values: ArticleStatus.Published = 2; TopicKind All 0, Department 1, Tag 2; Frequency
    # Immediately 0, Daily 1, Weekly 2; MailingKind.DailyDigest = 2.
    # Topics (by a hash of the subscriber's id, so every run gets the same mix):
    #   40% all news daily (a tenth of them also one department weekly),
    #   30% one department daily (a tenth also one tag immediately),
    #   25% one tag daily, half of them a second tag (a tenth also one department weekly),
    #    5% all news weekly only (no daily digest for them).
    # Today's real daily digest ("daily:<Kyiv date>", which the sender decides by itself once the
    # digest time has passed) is written as already expanded, for nobody: so the app decides no
    # digest of its own and the benchmark's mailing ("daily:bench") is the only one sent.
    sql "$db" <<SQL
BEGIN;
UPDATE Articles SET PublishedAt = o.At, UpdatedAt = o.At
FROM (SELECT Id, strftime('%Y-%m-%d %H:%M:%f', '$now', printf('-%d minutes', 10 + r * $step)) AS At
      FROM (SELECT Id, row_number() OVER (ORDER BY PublishedAt DESC, Id DESC) - 1 AS r FROM Articles WHERE Status = 2)
      WHERE r < $STORIES) AS o
WHERE Articles.Id = o.Id;

CREATE TEMP TABLE n (i INTEGER PRIMARY KEY, b INTEGER, x INTEGER);
WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < $n)
INSERT INTO n SELECT i, (i * 2654435761) % 4294967296 % 100, (i * 40503 + 12345) % 65536 FROM c;
CREATE TEMP TABLE d AS SELECT row_number() OVER (ORDER BY Id) - 1 AS k, Id FROM Departments;
CREATE TEMP TABLE t AS SELECT row_number() OVER (ORDER BY Id) - 1 AS k, Id FROM Tags;
CREATE TEMP TABLE z AS SELECT (SELECT COUNT(*) FROM d) AS nd, (SELECT COUNT(*) FROM t) AS nt;

INSERT INTO Subscribers (Id, SiteId, Email, ConfirmedAt, Stamp, HardFailures, UndeliverableAt)
SELECT i, $SITE, printf('reader%d@mail%d.example.org', i, i % 97), '$now', upper(hex(randomblob(16))), 0, NULL FROM n;

INSERT INTO Subscriptions (SiteId, SubscriberId, Kind, TopicId, Frequency)
SELECT $SITE, * FROM (
SELECT i, 0, 0, 1 FROM n WHERE b < 40
UNION ALL SELECT i, 1, (SELECT Id FROM d WHERE k = x / 10 % (SELECT nd FROM z)), 2 FROM n WHERE b < 40 AND x % 10 = 0
UNION ALL SELECT i, 1, (SELECT Id FROM d WHERE k = x % (SELECT nd FROM z)), 1 FROM n WHERE b >= 40 AND b < 70
UNION ALL SELECT i, 2, (SELECT Id FROM t WHERE k = x / 10 % (SELECT nt FROM z)), 0 FROM n WHERE b >= 40 AND b < 70 AND x % 10 = 1
UNION ALL SELECT i, 2, (SELECT Id FROM t WHERE k = x % (SELECT nt FROM z)), 1 FROM n WHERE b >= 70 AND b < 95
UNION ALL SELECT i, 2, (SELECT Id FROM t WHERE k = (x + 1 + x / 64 % ((SELECT nt FROM z) - 1)) % (SELECT nt FROM z)), 1
          FROM n WHERE b >= 70 AND b < 95 AND x % 2 = 0
UNION ALL SELECT i, 1, (SELECT Id FROM d WHERE k = x / 10 % (SELECT nd FROM z)), 2 FROM n WHERE b >= 70 AND b < 95 AND x % 10 = 2
UNION ALL SELECT i, 0, 0, 2 FROM n WHERE b >= 95);

INSERT INTO Mailings (SiteId, Kind, Key, ArticleId, ChangeNoteId, "From", "To", CreatedAt, Cursor, ExpandedAt, Sent, Failed, Cancelled)
VALUES ($SITE, 2, 'daily:$kyiv_today', NULL, NULL, '$PERIOD_FROM', '$PERIOD_TO', '$now', $n, '$now', 0, 0, 0);
COMMIT;
ANALYZE;
SQL
    # What the expansion should produce, computed here independently of the app: one delivery per
    # subscriber with a daily subscription matching at least one of the digest's articles, and the
    # (subscriber, article) pairs its payloads should list.
    read -r EXPECTED EXPECTED_PAIRS STORY_COUNT SUBSCRIPTION_COUNT < <(sql -separator ' ' "$db" "
        WITH story AS (SELECT Id FROM Articles WHERE Status = 2 AND PublishedAt >= '$PERIOD_FROM' AND PublishedAt < '$PERIOD_TO'),
             pair AS (SELECT DISTINCT s.SubscriberId, st.Id FROM Subscriptions s, story st WHERE s.Frequency = 1 AND (s.Kind = 0
                         OR s.Kind = 1 AND s.TopicId IN (SELECT DepartmentsId FROM ArticleDepartments WHERE ArticleId = st.Id)
                         OR s.Kind = 2 AND s.TopicId IN (SELECT TagsId FROM ArticleTags WHERE ArticleId = st.Id)))
        SELECT (SELECT COUNT(DISTINCT SubscriberId) FROM pair), (SELECT COUNT(*) FROM pair), (SELECT COUNT(*) FROM story),
               (SELECT COUNT(*) FROM Subscriptions)")
    [[ $STORY_COUNT == "$STORIES" ]] || die "the digest's period holds $STORY_COUNT articles, expected $STORIES"
}

# BENCH_KIND=search: a copy of the base whose newest news article is about to be published, the
# saved searches (bench/search-mail), and the subscribers following them, Immediately.
prepare_search() { # $1 subscribers following a matching search, $2 data folder
    local n=$1 dir=$2 db=$2/visnyk.db
    local m=${MATCHING_SEARCHES:-$1} now
    rm -rf "$dir"
    cp -a "$BASE" "$dir"
    now=$(date -u '+%Y-%m-%d %H:%M:%S.%6N')
    KYIV_DAY=$(TZ=Europe/Kyiv date '+%Y-%m-%d')
    ARTICLE=$(sql "$db" "SELECT Id FROM Articles WHERE SiteId = $SITE AND Status = 2 AND Kind = 0 AND Language = 'uk' ORDER BY PublishedAt DESC, Id DESC LIMIT 1")
    [[ -n $ARTICLE ]] || die "no published news in $BASE"
    # Published today (its date is what the searches' date filters see); the decision sets the time.
    sql "$db" "UPDATE Articles SET PublishedAt = '$now', UpdatedAt = '$now' WHERE Id = $ARTICLE"
    ( cd "$SEARCH_BIN" && dotnet SearchMail.dll "$dir" "$ROOT/bench/search-queries.tsv" "$ARTICLE" "$m" "$OTHER_SEARCHES" "$dir/searches" ) \
        | sed 's/^/  /' || die "bench/search-mail failed"
    [[ $(wc -l <"$dir/searches/matching.txt") == "$m" ]] || die "bench/search-mail made $(wc -l <"$dir/searches/matching.txt") matching searches, expected $m"
    # Subscriber k (0-based) of the N follows matching search k mod M; then one subscriber per other
    # search (BENCH_OTHER_FOLLOWED=1). Their ids in a shuffled order (a bijective hash of the row),
    # so those to mail are spread through the expansion's batches. bench_matching (a table of the
    # benchmark's own, which the app ignores) keeps the matching searches' ids for the checks.
    # Today's daily digest is written as already done, as for the digest (the app decides none).
    sql "$db" <<SQL
CREATE TABLE bench_matching (Id INTEGER PRIMARY KEY);
CREATE TEMP TABLE o (Id INTEGER PRIMARY KEY);
.import $dir/searches/matching.txt bench_matching
.import $dir/searches/others.txt o
BEGIN;
CREATE TEMP TABLE mk AS SELECT row_number() OVER (ORDER BY Id) - 1 AS k, Id FROM bench_matching;
CREATE TEMP TABLE f (SearchId INTEGER NOT NULL);
WITH RECURSIVE c(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM c WHERE i < $n - 1)
INSERT INTO f SELECT mk.Id FROM c JOIN mk ON mk.k = c.i % $m ORDER BY c.i;
INSERT INTO f SELECT Id FROM o WHERE $OTHER_FOLLOWED = 1 ORDER BY Id;
CREATE TEMP TABLE s AS SELECT row_number() OVER (ORDER BY (rowid * 2654435761) % 4294967296) AS i, SearchId FROM f;
INSERT INTO Subscribers (Id, SiteId, Email, ConfirmedAt, Stamp, HardFailures, UndeliverableAt)
SELECT i, $SITE, printf('reader%d@mail%d.example.org', i, i % 97), '$now', upper(hex(randomblob(16))), 0, NULL FROM s;
INSERT INTO Subscriptions (SiteId, SubscriberId, Kind, TopicId, Frequency) SELECT $SITE, i, 3, SearchId, 0 FROM s;
INSERT INTO Mailings (SiteId, Kind, Key, ArticleId, ChangeNoteId, "From", "To", CreatedAt, Cursor, ExpandedAt, Sent, Failed, Cancelled)
VALUES ($SITE, 2, 'daily:$KYIV_DAY', NULL, NULL, strftime('%Y-%m-%d %H:%M:%f', '$now', '-24 hours'), '$now', '$now', (SELECT COUNT(*) FROM s), '$now', 0, 0, 0);
COMMIT;
ANALYZE;
SQL
    # What the expansion should produce: one delivery per subscriber following a matching search,
    # naming that search and the article, one article each.
    read -r EXPECTED SUBSCRIPTION_COUNT SEARCH_COUNT MATCHING_COUNT < <(sql -separator ' ' "$db" "
        SELECT (SELECT COUNT(DISTINCT SubscriberId) FROM Subscriptions WHERE Kind = 3 AND Frequency = 0 AND TopicId IN (SELECT Id FROM bench_matching)),
               (SELECT COUNT(*) FROM Subscriptions), (SELECT COUNT(*) FROM SavedSearches), (SELECT COUNT(*) FROM bench_matching)")
    EXPECTED_PAIRS=$EXPECTED
    STORY_COUNT=1
    [[ $EXPECTED == "$n" ]] || die "$EXPECTED subscribers follow a matching search, expected $n"
}

# ---------------------------------------------------------------------------------------------
# One measured run: sink and app started; once the app is fully up (the search dictionary loaded,
# so its background start-up work does not compete), the digest is decided (the mailing row
# written, as Digests does) and the run is polled until every delivery of the mailing is done.
ROWS=()
run() { # $1 kind (digest, search), $2 subscribers
    local kind=$1 n=$2
    local prefix=$( [[ $kind == search ]] && echo search || echo run )
    local dir=$DATA/$prefix-$n label=$prefix-$n${QUICKACK_SUFFIX}
    local db=$dir/visnyk.db
    local t0 t1
    t0=$EPOCHREALTIME
    if [[ $kind == search ]]; then
        say "run: a publication matching $n subscribers' saved searches"
        prepare_search "$n" "$dir"
        t1=$EPOCHREALTIME
        awk -v a="$t0" -v b="$t1" -v s="$SUBSCRIPTION_COUNT" -v e="$EXPECTED" -v q="$SEARCH_COUNT" -v m="$MATCHING_COUNT" -v id="$ARTICLE" 'BEGIN {
            printf "data: %.1f s for the saved searches and subscribers (%d saved searches, %d of them matching article %d; %d subscriptions); expected %d deliveries\n", b - a, q, m, id, s, e }'
    else
        say "run: $n subscribers"
        prepare "$n" "$dir"
        t1=$EPOCHREALTIME
        awk -v a="$t0" -v b="$t1" -v s="$SUBSCRIPTION_COUNT" -v e="$EXPECTED" -v p="$EXPECTED_PAIRS" -v k="$STORY_COUNT" 'BEGIN {
            printf "data: %.1f s to insert the subscribers (%d subscriptions); %d articles in the digest; expected %d deliveries listing %d articles in all\n", b - a, s, k, e, p }'
    fi

    port_busy "$SMTP_PORT" && die "port $SMTP_PORT on $HOST is already in use (set BENCH_SMTP_PORT)"
    port_busy "$PORT" && die "port $PORT on $HOST is already in use (set BENCH_PORT)"

    local stats=$RESULTS/sink-$label.json
    rm -f "$stats" "$RESULTS/sample-$label.eml" "$RESULTS"/perf-"$label"-*
    python3 "$ROOT/bench/smtp-sink.py" --host "$HOST" --port "$SMTP_PORT" --stats "$stats" --sample "$RESULTS/sample-$label.eml" \
        $( [[ $QUICKACK == 1 ]] && echo --quickack ) 2>"$RESULTS/sink-$label.log" &
    SINK_PID=$!
    for _ in $(seq 100); do [[ -f $stats ]] && break; sleep 0.05; done
    [[ -f $stats ]] || { cat "$RESULTS/sink-$label.log" >&2; die "the SMTP sink did not start"; }

    # The weekly digest day is set to tomorrow, so the app decides no weekly digest either.
    local weekly launched ready
    weekly=$(TZ=Europe/Kyiv date -d tomorrow '+%A')
    launched=$EPOCHREALTIME
    # /readyz says the search index is ready once it and its dictionary are loaded.
    launch_app "$label" "$PORT" Visnyk__DataDirectory="$dir" Visnyk__DemoContent=false Visnyk__PublicUrl=http://bench.local \
        Visnyk__Mail__Host="$HOST" Visnyk__Mail__Port="$SMTP_PORT" Visnyk__Mail__Security=None \
        Visnyk__Mail__MessagesPerSecond="$RATE" Visnyk__Mail__Connections="$CONNECTIONS" Visnyk__Mail__WeeklyDay="$weekly" \
        $( [[ $PERF == 1 ]] && echo DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0 )
    APP_PID=$LAUNCHED
    wait_for_search "$APP_PID" "http://$HOST:$PORT" "$RESULTS/app-$label.log"
    ready=$EPOCHREALTIME
    wait_for_quiet
    local rss_idle
    rss_idle=$(proc_kb "$APP_PID" VmRSS)

    # Decide the digest. From here on: CPU counted, and the peak RSS (VmHWM) reset to the
    # current RSS (clear_refs 5), so the peak reported is the mailing's, not the start-up's.
    local b0 m0 cpu_app0 cpu_sink0 decided
    echo 5 >"/proc/$APP_PID/clear_refs" 2>/dev/null || echo "note: could not reset the app's VmHWM; the peak includes start-up" >&2
    read -r b0 m0 < <(machine_jiffies)
    cpu_app0=$(proc_jiffies "$APP_PID"); cpu_sink0=$(proc_jiffies "$SINK_PID")
    decided=$EPOCHREALTIME
    local decided_at
    decided_at=$(date -u '+%Y-%m-%d %H:%M:%S.%6N')
    if [[ $kind == search ]]; then
        # As Publishing does (Alerts.DecideAsync): the article published and its alert decided in
        # one transaction ("alert:<id>", its language, nothing expanded yet).
        [[ $(TZ=Europe/Kyiv date '+%Y-%m-%d') == "$KYIV_DAY" ]] || die "midnight in Kyiv passed since the searches were matched; run again"
        MAILING_ID=$(sql "$db" "BEGIN; UPDATE Articles SET PublishedAt = '$decided_at', UpdatedAt = '$decided_at' WHERE Id = $ARTICLE;
            INSERT INTO Mailings (SiteId, Kind, Key, ArticleId, Language, ChangeNoteId, \"From\", \"To\", CreatedAt, Cursor, ExpandedAt, Sent, Failed, Cancelled)
            VALUES ($SITE, 0, 'alert:$ARTICLE', $ARTICLE, 'uk', NULL, NULL, NULL, '$decided_at', 0, NULL, 0, 0, 0) RETURNING Id; COMMIT;")
    else
        MAILING_ID=$(sql "$db" "INSERT INTO Mailings (SiteId, Kind, Key, ArticleId, ChangeNoteId, \"From\", \"To\", CreatedAt, Cursor, ExpandedAt, Sent, Failed, Cancelled)
            VALUES ($SITE, 2, 'daily:bench', NULL, NULL, '$PERIOD_FROM', '$PERIOD_TO', '$decided_at', 0, NULL, 0, 0, 0) RETURNING Id")
    fi
    [[ -n $MAILING_ID ]] || die "could not insert the mailing"

    # Poll: "expanded total sent failed cancelled" for the mailing, the app's RSS, and the CPU
    # split at the moment the expansion is seen done.
    local expanded=0 total=0 sent=0 failed=0 cancelled=0 rss now
    local t_expanded= t_done= rss_expansion=0 rss_send=0 last_print=$decided
    local cpu_app_expanded=0 cpu_sink_expanded=0 b_exp=0 m_exp=0
    local deadline=$(( $(date +%s) + TIMEOUT ))
    while :; do
        now=$EPOCHREALTIME
        if ! kill -0 "$APP_PID" 2>/dev/null; then
            tail -30 "$RESULTS/app-$label.log" >&2
            die "the app exited during the run (log: ${RESULTS#"$ROOT/"}/app-$label.log)"
        fi
        kill -0 "$SINK_PID" 2>/dev/null || { cat "$RESULTS/sink-$label.log" >&2; die "the SMTP sink exited"; }
        read -r expanded total sent failed cancelled < <(sql -separator ' ' "$db" "
            SELECT (SELECT ExpandedAt IS NOT NULL FROM Mailings WHERE Id = $MAILING_ID), COUNT(*),
                   COALESCE(SUM(Status = 2), 0), COALESCE(SUM(Status = 3), 0), COALESCE(SUM(Status = 4), 0)
            FROM Deliveries WHERE MailingId = $MAILING_ID" 2>/dev/null || echo "0 0 0 0 0")
        rss=$(proc_kb "$APP_PID" VmRSS)
        if [[ -z $t_expanded ]]; then
            (( rss > rss_expansion )) && rss_expansion=$rss
            if [[ $expanded == 1 ]]; then
                t_expanded=$now
                cpu_app_expanded=$(proc_jiffies "$APP_PID"); cpu_sink_expanded=$(proc_jiffies "$SINK_PID")
                read -r b_exp m_exp < <(machine_jiffies)
                if [[ $PERF == 1 ]]; then stop_perf; start_perf "$label-send" "$PERF_SECONDS"; fi
            elif [[ $PERF == 1 && -z $PERF_PID ]] && (( total > 0 )); then
                start_perf "$label-expand" "$TIMEOUT"
            fi
        else
            (( rss > rss_send )) && rss_send=$rss
        fi
        if [[ $expanded == 1 ]] && (( sent + failed + cancelled == total )); then
            t_done=$now
            break
        fi
        if awk -v a="$now" -v b="$last_print" 'BEGIN { exit !(a - b >= 10) }'; then
            awk -v t="$now" -v l="$decided" -v d="$total" -v s="$sent" -v r="$rss" -v e="$expanded" 'BEGIN {
                printf "  %5.1f s: %s, %d deliveries, %d sent, app RSS %.0f MB\n", t - l, (e == 1 ? "expanded" : "expanding"), d, s, r / 1024 }'
            last_print=$now
        fi
        (( $(date +%s) < deadline )) || die "not done after $TIMEOUT s ($total deliveries, $sent sent)"
        sleep "$POLL"
    done
    stop_perf
    local cpu_app cpu_sink b1 m1 hwm
    cpu_app=$(proc_jiffies "$APP_PID"); cpu_sink=$(proc_jiffies "$SINK_PID")
    read -r b1 m1 < <(machine_jiffies)
    hwm=$(proc_kb "$APP_PID" VmHWM)
    # The sink writes its counts every half second: wait for it to have seen every message.
    local sink_messages=0
    for _ in $(seq 40); do
        sink_messages=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["messages"])' "$stats")
        (( sink_messages >= sent )) && break
        sleep 0.25
    done
    local app_pid_done=$APP_PID
    stop_app
    stop_sink

    # Figures from the database (precise times: CreatedAt is the sender's round that expanded the
    # mailing, SentAt the group commit that recorded each message) and from the sink.
    local created_at last_sent commits retried payload_pairs others
    read -r created_at last_sent commits retried payload_pairs < <(sql -separator ' ' "$db" "
        SELECT (julianday(MIN(CreatedAt)) - 2440587.5) * 86400.0, (julianday(MAX(SentAt)) - 2440587.5) * 86400.0,
               COUNT(DISTINCT SentAt), COALESCE(SUM(Attempts > 1), 0),
               COALESCE(SUM(length(Payload) - length(replace(Payload, ',', '')) + 1), 0)
        FROM Deliveries WHERE MailingId = $MAILING_ID")
    others=$(sql "$db" "SELECT COUNT(*) FROM Mailings WHERE Id <> $MAILING_ID AND Key <> 'daily:$(TZ=Europe/Kyiv date '+%Y-%m-%d')'")
    # Search: each delivery to a subscriber following a matching search, naming it (";s<search>:<article>").
    local named=0 recipients=0
    if [[ $kind == search ]]; then
        read -r named recipients < <(sql -separator ' ' "$db" "
            SELECT (SELECT COUNT(*) FROM Deliveries d JOIN Subscriptions s ON s.SubscriberId = d.SubscriberId AND s.Kind = 3
                    WHERE d.MailingId = $MAILING_ID AND s.TopicId IN (SELECT Id FROM bench_matching) AND d.Payload = ';s' || s.TopicId || ':' || $ARTICLE),
                   (SELECT COUNT(DISTINCT SubscriberId) FROM Deliveries WHERE MailingId = $MAILING_ID)")
    fi
    local s_msgs s_rcpts s_bytes s_dups s_conns s_errs s_first s_last s_transfer s_between
    read -r s_msgs s_rcpts s_bytes s_dups s_conns s_errs s_first s_last s_transfer s_between < <(python3 -c 'import json, sys; s = json.load(open(sys.argv[1]))
print(s["messages"], s["recipients"], s["bytes"], s["duplicates"], s["connections"], s["errors"], s["first_at"] or 0, s["last_at"] or 0,
      "%.2f" % (1000 * s["transfer_s"] / max(s["messages"], 1)), "%.2f" % (1000 * s["between_s"] / max(s["between_n"], 1)))' "$stats")
    # Not counted: Data Protection's note that it wrote its first key unencrypted (a fresh data folder),
    # and the search health check's "Degraded" while the dictionary loads (the script's own /readyz
    # polling at start-up, before anything is decided).
    local log_problems
    log_problems=$(grep -E '^(fail|crit|warn):' "$RESULTS/app-$label.log" | grep -vcE 'XmlKeyManager\[35\]|DefaultHealthCheckService\[103\]' || true)

    # Checks: every delivery sent exactly once, as many as expected, nothing else mailed.
    local problems=()
    (( total == EXPECTED )) || problems+=("the expansion made $total deliveries, expected $EXPECTED")
    (( payload_pairs == EXPECTED_PAIRS )) || problems+=("the payloads list $payload_pairs articles in all, expected $EXPECTED_PAIRS")
    if [[ $kind == search ]]; then
        (( recipients == total )) || problems+=("$total deliveries went to $recipients subscribers")
        (( named == EXPECTED )) || problems+=("$named deliveries name the subscriber's own matching search and the article, expected $EXPECTED")
    fi
    (( sent == total )) || problems+=("$sent of $total deliveries sent ($failed failed, $cancelled cancelled)")
    (( s_msgs == sent )) || problems+=("the sink received $s_msgs messages for $sent deliveries sent")
    (( s_rcpts == s_msgs )) || problems+=("the sink saw $s_rcpts recipients in $s_msgs messages")
    (( s_dups == 0 )) || problems+=("$s_dups addresses got more than one message")
    (( s_errs == 0 )) || problems+=("the sink answered $s_errs protocol errors")
    (( others == 0 )) || problems+=("$others other mailings were decided during the run")
    (( log_problems == 0 )) || problems+=("$log_problems warnings or errors in the app's log")

    {
        if [[ $kind == search ]]; then
            echo "publication:          article $ARTICLE, $MATCHING_COUNT of $SEARCH_COUNT saved searches match; $n of $(( SUBSCRIPTION_COUNT )) subscribers (one search each) follow one of them"
        else
            echo "subscribers:          $n ($SUBSCRIPTION_COUNT subscriptions)"
        fi
        echo "deliveries created:   $total (expected $EXPECTED); $sent sent, $failed failed, $cancelled cancelled, $retried retried"
        echo "sink:                 $s_msgs messages over $s_conns connections, $(awk -v b="$s_bytes" -v m="$s_msgs" 'BEGIN { printf "%.1f KB a message, %.0f MB in all", (m ? b / m : 0) / 1024, b / 1048576 }'), $s_dups duplicates"
        echo "a connection's time:  $s_transfer ms a message from MAIL to the end of its data, $s_between ms from the reply to the next MAIL (the app's own time between messages)"
        awk -v l="$launched" -v r="$ready" -v q="$decided" -v c="$created_at" -v x="$t_expanded" -v z="$last_sent" -v d="$t_done" \
            -v sf="$s_first" -v sl="$s_last" -v n="$sent" -v g="$commits" -v tr="$TARGET_RATE" 'BEGIN {
            expansion = x - c; send = z - x; total = z - q
            printf "app start-up:         %.1f s (launch to /search ready; not part of the figures below)\n", r - l
            printf "pick-up:              %.1f s (mailing written to the sender'"'"'s round that expands it; the sender looks every 2 s)\n", c - q
            printf "expansion:            %.1f s (%.0f deliveries/s; +/- the %s s poll)\n", expansion, (expansion > 0 ? n / expansion : 0), "'"$POLL"'"
            printf "send:                 %.1f s (expansion seen done to the last delivery recorded sent)\n", send
            printf "messages/s (send):    %.0f (sink, first to last message: %.1f s, %.0f/s); %d group commits, %.1f messages each\n",
                (send > 0 ? n / send : 0), sl - sf, (sl > sf ? n / (sl - sf) : 0), g, (g ? n / g : 0)
            printf "total time:           %.1f s (mailing decided to the last delivery recorded sent)\n", total
            printf "messages/s (overall): %.0f (deliveries / total time); target >= %d: %s\n", (total > 0 ? n / total : 0), tr, (total > 0 && n / total >= tr ? "PASS" : "BELOW") }'
        awk -v hz="$HZ" -v cores="$CORES" -v a0="$cpu_app0" -v ae="$cpu_app_expanded" -v a1="$cpu_app" \
            -v s0="$cpu_sink0" -v se="$cpu_sink_expanded" -v s1="$cpu_sink" \
            -v b0="$b0" -v m0="$m0" -v be="$b_exp" -v me="$m_exp" -v b1="$b1" -v m1="$m1" -v n="$sent" 'BEGIN {
            # per phase: the app'"'"'s CPU seconds, its share of one core, and the CPU of everything else (% of all cores)
            ax = (ae - a0) / hz; wx = (me - m0) / cores / hz; ox = ((be - b0) - (ae - a0) - (se - s0)) / (me > m0 ? me - m0 : 1) * 100
            as = (a1 - ae) / hz; ss = (s1 - se) / hz; ws = (m1 - me) / cores / hz; os = ((b1 - be) - (a1 - ae) - (s1 - se)) / (m1 > me ? m1 - me : 1) * 100
            printf "CPU, expansion:       app %.1f s (%.0f%% of one core, %.2f ms a delivery); other processes %.0f%% of all cores\n",
                ax, (wx > 0 ? ax / wx * 100 : 0), (n ? ax / n * 1000 : 0), (ox > 0 ? ox : 0)
            printf "CPU, send:            app %.1f s (%.0f%% of one core, %.2f ms a message), sink %.1f s (%.0f%% of one core); other processes %.0f%% of all cores\n",
                as, (ws > 0 ? as / ws * 100 : 0), (n ? as / n * 1000 : 0), ss, (ws > 0 ? ss / ws * 100 : 0), (os > 0 ? os : 0) }'
        awk -v i="$rss_idle" -v h="$hwm" -v e="$rss_expansion" -v s="$rss_send" 'BEGIN {
            printf "memory:               peak RSS %.0f MB during the mailing (VmHWM, reset when it was decided); %.0f MB before it (idle, ready);\n", h / 1024, i / 1024
            printf "                      sampled max %.0f MB during the expansion, %.0f MB during the send\n", e / 1024, s / 1024 }'
        if (( ${#problems[@]} )); then
            printf 'PROBLEM: %s\n' "${problems[@]}"
        else
            if [[ $kind == search ]]; then
                echo "checks:               every matching subscriber got one delivery naming their search and the article, nobody else any; each sent once, the sink saw no duplicate; no other mailing"
            else
                echo "checks:               every delivery sent once, counts and payloads match the independent expectation, no other mailing"
            fi
        fi
    } | tee "$RESULTS/$label.txt"
    ROWS+=("$kind|$n|$total|$(awk -v q="$decided" -v c="$created_at" -v x="$t_expanded" -v z="$last_sent" -v n="$sent" -v h="$hwm" -v i="$rss_idle" 'BEGIN {
        printf "%.1f|%.1f|%.0f|%.1f|%.0f|%.0f|%.0f", x - c, z - x, (z > x ? n / (z - x) : 0), z - q, (z > q ? n / (z - q) : 0), h / 1024, i / 1024 }')|$s_msgs|${#problems[@]}")
    if [[ $PERF == 1 ]]; then
        local phase
        for phase in expand send; do
            [[ -f $RESULTS/perf-$label-$phase.data ]] || continue
            perf report -i "$RESULTS/perf-$label-$phase.data" --no-children --sort dso,symbol --stdio -g none 2>/dev/null \
                | grep -v '^#' | grep '%' | head -n 60 >"$RESULTS/perf-$label-$phase.txt" || true
            perf report -i "$RESULTS/perf-$label-$phase.data" --children --sort symbol --stdio -g none 2>/dev/null \
                | grep -v '^#' | grep '%' | head -n 150 >"$RESULTS/perf-$label-$phase-inclusive.txt" || true
            echo "perf, $phase: hottest functions (self time; inclusive: perf-$label-$phase-inclusive.txt)"
            head -n 20 "$RESULTS/perf-$label-$phase.txt" | cut -c1-160
        done
        rm -f "/tmp/perf-$app_pid_done.map" "/tmp/perfinfo-$app_pid_done.map"
    fi
    (( ${#problems[@]} == 0 )) || die "run with $n subscribers: ${problems[0]}"
}

for kind in $KINDS; do
    for n in $SUBSCRIBER_COUNTS; do
        run "$kind" "$n"
    done
done

# ---------------------------------------------------------------------------------------------
say "results ($CORES cores, $CONNECTIONS SMTP connections, digest of $STORIES articles$( [[ $QUICKACK == 1 ]] && echo ", sink with --quickack: a diagnostic run" ))"
{
    printf '%6s | %11s | %10s | %8s | %7s | %8s | %8s | %10s | %8s | %8s | %8s\n' \
        kind subscribers deliveries "expand s" "send s" "send m/s" "total s" "overall/s" "peak MB" "idle MB" "sink"
    printf '%s\n' "-------+-------------+------------+----------+---------+----------+----------+------------+----------+----------+---------"
    for row in "${ROWS[@]}"; do
        IFS='|' read -r kind n total exp send rate tot overall hwm idle sink _ <<<"$row"
        printf '%6s | %11s | %10s | %8s | %7s | %8s | %8s | %10s | %8s | %8s | %8s\n' "$kind" "$n" "$total" "$exp" "$send" "$rate" "$tot" "$overall" "$hwm" "$idle" "$sink"
    done
    echo "kind: digest, a daily digest of $STORIES articles to N subscribers of mixed topics; search, one article's alert to the N subscribers whose saved search it matches"
    echo "total s: mailing decided to the last message recorded sent (pick-up + expansion + send); overall/s = deliveries / total s"
    echo "peak MB: the app's VmHWM from the moment the mailing was decided; idle MB: its RSS just before (started, search ready)"
    DIGESTS=()
    for row in "${ROWS[@]}"; do [[ $row == digest\|* ]] && DIGESTS+=("$row"); done
    if (( ${#DIGESTS[@]} >= 2 )); then
        IFS='|' read -r _ n_small _ _ _ _ _ _ h_small i_small _ <<<"${DIGESTS[0]}"
        IFS='|' read -r _ n_large _ _ _ _ _ _ h_large i_large _ <<<"${DIGESTS[-1]}"
        awk -v ns="$n_small" -v nl="$n_large" -v hs="$h_small" -v hl="$h_large" -v is="$i_small" -v il="$i_large" 'BEGIN {
            r = hl / hs
            printf "memory: peak %d MB with %d subscribers, %d MB with %d (x%.2f for x%.0f the subscribers; above idle: +%d MB, +%d MB): %s\n",
                hs, ns, hl, nl, r, nl / ns, hs - is, hl - il, (r <= 1.25 ? "flat (PASS, <= x1.25)" : "GROWS (BELOW)") }'
    fi
    for kind in $KINDS; do
        o_last=
        for row in "${ROWS[@]}"; do [[ $row == "$kind|"* ]] && IFS='|' read -r _ _ _ _ _ _ _ o_last _ <<<"$row"; done
        [[ -n $o_last ]] && awk -v k="$kind" -v o="$o_last" -v t="$TARGET_RATE" 'BEGIN {
            printf "%s, throughput at the largest count: %d messages/s overall; target >= %d: %s\n", k, o, t, (o >= t ? "PASS" : "BELOW") }'
    done
    echo "total: $(( $(date +%s) - started )) s; logs, sink counts and a sample message in ${RESULTS#"$ROOT/"}/"
} | tee "$RESULTS/table$QUICKACK_SUFFIX.txt"
