"""Conflicts are written once, on one side, and never with the claim itself.

Writing a pair once keeps its note in one place; the site and the export show it on
both claims.
"""

from __future__ import annotations

from ..problems import Problem

ID = "conflict"
DESCRIPTION = "Each conflicting pair is written once, on one of its two claims."


def check(catalog):
    seen: dict = {}
    for claim in catalog.claims:
        for conflict in claim.conflicts:
            if not conflict.claim or not claim.id:
                continue
            if conflict.claim == claim.id:
                yield Problem(_where(claim, conflict), f"claim '{claim.id}' lists a conflict "
                              "with itself; name the other claim", ID)
                continue
            pair = frozenset((claim.id, conflict.claim))
            if pair in seen:
                first_claim, first_conflict = seen[pair]
                side = "twice" if first_claim.id == claim.id else "on both sides"
                yield Problem(_where(claim, conflict), f"conflict between '{claim.id}' and "
                              f"'{conflict.claim}' is written {side} (also at "
                              f"{_where(first_claim, first_conflict)}); write it once, on one "
                              "claim only", ID)
            else:
                seen[pair] = (claim, conflict)


def _where(claim, conflict):
    """Where a conflict names its other claim: placed only when reported."""
    return claim.doc.where(conflict.path + ("claim",))
