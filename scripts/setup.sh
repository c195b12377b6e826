#!/usr/bin/env bash
# Create .venv (once) and install the project into it from the hash-locked dependency files
# in scripts/requirements/ (regenerate them with scripts/lock.sh); with --test, also the test
# tools and Debian's chromium for the browser tests; Graphviz (for the conflict map) either
# way. Safe to run again: it only adds or
# corrects what differs from the lock.
set -euo pipefail
cd "$(dirname "$0")/.."
lock=scripts/requirements/runtime.txt
[ "${1:-}" = "--test" ] && lock=scripts/requirements/test.txt
say() { echo "setup: $*"; }
started=$SECONDS
if [ ! -x .venv/bin/python ]; then
  say "creating .venv (Python virtual environment)"
  python3 -m venv .venv 2>/dev/null || { echo "setup: python3 -m venv failed; install python3-venv" >&2; exit 1; }
fi
# pip, quiet, minus the machine's notes about local package mirrors it cannot find and the
# note that lxml 6 no longer has the 'html_clean' extra trafilatura asks for (the lock
# installs lxml_html_clean itself).
pip() {
  .venv/bin/python -m pip --disable-pip-version-check "$@" 2>&1 \
    | { grep -v -e "^WARNING: Location 'file:" -e "^WARNING: lxml .* does not provide the extra 'html_clean'" || true; }
  return "${PIPESTATUS[0]}"
}
say "installing the locked versions from $lock (the first time takes a few minutes)"
pip install --quiet --require-hashes --only-binary=:all: -r "$lock"
say "installing the project itself (claimcheck, editable)"
pip install --quiet --no-deps --no-build-isolation -e .
# Graphviz's dot lays out the conflict map at build time: serve and build need it.
if ! command -v dot >/dev/null; then
  if [ "$(id -u)" = 0 ]; then
    say "installing Debian's graphviz for the conflict map (about 20 s)"
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq graphviz >/dev/null
  else
    echo "setup: Graphviz's dot is missing (it draws the conflict map); run: sudo apt-get install graphviz" >&2
    exit 1
  fi
fi
if [ "$lock" = scripts/requirements/test.txt ] && [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = 0 ]; then
    say "installing Debian's chromium for the browser tests (about 30 s)"
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "setup: /usr/bin/chromium is missing; run: sudo apt-get install chromium" >&2
    exit 1
  fi
fi
say "ready in $((SECONDS - started)) s"
