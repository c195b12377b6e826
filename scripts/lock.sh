#!/usr/bin/env bash
# Regenerate the hash-locked dependency files from pyproject.toml (run after editing its
# dependencies, or to take newer versions):
#   scripts/lock.sh            keep current pins where pyproject still allows them
#   scripts/lock.sh --upgrade  take the newest versions pyproject allows
# Writes scripts/requirements/runtime.txt (the site) and test.txt (the site plus the test
# tools), for CPython 3.11 on Linux (CI's python:3.11-bookworm image). pip-tools runs from a
# throwaway venv: it is not a project dependency.
set -euo pipefail
cd "$(dirname "$0")/.."
PIP_TOOLS_VERSION=7.6.2
tools=$(mktemp -d)
trap 'rm -rf "$tools"' EXIT
quiet() {  # drop the machine's notes about local package mirrors it cannot find
  "$@" 2>&1 | { grep -v "^WARNING: Location 'file:" || true; }
  return "${PIPESTATUS[0]}"
}
echo "lock: installing pip-tools $PIP_TOOLS_VERSION into a throwaway venv"
python3 -m venv "$tools"
quiet "$tools/bin/python" -m pip install --quiet --disable-pip-version-check "pip-tools==$PIP_TOOLS_VERSION"
compile() {  # $1 output file, rest: extra pip-compile options
  local out=$1; shift
  echo "lock: resolving $out"
  CUSTOM_COMPILE_COMMAND="scripts/lock.sh" quiet "$tools/bin/pip-compile" --quiet \
    --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links \
    --resolver=backtracking --newline=lf --output-file "$out" "$@" \
    pyproject.toml scripts/requirements/bootstrap.in
}
upgrade=()
[ "${1:-}" = "--upgrade" ] && upgrade=(--upgrade)
compile scripts/requirements/runtime.txt "${upgrade[@]}"
compile scripts/requirements/test.txt --extra test "${upgrade[@]}"
# pip-compile writes absolute-looking paths of the inputs into its comments; keep them relative
sed -i "s#$PWD/##g" scripts/requirements/runtime.txt scripts/requirements/test.txt
echo "lock: done; commit scripts/requirements/*.txt"
