#!/usr/bin/env bash
# Create .venv (once) and install the project into it from the hash-locked dependency files
# in scripts/requirements/ (regenerate them with scripts/lock.sh); with --test, also the test
# tools and Debian's chromium for the browser tests; Graphviz (for the conflict map) either
# way (--no-browser leaves chromium out). Safe to run again: it only adds or corrects what differs from the lock.
#
# The interpreter's own pip is never trusted with the lock: whatever pip the venv was born
# with (Debian 12's 3.11.2 brings 23.0.1), the lock's pinned, hash-checked pip is installed
# first, and that pip installs the rest. Python comes from $PYTHON, else python3.
set -euo pipefail
cd "$(dirname "$0")/.."
lock=scripts/requirements/runtime.txt
browser=yes  # --no-browser: the test tools without Debian's chromium (scripts/test.sh --quick)
for arg in "$@"; do
  case $arg in
    --test) lock=scripts/requirements/test.txt ;;
    --no-browser) browser="" ;;
    *) echo "setup: unknown option $arg (expected --test, --no-browser)" >&2; exit 2 ;;
  esac
done
say() { echo "setup: $*"; }
fail() { echo "setup: $*" >&2; exit 1; }
started=$SECONDS
# The range the lock is resolved for (scripts/lock.sh) and CI runs on: keep the three in step.
lowest=3.11.2 below=3.14
supported() {  # supported PYTHON: exit 0 when its version is in [lowest, below)
  "$1" -c "import sys; lo=tuple(map(int,'$lowest'.split('.'))); hi=tuple(map(int,'$below'.split('.')))
sys.exit(0 if lo <= sys.version_info[:len(lo)] and sys.version_info[:len(hi)] < hi else 1)" 2>/dev/null
}
version() { "$1" -c 'import sys; print(".".join(map(str, sys.version_info[:3])))' 2>/dev/null || echo "unknown"; }
python=${PYTHON:-python3}
command -v "$python" >/dev/null || fail "$python not found; Python $lowest or newer (below $below) is needed"
if [ -x .venv/bin/python ] && ! supported .venv/bin/python; then
  fail ".venv has Python $(version .venv/bin/python); Python $lowest or newer (below $below) is needed: remove .venv and run again with a supported python3 (or PYTHON=/path/to/python3)"
fi
if [ ! -x .venv/bin/python ]; then
  supported "$python" || fail "Python $lowest or newer (below $below) is needed; $python is $(version "$python") (set PYTHON=/path/to/python3 to use another)"
  say "creating .venv (Python $(version "$python") virtual environment)"
  "$python" -m venv .venv 2>/dev/null \
    || { rm -rf .venv; fail "$python -m venv failed; on Debian or Ubuntu install python3-venv"; }
fi
# pip, quiet, minus the machine's notes about local package mirrors it cannot find and the
# note that lxml 6 no longer has the 'html_clean' extra trafilatura asks for (the lock
# installs lxml_html_clean itself).
pip() {
  .venv/bin/python -m pip --disable-pip-version-check "$@" 2>&1 \
    | { grep -v -e "^WARNING: Location 'file:" -e "^WARNING: lxml .* does not provide the extra 'html_clean'" || true; }
  return "${PIPESTATUS[0]}"
}
# The lock's own pip (and setuptools, the build backend), with their hashes, from the lock.
bootstrap=$(mktemp)
trap 'rm -f "$bootstrap"' EXIT
awk '/^[a-z]/ { keep = ($0 ~ /^(pip|setuptools)==/) } keep && !/^ *#/' "$lock" > "$bootstrap"
[ "$(grep -c '==' "$bootstrap")" = 2 ] || fail "$lock pins no pip and setuptools; run scripts/lock.sh"
say "installing the locked pip and setuptools"
pip install --quiet --require-hashes --no-deps --only-binary=:all: -r "$bootstrap"
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
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    say "installing Debian's $2 for $3 (about 30 s)"
    apt_lists && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null
  else
    fail "$1 is missing (needed for $3); run: sudo apt-get install $2"
  fi
}
# Graphviz's dot lays out the conflict map at build time: serve and build need it.
need_debian dot graphviz "the conflict map"
if [ "$lock" = scripts/requirements/test.txt ] && [ -n "$browser" ]; then
  need_debian chromium chromium "the browser tests"
fi
say "ready in $((SECONDS - started)) s"
