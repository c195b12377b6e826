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
apt_lists_read=""
apt_lists() {  # Debian's package lists, read at most once a run however many packages follow
  [ -n "$apt_lists_read" ] && return 0
  say "reading Debian's package lists"
  apt-get update -qq >/dev/null && apt_lists_read=yes
}
need_debian() {  # need_debian COMMAND PACKAGE WHY: install Debian's PACKAGE as root, or say how
  command -v "$1" >/dev/null && return 0
  if [ "$(id -u)" = 0 ]; then
    say "installing Debian's $2 for $3 (about 30 s)"
    apt_lists && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null
  else
    echo "setup: $1 is missing (needed for $3); run: sudo apt-get install $2" >&2
    exit 1
  fi
}
# Graphviz's dot lays out the conflict map at build time: serve and build need it.
need_debian dot graphviz "the conflict map"
if [ "$lock" = scripts/requirements/test.txt ]; then
  need_debian chromium chromium "the browser tests"
fi
say "ready in $((SECONDS - started)) s"
