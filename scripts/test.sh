#!/usr/bin/env bash
# The README's test command. Installs the package with its test extras into the project's own
# virtual environment (.venv, created when missing, so nothing installed by hand elsewhere can hide
# a missing dependency) and Debian's Chromium (if missing), then runs the whole pytest suite
# (browser tests included: they fail rather than skip here) and the ruff checks. pytest always
# runs; the script fails if either pytest or ruff fails. Extra arguments go to pytest.
set -uo pipefail
cd "$(dirname "$0")/.."
VENV="${PATHWAYS_VENV:-.venv}"
if [ ! -x "$VENV/bin/python" ]; then
  python3 -m venv "$VENV" || exit 1
fi
PY="$VENV/bin/python"
"$PY" -m pip install --quiet --disable-pip-version-check -e ".[test]" || exit 1
if [ ! -x /usr/bin/chromium ]; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  { $SUDO apt-get update -qq && $SUDO apt-get install -y -qq chromium >/dev/null; } || exit 1
fi
export PATHWAYS_REQUIRE_BROWSER=1
status=0
"$PY" -m pytest -q "$@" || status=$?
"$PY" -m ruff check . || status=1
"$PY" -m ruff format --check . || status=1
exit "$status"
