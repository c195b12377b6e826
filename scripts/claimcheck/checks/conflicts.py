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
            where = claim.doc.where(conflict.path + ("claim",))
            if conflict.claim == claim.id:
                yield Problem(where, f"claim '{claim.id}' lists a conflict with itself; "
                              "name the other claim", ID)
                continue
            pair = frozenset((claim.id, conflict.claim))
            if pair in seen:
                first_claim, first_where = seen[pair]
                side = "twice" if first_claim == claim.id else "on both sides"
                yield Problem(where, f"conflict between '{claim.id}' and '{conflict.claim}' is "
                              f"written {side} (also at {first_where}); write it once, on one "
                              "claim only", ID)
            else:
                seen[pair] = (claim.id, where)
