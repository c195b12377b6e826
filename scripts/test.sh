#!/usr/bin/env bash
# Set up (project, test tools, Debian's chromium), check the catalog, then run every test.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --test
export NO_MKDOCS_2_WARNING=1
.venv/bin/claimcheck check
exec .venv/bin/python -m pytest "$@"
