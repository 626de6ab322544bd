#!/usr/bin/env bash
# Installs what the tests need (the venv, Debian's chromium and nginx), then runs
# ruff, mypy on the core and the whole pytest suite.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh
# Debian's chromium for the browser tests, nginx for the replicas behind a proxy
# (tests/test_replicas.py); installed only when missing.
MISSING=""
[ -x /usr/bin/chromium ] || MISSING="$MISSING chromium"
[ -x /usr/sbin/nginx ] || MISSING="$MISSING nginx"
if [ -n "$MISSING" ]; then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  # shellcheck disable=SC2086 # one word per package
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $MISSING >/dev/null
fi
echo "== ruff"
.venv/bin/ruff check src tests scripts
echo "== mypy (src/advisor)"
.venv/bin/mypy
echo "== pytest"
.venv/bin/python -m pytest "$@"
