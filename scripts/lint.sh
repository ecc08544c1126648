#!/usr/bin/env bash
# The static checks of `make test`: format, lint, types, layers, migrations.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
# One command per line: under `set -e` a failure before `&&` would not stop the script.
echo "== ruff"
$BIN/ruff format --check .
$BIN/ruff check .
echo "== mypy"; $BIN/mypy senim tests bench
echo "== import-linter"; $BIN/lint-imports
echo "== migrations"; SENIM_VAR_DIR=$(mktemp -d) $BIN/python manage.py makemigrations --check --dry-run
