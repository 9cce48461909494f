#!/usr/bin/env bash
# The README's test command. Installs the package with its test extras into the project's own
# virtual environment (.venv, created when missing, so nothing installed by hand elsewhere can hide
# a missing dependency) and, when missing, Debian's Chromium, LibreOffice Impress, poppler and the
# Noto CJK fonts, then runs the whole pytest suite (browser and LibreOffice tests included: they
# fail rather than skip here) and the ruff checks. pytest always
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
# LibreOffice Impress, poppler (pdftoppm) and the Noto CJK fonts: the meeting pack's slides are
# converted to PDF and rendered in tests/test_report_libreoffice.py (installed when missing)
if ! command -v soffice >/dev/null || ! command -v pdftoppm >/dev/null \
  || [ ! -d /usr/share/fonts/opentype/noto ]; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  { $SUDO apt-get update -qq \
    && $SUDO apt-get install -y -qq libreoffice-impress poppler-utils fonts-noto-cjk >/dev/null; } \
    || exit 1
fi
export PATHWAYS_REQUIRE_BROWSER=1
# Debian's PostgreSQL server, for the store tests against a real server (installed when missing)
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && ! command -v initdb >/dev/null; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  { $SUDO apt-get update -qq && $SUDO apt-get install -y -qq postgresql >/dev/null; } || true
fi
# PostgreSQL: when PATHWAYS_TEST_PG_URL is not set but a local PostgreSQL (initdb, pg_ctl) and the
# psycopg driver are installed, the store tests also run against a throwaway cluster on a local
# socket in a temporary directory (stopped and removed at exit); otherwise they are skipped.
start_throwaway_postgres() {
  local bindir pgdir port as_pg
  bindir="$(dirname "$(command -v initdb 2>/dev/null || ls -d /usr/lib/postgresql/*/bin/initdb 2>/dev/null | tail -1)")"
  [ -x "$bindir/initdb" ] && [ -x "$bindir/pg_ctl" ] || return 0
  "$PY" -c "import psycopg" 2>/dev/null || return 0
  pgdir="$(mktemp -d /tmp/pathways-pg.XXXXXX)"
  port=$((50000 + RANDOM % 10000))
  as_pg=""
  if [ "$(id -u)" -eq 0 ]; then
    id postgres >/dev/null 2>&1 || return 0
    chown postgres "$pgdir"
    as_pg="runuser -u postgres --"
  fi
  $as_pg "$bindir/initdb" -D "$pgdir/data" -A trust -U postgres >/dev/null || return 0
  $as_pg "$bindir/pg_ctl" -D "$pgdir/data" -l "$pgdir/log" -w \
    -o "-k $pgdir -p $port -c listen_addresses=''" start >/dev/null || return 0
  trap "$as_pg '$bindir/pg_ctl' -D '$pgdir/data' -m immediate stop >/dev/null 2>&1; rm -rf '$pgdir'" EXIT
  export PATHWAYS_TEST_PG_URL="postgresql+psycopg://postgres@/postgres?host=$pgdir&port=$port"
  echo "PostgreSQL tests: throwaway cluster at $pgdir (port $port)"
}
[ -n "${PATHWAYS_TEST_PG_URL:-}" ] || start_throwaway_postgres

status=0
"$PY" -m pytest -q "$@" || status=$?
"$PY" -m ruff check . || status=1
"$PY" -m ruff format --check . || status=1
exit "$status"
