"""claimcheck check: report every problem in the catalog, or stay silent."""

from __future__ import annotations

import os
import sys

from .. import report
from .common import add_catalog_argument, load


def add_arguments(parser):
    add_catalog_argument(parser)
    parser.add_argument("--format", choices=sorted(report.REPORTERS), default=None,
                        help="output format (default: github under GitHub Actions, else text)")


def run(args) -> int:
    fmt = args.format or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")
    _, problems = load(args.catalog)
    output = report.REPORTERS[fmt](problems)
    sys.stdout.write(output)
    return 1 if problems else 0
