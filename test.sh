#!/usr/bin/env bash
# Runs the whole test suite on a fresh machine with the .NET SDK: installs what the tests need
# (Debian's Chromium for browser tests, PostgreSQL, Redis and nginx, the npm checkers, the dotnet
# tools), then runs every test, once on SQLite and once on PostgreSQL with Redis.
# Usage: ./test.sh [extra dotnet test arguments]
set -euo pipefail
cd "$(dirname "$0")"

need_apt=()
command -v chromium >/dev/null || need_apt+=(chromium)
command -v node >/dev/null || need_apt+=(nodejs npm)
if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
  echo "Installing from Debian: ${need_apt[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

# html-validate and axe-core, pinned by the lock file.
(cd tests/tools && if [ -f package-lock.json ]; then npm ci --no-audit --no-fund --loglevel=error; else npm install --no-audit --no-fund --loglevel=error; fi)
# One tool at a time: restoring them in parallel has failed on a fresh machine ("dotnet-gcdump" reported
# as not in its package, whose commands were smtp4dev's).
dotnet tool restore --disable-parallel >/dev/null

# The committed editor bundle is what its source builds to (a hand edit or a forgotten rebuild fails here).
editor_check=$(mktemp -d)
tools/editor/build.sh "$editor_check" >/dev/null
for file in js/editor.js css/editor.css js/editor.licenses.txt; do
  cmp -s "$editor_check/$file" "src/Visnyk/wwwroot/$file" \
    || { echo "src/Visnyk/wwwroot/$file differs from what tools/editor/build.sh makes of tools/editor/src: rebuild and commit it" >&2; exit 1; }
done
rm -rf "$editor_check"

# PostgreSQL and Redis on loopback ports, from Debian, for the second run and the two-instance test.
# Stopped at the end only if this run started them: another run may be using them.
ours=
(exec 3<>/dev/tcp/127.0.0.1/"${VISNYK_PG_PORT:-15432}") 2>/dev/null || ours=1
eval "$(tests/servers/start.sh)"
if [ -n "$ours" ]; then
  trap tests/servers/stop.sh EXIT
fi

# Every test twice: on the embedded default (SQLite, output cache in memory), then on what several
# instances use (PostgreSQL, output cache in Redis).
mkdir -p TestResults
dotnet build Visnyk.slnx -v q -nologo
status=0
VISNYK_TEST_DATABASE=sqlite dotnet test Visnyk.slnx --no-build --logger "trx;LogFileName=sqlite.trx" --results-directory TestResults "$@" || status=$?
VISNYK_TEST_DATABASE=postgresql dotnet test Visnyk.slnx --no-build --logger "trx;LogFileName=postgresql.trx" --results-directory TestResults "$@" || status=$?
exit $status
