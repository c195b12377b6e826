"""What is computed from the catalog, never written by hand: conflicts seen from both
sides, and each claim's flags."""

from __future__ import annotations

from dataclasses import dataclass

from .model import Catalog, Claim


@dataclass(frozen=True)
class ConflictView:
    """A conflict as seen from one claim: the other claim, the note, and where it was written."""

    other: str
    note: str
    written_on: str
    kind: str = "contradiction"


def conflicts_by_claim(catalog: Catalog) -> dict[str, list[ConflictView]]:
    """Each claim's conflicts, on both sides of every pair, in catalog order."""
    table: dict[str, list[ConflictView]] = {c.id: [] for c in catalog.claims}
    for claim in catalog.claims:
        for conflict in claim.conflicts:
            table.setdefault(claim.id, []).append(
                ConflictView(conflict.claim, conflict.note, claim.id, conflict.kind))
            table.setdefault(conflict.claim, []).append(
                ConflictView(claim.id, conflict.note, claim.id, conflict.kind))
    return table


def conflict_pairs(catalog: Catalog) -> list[tuple[Claim, str, str]]:
    """Every conflict once: (claim it is written on, other claim id, note)."""
    return [(claim, c.claim, c.note) for claim in catalog.claims for c in claim.conflicts]


def claim_flags(claim: Claim, catalog: Catalog, conflicts: dict[str, list[ConflictView]]) -> list[str]:
    refs = catalog.by_id("references")
    flags = []
    if claim.citation_level == "none":
        flags.append("uncited")
    if claim.citation_level == "vague":
        flags.append("vague-citation")
    kinds = {view.kind for view in conflicts.get(claim.id, [])}
    if "contradiction" in kinds:
        flags.append("conflict")
    if "tension" in kinds:
        flags.append("tension")
    supporting = [refs[e.ref] for e in claim.evidence if e.relation == "supports" and e.ref in refs]
    if claim.speaks_of == "humans" and supporting and not any(r.is_human for r in supporting):
        flags.append("species-gap")
    if not claim.evidence:
        flags.append("no-evidence")
    return flags


def all_flags(catalog: Catalog) -> dict[str, list[str]]:
    conflicts = conflicts_by_claim(catalog)
    return {claim.id: claim_flags(claim, catalog, conflicts) for claim in catalog.claims}
