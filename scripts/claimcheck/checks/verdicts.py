"""Verdicts follow the methodology: each is backed by evidence or says none was found."""

from __future__ import annotations

from ..problems import Problem

ID = "verdict-evidence"
DESCRIPTION = "Each verdict names the evidence it rests on, by the rules in the methodology."


def check(catalog):
    refs = catalog.by_id("references")
    for claim in catalog.claims:
        if not claim.verdict or claim.verdict == "not-checkable":
            continue  # an opinion or praise: the rationale says why nothing can check it
        supporting = [refs[e.ref] for e in claim.evidence if e.relation == "supports" and e.ref in refs]
        if claim.evidence and claim.no_evidence:
            yield Problem(claim.where("no_evidence"),
                          "'no_evidence' says nothing was found, but evidence is listed; keep one", ID)
        if claim.verdict == "supported":
            if not any(e.relation == "supports" for e in claim.evidence):
                yield Problem(claim.where("verdict"), "verdict 'supported' needs at least one "
                              "evidence entry with relation 'supports'", ID)
            elif claim.speaks_of == "humans" and supporting and not any(r.is_human for r in supporting):
                yield Problem(claim.where("verdict"), "verdict 'supported' for a claim about "
                              "humans needs a supporting reference with human population; animal "
                              "or in-vitro results told about people are at best 'overstated'", ID)
        elif not claim.evidence and not claim.no_evidence:
            yield Problem(claim.where("verdict"), f"verdict '{claim.verdict}' names no evidence; "
                          "add a reference under 'evidence' or say what was searched under "
                          "'no_evidence'", ID)
