"""One reference, one relation to one statement: claims that state the same thing
(`same_as`) hold the same relation to a reference they share, or say why not."""

from __future__ import annotations

from ..problems import Problem

ID = "same-relation"
DESCRIPTION = ("Claims listed as stating the same thing give a shared reference the same "
               "relation, or explain the difference under why_different.")


def groups(catalog) -> list[list]:
    """Claims joined by same_as, on either side and through each other, as lists in
    catalog order; a claim in no group is left out."""
    claims = catalog.by_id("claims")
    parent = {c.id: c.id for c in claims.values()}

    def root(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for claim in claims.values():
        for other in claim.same_as:
            if other in parent:
                parent[root(other)] = root(claim.id)
    named = {other for claim in claims.values() for other in claim.same_as}
    joined: dict = {}
    for claim in claims.values():
        if claim.same_as or claim.id in named:
            joined.setdefault(root(claim.id), []).append(claim)
    return [group for group in joined.values() if len(group) > 1]


def check(catalog):
    for claim in catalog.claims:
        for i, other in enumerate(claim.same_as):
            if other == claim.id:
                yield Problem(claim.where("same_as", i), f"'{claim.id}' lists itself under "
                              "same_as; list the other claims that state the same thing", ID)
    for group in groups(catalog):
        by_ref: dict = {}
        for claim in group:
            for entry in claim.evidence:
                by_ref.setdefault(entry.ref, []).append((claim, entry))
        for ref, uses in by_ref.items():
            relations = {entry.relation for _, entry in uses}
            if len(relations) < 2:
                continue
            for claim, entry in uses:
                if entry.why_different.strip():
                    continue
                others = "; ".join(f"'{entry2.relation}' for '{c2.id}'" for c2, entry2 in uses
                                   if entry2.relation != entry.relation)
                yield Problem(claim.doc.where(entry.path + ("relation",)),
                              f"reference '{ref}' is '{entry.relation}' here but {others}, and "
                              "these claims are listed as stating the same thing (same_as); give "
                              "them the same relation, or say why this one differs under "
                              "why_different", ID)
