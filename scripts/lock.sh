#!/usr/bin/env bash
# Regenerate the hash-locked dependency files from pyproject.toml (run after editing its
# dependencies, or to take newer versions):
#   scripts/lock.sh            keep current pins where pyproject still allows them
#   scripts/lock.sh --upgrade  take the newest versions pyproject allows
# Writes scripts/requirements/runtime.txt (the site) and test.txt (the site plus the test
# tools), resolved for the lowest Python the project supports (3.11.2, Debian 12's), so that
# every supported Python can install them; scripts/setup.sh checks the same range. The
# resolver is uv, pinned, from a throwaway venv: it resolves for a Python version other than
# the one running it, which pip-compile cannot. It is not a project dependency.
set -euo pipefail
cd "$(dirname "$0")/.."
UV_VERSION=0.13.9
LOWEST_PYTHON=3.11.2
tools=$(mktemp -d)
trap 'rm -rf "$tools"' EXIT
quiet() {  # drop the machine's notes about local package mirrors it cannot find
  "$@" 2>&1 | { grep -v "^WARNING: Location 'file:" || true; }
  return "${PIPESTATUS[0]}"
}
echo "lock: installing uv $UV_VERSION into a throwaway venv"
python3 -m venv "$tools"
quiet "$tools/bin/python" -m pip install --quiet --disable-pip-version-check "uv==$UV_VERSION"
compile() {  # $1 output file, rest: extra options
  local out=$1; shift
  echo "lock: resolving $out for Python $LOWEST_PYTHON"
  UV_CUSTOM_COMPILE_COMMAND="scripts/lock.sh" "$tools/bin/uv" pip compile --quiet \
    --generate-hashes --python-version "$LOWEST_PYTHON" --python-platform linux \
    --no-header --output-file "$out" "$@" pyproject.toml scripts/requirements/bootstrap.in
  # uv names its inputs by the paths given (already relative); the header says how to remake
  sed -i "1i # Made by scripts/lock.sh for Python $LOWEST_PYTHON and newer; do not edit by hand." "$out"
}
upgrade=()
[ "${1:-}" = "--upgrade" ] && upgrade=(--upgrade)
compile scripts/requirements/runtime.txt "${upgrade[@]}"
compile scripts/requirements/test.txt --extra test "${upgrade[@]}"
echo "lock: done; commit scripts/requirements/*.txt"
