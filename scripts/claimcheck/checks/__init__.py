"""The registry of checks. Each module has ID, DESCRIPTION and ``check(catalog)``."""

from __future__ import annotations

from itertools import islice

from ..limits import MAX_PROBLEMS_PER_CHECK
from ..model import Catalog
from ..problems import Location, Problem, display_path
from . import (archive, conflicts, corrections, identifiers, ids, logic, publicwords, quotes,
               rationale, records, references, relations, schema, schemaline, sourcefacts, syntax,
               unused, verdicts)

CHECKS = (syntax, schema, ids, references, unused, conflicts, archive, quotes, identifiers,
          verdicts, records, logic, relations, rationale, sourcefacts, schemaline, corrections,
          publicwords)


def run_checks(catalog: Catalog) -> list[Problem]:
    """Every problem from every check, sorted by place. A check that crashes is reported
    as a problem of its own so the others still run and no traceback reaches the user."""
    problems: list[Problem] = []
    for module in CHECKS:
        try:
            found = list(islice(module.check(catalog), MAX_PROBLEMS_PER_CHECK + 1))
            if len(found) > MAX_PROBLEMS_PER_CHECK:  # bounded time and memory on any input
                found[-1] = Problem(Location(display_path(catalog.root)), f"check '{module.ID}' stopped "
                                    f"after {MAX_PROBLEMS_PER_CHECK:,} problems; fix these "
                                    "and run it again for the rest", module.ID)
            problems.extend(found)
        except Exception as err:  # noqa: BLE001 - reported, never raised
            problems.append(Problem(
                Location(str(catalog.root)),
                f"internal error in check '{module.ID}': {type(err).__name__}: {err}; "
                "please report this with the catalog that caused it", "internal"))
    return sorted(set(problems), key=Problem.sort_key)
