"""Every id a claim names (topic, reference, conflicting claim) exists."""

from __future__ import annotations

import difflib

from ..problems import Problem, display_path

ID = "unknown-id"
DESCRIPTION = "Topics, references and conflict targets named by claims all exist."


def _readable(catalog, kind: str) -> bool:
    """False when the file defining these ids is missing or could not be parsed: every
    name in it would look unknown, and the load problem already says what to fix."""
    docs = [doc for doc in catalog.docs if doc.kind == kind]
    return (bool(docs) or kind == "claims") and all(doc.ok for doc in docs)


def check(catalog):
    tables = {
        "topic": (catalog.by_id("topics"), _readable(catalog, "topics"),
                  display_path(catalog.root / "topics.yml")),
        "reference": (catalog.by_id("references"), _readable(catalog, "references"),
                      display_path(catalog.root / "references.yml")),
        "claim": (catalog.by_id("claims"), _readable(catalog, "claims"),
                  display_path(catalog.root / "sources") + "/*/claims.yml"),
    }

    def unknown(kind, value, where):
        known, readable, defined_in = tables[kind]
        if not value or value in known or not readable:
            return None
        guess = difflib.get_close_matches(value, list(known), n=1)
        hint = f"did you mean '{guess[0]}'? " if guess else ""
        return Problem(where, f"unknown {kind} '{value}'; {hint}{kind}s are defined in {defined_in}", ID)

    for claim in catalog.claims:
        found = [unknown("topic", t, claim.where("topics", i)) for i, t in enumerate(claim.topics)]
        found += [unknown("reference", e.ref, claim.doc.where(e.path + ("ref",))) for e in claim.evidence]
        found += [unknown("claim", c.claim, claim.doc.where(c.path + ("claim",))) for c in claim.conflicts]
        yield from (p for p in found if p)
