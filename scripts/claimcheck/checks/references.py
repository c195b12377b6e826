"""Every id a claim names (topic, reference, conflicting claim) exists, and every reference
says honestly what was checked: unverified fields give a reason, and no field is listed as
both verified and unverified."""

from __future__ import annotations

import difflib

from ..problems import Problem, display_path

ID = "unknown-id"
DESCRIPTION = ("Topics, references, conflict targets and all_of/same_as claims named by claims all exist; a reference's "
               "unverified fields come with a reason and are not also listed as verified.")
VERIFICATION_ID = "reference-verification"


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

    def unknown(kind, value, doc, path):
        """A problem placed at ``path`` of ``doc`` if ``value`` names no known record."""
        known, readable, defined_in = tables[kind]
        if not value or value in known or not readable:
            return None
        guess = difflib.get_close_matches(value, list(known), n=1)
        hint = f"did you mean '{guess[0]}'? " if guess else ""
        return Problem(doc.where(path), f"unknown {kind} '{value}'; {hint}{kind}s are defined "
                       f"in {defined_in}", ID)

    for claim in catalog.claims:
        doc = claim.doc
        found = [unknown("topic", t, doc, claim.path + ("topics", i)) for i, t in enumerate(claim.topics)]
        found += [unknown("reference", e.ref, doc, e.path + ("ref",)) for e in claim.evidence]
        found += [unknown("claim", c.claim, doc, c.path + ("claim",)) for c in claim.conflicts]
        for field in ("all_of", "same_as"):
            found += [unknown("claim", m, doc, claim.path + (field, i))
                      for i, m in enumerate(getattr(claim, field))]
        yield from (p for p in found if p)
    yield from verification_problems(catalog)


def verification_problems(catalog):
    """A reference that keeps unverified fields must say why; a field a record confirmed
    (listed under `verified`) cannot at the same time be listed as unverified."""
    doc = next((d for d in catalog.docs if d.kind == "references"), None)
    for ref in catalog.references if doc else ():
        if ref.unverified and not ref.unverified_reason.strip():
            yield Problem(doc.where(ref.path + ("unverified",)),
                          f"reference '{ref.id}' lists unverified fields "
                          f"({', '.join(ref.unverified)}) but no unverified_reason; expected "
                          "unverified_reason: a sentence saying why they could not be confirmed",
                          VERIFICATION_ID)
        confirmed = {}
        for i, entry in enumerate(ref.verified):
            for name in entry.get("fields") or ():
                if isinstance(name, str):
                    confirmed.setdefault(name, i)
        for j, name in enumerate(ref.unverified):
            if name in confirmed:
                yield Problem(doc.where(ref.path + ("unverified", j)),
                              f"reference '{ref.id}' lists '{name}' as unverified, but verified[{confirmed[name]}] "
                              f"says a record confirmed it; expected the field in only one of the two lists",
                              VERIFICATION_ID)

