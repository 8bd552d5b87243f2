#!/usr/bin/env bash
# Stops what tests/servers/start.sh started.
root=${VISNYK_SERVERS:-/tmp/visnyk-servers}
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
if [ "$(id -u)" -eq 0 ]; then su postgres -s /bin/bash -c "'$pg_bin/pg_ctl' -D '$root/pg' -m fast stop" >/dev/null 2>&1; else "$pg_bin/pg_ctl" -D "$root/pg" -m fast stop >/dev/null 2>&1; fi
[ -f "$root/redis.pid" ] && kill "$(cat "$root/redis.pid")" 2>/dev/null
true
