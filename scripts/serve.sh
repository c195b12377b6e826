#!/usr/bin/env bash
# Set up, then serve the site at http://127.0.0.1:8000 and rebuild on every catalog edit.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export NO_MKDOCS_2_WARNING=1
exec .venv/bin/mkdocs serve -a "${ADDR:-127.0.0.1:8000}" "$@"
