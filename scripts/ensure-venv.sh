#!/usr/bin/env bash
# Create .venv with the given Python. Debian ships venv separately (python3-venv): install it
# when we are allowed to, otherwise say what to do.
set -euo pipefail
python=${1:-python3}
[ -x .venv/bin/python ] && exit 0
if ! "$python" -m venv .venv 2>/dev/null; then
  rm -rf .venv
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get update -qq && apt-get install -y -qq python3-venv >/dev/null
    "$python" -m venv .venv
  else
    echo "Cannot create a virtual environment: run 'sudo apt-get install python3-venv'." >&2
    exit 1
  fi
fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip
