#!/usr/bin/env bash
# Starts the throwaway servers the tests use, on loopback ports, installing them from Debian if
# missing: PostgreSQL 15 (a fresh cluster in $VISNYK_SERVERS/pg) and Redis (no persistence).
# nginx is installed here and started by the two-instance test itself. Prints the variables to
# export; ./test.sh reads them. Stop with tests/servers/stop.sh.
set -euo pipefail
root=${VISNYK_SERVERS:-/tmp/visnyk-servers}
pg_port=${VISNYK_PG_PORT:-15432}
redis_port=${VISNYK_REDIS_PORT:-16379}

need=()
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
[ -n "$pg_bin" ] && [ -x "$pg_bin/initdb" ] || need+=(postgresql)
command -v redis-server >/dev/null || need+=(redis-server)
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || need+=(nginx)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
  echo "Installing from Debian: ${need[*]}" >&2
  $SUDO apt-get -o DPkg::Lock::Timeout=600 update -qq
  # Debian starts the packaged services; the tests use their own instances on other ports.
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get -o DPkg::Lock::Timeout=600 install -y -qq "${need[@]}" >/dev/null
  pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
fi

mkdir -p "$root"
# PostgreSQL refuses to run as root: the cluster belongs to the postgres user when we are root.
if [ "$(id -u)" -eq 0 ]; then as_pg() { su postgres -s /bin/bash -c "$*"; }; chown postgres "$root"; else as_pg() { bash -c "$*"; }; fi
if ! as_pg "'$pg_bin/pg_ctl' -D '$root/pg' status" >/dev/null 2>&1; then
  rm -rf "$root/pg"
  as_pg "'$pg_bin/initdb' -D '$root/pg' -U postgres --auth=trust -E UTF8 --locale=C.UTF-8" >/dev/null
  # Throwaway: no fsync, and enough connections for parallel test classes and two instances.
  as_pg "'$pg_bin/pg_ctl' -D '$root/pg' -l '$root/pg.log' -w start -o \"-c listen_addresses=127.0.0.1 -p $pg_port -k '$root' -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300\"" >/dev/null
fi

redis=$(command -v redis-server || echo /usr/bin/redis-server)
if ! (exec 3<>/dev/tcp/127.0.0.1/$redis_port) 2>/dev/null; then
  "$redis" --bind 127.0.0.1 --port "$redis_port" --daemonize yes --pidfile "$root/redis.pid" --logfile "$root/redis.log" --save "" --appendonly no
fi

echo "export VISNYK_TEST_POSTGRES='Host=127.0.0.1;Port=$pg_port;Username=postgres'"
echo "export VISNYK_TEST_REDIS='127.0.0.1:$redis_port'"
