"""claimcheck export: the whole catalog with computed flags, as JSON or CSV."""

from __future__ import annotations

import sys

from ..export import to_csv, to_json
from .common import add_catalog_argument, load_clean


def add_arguments(parser):
    add_catalog_argument(parser)
    parser.add_argument("--format", choices=("json", "csv"), default="json")


def run(args) -> int:
    catalog = load_clean(args.catalog)
    if catalog is None:
        return 1
    sys.stdout.write(to_json(catalog) if args.format == "json" else to_csv(catalog))
    return 0
