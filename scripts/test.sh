#!/usr/bin/env bash
# Installs what the tests need (the venv, Debian's chromium, postgresql and nginx), then runs
# ruff, mypy on the core and the whole pytest suite.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh
# Debian's chromium for the browser tests, its PostgreSQL server (the question log's tests start
# a throwaway cluster on a loopback port, tests/conftest.py), nginx for the replicas behind a
# proxy (tests/test_replicas.py) and redis-server for the rate limits shared by replicas
# (tests/api/test_shared_limits.py); installed only when missing.
MISSING=()
[ -x /usr/bin/chromium ] || MISSING+=(chromium)
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || MISSING+=(postgresql)
[ -x /usr/sbin/nginx ] || MISSING+=(nginx)
[ -x /usr/bin/redis-server ] || MISSING+=(redis-server)
if [ ${#MISSING[@]} -gt 0 ]; then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${MISSING[@]}" >/dev/null
fi
echo "== ruff"
.venv/bin/ruff check src tests scripts
echo "== mypy (src/advisor)"
.venv/bin/mypy
echo "== pytest"
# The slowest tests listed at the end: the suite must stay under 15 minutes on CI.
.venv/bin/python -m pytest --durations=15 "$@"
