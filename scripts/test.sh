#!/usr/bin/env bash
# Set up (project, test tools, Debian's chromium), check the catalog, then run every test:
# what CI runs. With --quick (first argument): check the catalog, then only the tests marked
# `catalog` (the catalog's own tests, the checker's data cases, the contributor walkthrough;
# no site build, no browser), in well under a minute: what a change to claims/ can break.
# Other arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
quick=""
if [ "${1:-}" = "--quick" ]; then
  quick=yes
  shift
fi
if [ -n "$quick" ]; then
  scripts/setup.sh --test --no-browser  # the quick tests start no browser
else
  scripts/setup.sh --test
fi
export NO_MKDOCS_2_WARNING=1
.venv/bin/claimcheck check
if [ -n "$quick" ]; then
  exec .venv/bin/python -m pytest -m "catalog and not slow and not browser" "$@"
fi
exec .venv/bin/python -m pytest "$@"
