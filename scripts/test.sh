#!/usr/bin/env bash
# The README's test command: install the package with its test extras and Debian's Chromium (if
# missing), then run the whole pytest suite (browser tests included) and the ruff checks. pytest
# always runs; the script fails if either pytest or ruff fails.
set -uo pipefail
cd "$(dirname "$0")/.."
python3 -m pip install --quiet --disable-pip-version-check -e ".[test]" || exit 1
if [ ! -x /usr/bin/chromium ]; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  { $SUDO apt-get update -qq && $SUDO apt-get install -y -qq chromium >/dev/null; } || exit 1
fi
status=0
python3 -m pytest -q "$@" || status=$?
python3 -m ruff check . || status=1
python3 -m ruff format --check . || status=1
exit "$status"
