#!/usr/bin/env bash
# Install the package with its test extras and Debian's Chromium (if missing), then run every test.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m pip install --quiet --disable-pip-version-check -e ".[test]"
if [ ! -x /usr/bin/chromium ]; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq && $SUDO apt-get install -y -qq chromium >/dev/null
fi
python3 -m ruff check .
python3 -m ruff format --check .
python3 -m pytest -q "$@"
