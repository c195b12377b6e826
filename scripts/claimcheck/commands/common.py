"""What several subcommands share: finding the catalog and refusing a broken one."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .. import report
from ..catalog import CatalogNotFound, load_catalog, paused_cycle_collection
from ..checks import run_checks
from ..model import Catalog
from ..problems import display_path


class UsageError(Exception):
    """Bad arguments or a missing catalog folder: exit code 2."""


def add_catalog_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--catalog", default="claims", metavar="DIR", type=Path,
                        help="catalog folder to read (default: claims)")


def load(path: Path) -> tuple[Catalog, list]:
    """The catalog and its problems."""
    with paused_cycle_collection():
        try:
            catalog = load_catalog(path)
        except CatalogNotFound as err:
            raise UsageError(f"{err}; run from the repository root or pass --catalog DIR") from None
        problems = run_checks(catalog)
    return catalog, problems


def load_clean(path: Path) -> Catalog | None:
    """The catalog, or None after printing its problems to stderr: nothing is produced
    from a catalog with errors."""
    catalog, problems = load(path)
    if problems:
        sys.stderr.write(report.text(problems))
        sys.stderr.write("claimcheck: fix the problems above first; nothing was written\n")
        return None
    return catalog


def find_source(catalog: Catalog, source_id: str):
    """The source whose folder is ``source_id``, with a readable archive: what ``new`` and
    ``suggest`` both start from."""
    sources = {s.folder.name: s for s in catalog.sources}
    source = sources.get(source_id)
    if source is None:
        raise UsageError(f"unknown source '{source_id}'; sources: {', '.join(sorted(sources)) or '(none)'}")
    if catalog.archive(source) is None:
        raise UsageError(f"cannot read {display_path(source.archive_path)} as UTF-8 text")
    return source
