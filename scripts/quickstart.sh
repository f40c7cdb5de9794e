#!/usr/bin/env bash
# Set up agendapack in .venv, then either ingest corpus/ and serve Datasette, or run the tests.
#   bash scripts/quickstart.sh serve   # install, ingest corpus/, serve on http://127.0.0.1:8001
#   bash scripts/quickstart.sh test    # install, run the test suite
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
  echo "agendapack needs Python 3.11 or newer ($PYTHON is $("$PYTHON" --version 2>&1))" >&2
  exit 2
fi
if [ ! -x .venv/bin/python ]; then
  echo "creating .venv"
  "$PYTHON" -m venv .venv
fi
echo "installing agendapack and its Python packages into .venv (a few minutes the first time)"
# One line per package fetched, so a long first install shows it is moving.
.venv/bin/python -m pip install --disable-pip-version-check --progress-bar off -e '.[test]' \
  | grep --line-buffered -E '^(Collecting|Successfully installed)' | cut -c1-100 || true
.venv/bin/python -c 'import pipeline' || { echo "installing agendapack failed" >&2; exit 1; }

# Debian packages: Tesseract reads scanned pages (without it they are stored as no_text);
# Chromium runs the browser test.
wanted=""
command -v tesseract >/dev/null 2>&1 || wanted="$wanted tesseract-ocr"
if [ "${1:-serve}" = test ] && ! command -v chromium >/dev/null 2>&1; then wanted="$wanted chromium"; fi
if [ -n "$wanted" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing Debian packages as root:$wanted (OCR of scanned pages; Chromium for the browser tests)"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $wanted >/dev/null) \
      || echo "warning: could not install$wanted" >&2
  else
    echo "note: not installed:$wanted (apt-get install$wanted); OCR or the browser test will be skipped" >&2
  fi
fi

case "${1:-serve}" in
  serve)
    # Exit status 1 only says some file was not ingested cleanly; serve what was stored.
    echo "ingesting corpus/ into db/agendas.db"
    .venv/bin/agendapack ingest corpus --db db/agendas.db || true
    echo "serving on http://127.0.0.1:${PORT:-8001} (set PORT for another port)"
    exec .venv/bin/agendapack serve --db db/agendas.db --port "${PORT:-8001}"
    ;;
  test)
    exec .venv/bin/python -m pytest -q
    ;;
  *)
    echo "usage: bash scripts/quickstart.sh [serve|test]" >&2
    exit 2
    ;;
esac
