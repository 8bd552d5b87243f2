#!/usr/bin/env bash
# Sign-in timing: how long a failed sign-in takes for an address with no account and for a real
# account with a wrong password (the issue measured ~17 ms against ~410 ms, which told attackers
# which addresses have accounts). Publishes the app (Release) on a fresh SQLite data folder, makes
# an administrator with `admin create`, sets its password through the set-up link, then times
# BENCH_ROUNDS rounds of one failed sign-in each (a fresh form and its antiforgery token each time,
# only the POST timed) and prints the median and p90 of each, in ms.
# A right sign-in every few rounds (not timed) keeps an older build's lockout from kicking in;
# the throttle's limits are raised for the run (the measurement is of the work, not the waits).
#
#   bench/signin.sh                 publish and measure (~3 min on 2 cores)
#   BENCH_REUSE=1 bench/signin.sh   reuse bench/out/signin-app from the last run
#
# Tunables: BENCH_PORT (5393), BENCH_ROUNDS (40).
set -Eeuo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
OUT=$ROOT/bench/out
APP=$OUT/signin-app
DATA=$OUT/signin-data
RESULTS=$OUT/results
PORT=${BENCH_PORT:-5393}
ROUNDS=${BENCH_ROUNDS:-40}
HOST=127.0.0.1
BASE=http://$HOST:$PORT
LOG_LEVEL=Warning
EMAIL=bench.admin@example.gov.ua
PASSWORD='вишневий сад над тихою рікою'
APP_PID=

# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"
stop_app() { stop_pid "$APP_PID"; APP_PID=; }
trap 'stop_app' EXIT
trap 'die "line $LINENO: $BASH_COMMAND"' ERR
mkdir -p "$RESULTS"

if [[ ${BENCH_REUSE:-} != 1 || ! -f $APP/Visnyk.dll ]]; then
    say "publish"
    publish_app
fi
rm -rf "$DATA"
settings=(Visnyk__DataDirectory="$DATA" Visnyk__DemoContent=false Visnyk__Admin__SignInsPerMinute=100000
    Visnyk__Admin__SignInFailuresPerAddress=100000 Visnyk__Admin__SignInFailuresPerAccount=100000)

say "admin create"
link=$(cd "$APP" && env "${settings[@]}" Logging__LogLevel__Default=Warning dotnet Visnyk.dll admin create --email "$EMAIL" | grep -o 'http[^ ]*/admin/setup?[^ ]*')
path=${link#http*://*/}

launch_app signin "$PORT" "${settings[@]}"
APP_PID=$LAUNCHED
for _ in $(seq 300); do
    [[ $(curl -s -o /dev/null -m 5 -w '%{http_code}' "$BASE/admin/signin" || true) == 200 ]] && break
    kill -0 "$APP_PID" || die "the app exited during start-up"
    sleep 0.2
done

jar=$(mktemp)
token_of() { # $1 path: the form's antiforgery token, its cookie in $jar
    curl -s -c "$jar" -b "$jar" "$BASE/$1" | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | sed 's/.*value="//; s/"$//' | head -1
}
post() { # $1 path, then form fields: prints the POST's time in ms and its status
    local path=$1 token
    shift
    token=$(token_of "$path")
    local args=()
    for field in "$@"; do args+=(--data-urlencode "$field"); done
    curl -s -o /dev/null -c "$jar" -b "$jar" -w '%{time_total} %{http_code}\n' "${args[@]}" --data-urlencode "__RequestVerificationToken=$token" "$BASE/$path" \
        | awk '{ printf "%.1f %s\n", $1 * 1000, $2 }'
}

say "set the password"
form=$(curl -s -c "$jar" -b "$jar" "$BASE/$path")
grep -q "$EMAIL" <<< "$form" || die "the set-up link did not open"
status=$(post "$path" "Password=$PASSWORD" "Repeat=$PASSWORD" | cut -d' ' -f2)
[[ $status == 302 ]] || die "setting the password answered $status"

say "$ROUNDS rounds: unknown address, then the real account with a wrong password"
: > "$RESULTS/signin-unknown.txt"; : > "$RESULTS/signin-known.txt"
for round in $(seq "$ROUNDS"); do
    rm -f "$jar"; post admin/signin "Email=nobody-$round@example.gov.ua" "Password=wrong password $round" >> "$RESULTS/signin-unknown.txt"
    rm -f "$jar"; post admin/signin "Email=$EMAIL" "Password=wrong password $round" >> "$RESULTS/signin-known.txt"
    if (( round % 3 == 0 )); then
        rm -f "$jar"; post admin/signin "Email=$EMAIL" "Password=$PASSWORD" > /dev/null
    fi
done
# The first rounds warm the JIT: leave out a quarter.
stats() { # $1 file: median and p90 (ms) and the statuses seen
    tail -n +$(( ROUNDS / 4 + 1 )) "$1" | sort -n | awk '{ t[NR] = $1; s[$2]++ } END {
        printf "median %7.1f ms   p90 %7.1f ms   statuses:", t[int((NR + 1) / 2)], t[int(NR * 0.9 + 0.5)]; for (k in s) printf " %s×%d", k, s[k]; print "" }'
}
say "failed sign-in times (last $(( ROUNDS - ROUNDS / 4 )) of $ROUNDS each)"
printf 'unknown address:            %s\n' "$(stats "$RESULTS/signin-unknown.txt")"
printf 'real account, wrong password: %s\n' "$(stats "$RESULTS/signin-known.txt")"
rm -f "$jar"
