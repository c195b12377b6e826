"""claimcheck check: report every problem in the catalog, or stay silent."""

from __future__ import annotations

import os
import sys

from .. import report
from ..checks import corrections
from ..problems import Location, Problem, display_path
from .common import UsageError, add_catalog_argument, load


def add_arguments(parser):
    add_catalog_argument(parser)
    parser.add_argument("--format", choices=sorted(report.REPORTERS), default=None,
                        help="output format (default: github under GitHub Actions, else text)")
    parser.add_argument("--base", metavar="REV", default=None,
                        help="git revision whose verdicts a changed verdict must record its "
                             "correction against (default: the pull request's base branch, "
                             "origin/$GITHUB_BASE_REF, when GitHub Actions sets it; else none)")


def base_revision(args) -> tuple[str, bool]:
    """The base to compare verdicts with, and whether the user named it."""
    if args.base:
        return args.base, True
    branch = os.environ.get("GITHUB_BASE_REF", "").strip()
    return (f"origin/{branch}", False) if branch else ("", False)


def run(args) -> int:
    fmt = args.format or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")
    catalog, problems = load(args.catalog)
    base, named = base_revision(args)
    if base:  # git only when there is a base to compare with: a plain check never starts it
        from ..gitrev import RevisionError, catalog_at
        try:
            with catalog_at(base, args.catalog) as old:
                problems = sorted(set(problems) | set(corrections.base_problems(catalog, old, base)),
                                  key=Problem.sort_key)
        except RevisionError as err:
            if named:
                raise UsageError(f"--base: {err}") from None
            problems.append(Problem(Location(display_path(args.catalog)),
                                    f"verdicts could not be compared with the pull request's base "
                                    f"branch {base}: {err}", corrections.ID))
    output = report.REPORTERS[fmt](problems)
    sys.stdout.write(output)
    return 1 if problems else 0
