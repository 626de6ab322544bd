#!/usr/bin/env bash
# Installs what the tests need (the venv, Debian's chromium for the browser tests), then runs
# ruff, mypy on the core and the whole pytest suite.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh
if [ ! -x /usr/bin/chromium ]; then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi
echo "== ruff"
.venv/bin/ruff check src tests scripts
echo "== mypy (src/advisor)"
.venv/bin/mypy
echo "== pytest"
.venv/bin/python -m pytest "$@"
