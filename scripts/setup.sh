#!/usr/bin/env bash
# Create .venv (once) and install the project into it; with --test, also the test tools and
# Debian's chromium for the browser tests. Graphviz is installed either way. Safe to run again: it only adds what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv 2>/dev/null || { [ -x .venv/bin/python ] || { echo "setup: python3 -m venv failed; install python3-venv" >&2; exit 1; }; }
extras=""
[ "${1:-}" = "--test" ] && extras="[test]"
pip() {  # quiet, minus the machine's notes about local package mirrors it cannot find
  .venv/bin/python -m pip --disable-pip-version-check "$@" 2>&1 \
    | { grep -v "^WARNING: Location 'file:" || true; }
  return "${PIPESTATUS[0]}"
}
pip install --quiet --upgrade pip >/dev/null
pip install --quiet -e ".${extras}"
# Graphviz's dot lays out the conflict map at build time: serve and build need it.
if ! command -v dot >/dev/null; then
  if [ "$(id -u)" = 0 ]; then
    echo "setup: installing Debian's graphviz for the conflict map (about 20 s)"
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq graphviz >/dev/null
  else
    echo "setup: Graphviz's dot is missing (it draws the conflict map); run: sudo apt-get install graphviz" >&2
    exit 1
  fi
fi
if [ -n "$extras" ] && [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "setup: installing Debian's chromium for the browser tests (about 30 s)"
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "setup: /usr/bin/chromium is missing; run: sudo apt-get install chromium" >&2
    exit 1
  fi
fi
