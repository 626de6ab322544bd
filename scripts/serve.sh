#!/usr/bin/env bash
# Installs what the advisor needs, builds the index if there is none, and serves the chat on
# http://127.0.0.1:8000 (arguments are passed to `advisor serve`, e.g. --port 9000).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh
exec .venv/bin/advisor serve "$@"
