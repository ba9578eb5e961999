#!/usr/bin/env bash
# The whole suite. On a fresh Debian machine it installs what it needs
# (PostgreSQL server, Chromium, a Chinese font) from Debian packages without questions,
# starts a private PostgreSQL for the run, builds the web app and runs vitest.
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo -n "$@"; fi; }

need=()
ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || need+=(postgresql)
[ -x /usr/bin/chromium ] || need+=(chromium)
# A Chinese font, so that the journeys' screenshots (ZHENGWU_SCREENSHOTS) show the pages as users see them, not boxes.
{ command -v fc-list >/dev/null && fc-list :lang=zh | grep -q .; } || need+=(fonts-wqy-microhei)
if [ ${#need[@]} -gt 0 ]; then
  echo "== installing Debian packages: ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  as_root apt-get update -qq
  as_root apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
PGDIR=$(mktemp -d /tmp/zhengwu-pg.XXXXXX)
PGPORT=$(node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
run_pg() { (cd "$PGDIR" && if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi); }
[ "$(id -u)" = 0 ] && chown postgres "$PGDIR"
cleanup() { run_pg "$PGBIN/pg_ctl" -D "$PGDIR/data" -m immediate stop >/dev/null 2>&1 || true; rm -rf "$PGDIR"; }
trap cleanup EXIT
echo "== starting PostgreSQL on port $PGPORT"
run_pg "$PGBIN/initdb" -D "$PGDIR/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
run_pg "$PGBIN/pg_ctl" -D "$PGDIR/data" -l "$PGDIR/log" -w \
  -o "-p $PGPORT -k $PGDIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c max_connections=200" start >/dev/null
export ZHENGWU_TEST_PG_URL="postgres://postgres@127.0.0.1:$PGPORT/postgres"

echo "== type check"
npx tsc --noEmit -p tsconfig.json
echo "== lint and format"
npx eslint .
npx prettier --check --log-level warn .
echo "== building the server and CLI (build/)"
node scripts/build.mjs
echo "== building the web app"
npx vite build --logLevel warn
if [ $# -gt 0 ]; then
  echo "== tests (SQLite and PostgreSQL): $*"
  npx vitest run "$@"
else
  # Two files at a time (vitest.config.ts) for everything but the browser journeys, which then run one at a
  # time: two Chromiums beside two other test files on a 2-core machine made journeys miss clicks and time out.
  echo "== tests (SQLite and PostgreSQL), two files at a time"
  npx vitest run --exclude 'tests/browser/**'
  echo "== browser journeys (Chromium), one at a time"
  npx vitest run tests/browser --maxWorkers=1
fi
