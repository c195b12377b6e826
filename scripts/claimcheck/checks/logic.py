"""Verdicts that claims' relations to each other make impossible.

A claim-by-claim rating cannot see these: two claims that cannot both be true both rated
true, or a claim about "all" of a set rated better than one of its members.
"""

from __future__ import annotations

from ..problems import Problem

ID = "claim-logic"
DESCRIPTION = ("Two claims in a contradiction are not both rated supported, and a claim that "
               "says 'all' of a set is rated no better than its worst member.")
CONTRADICTION_ID = "contradiction-verdicts"
ALL_OF_ID = "all-of"

# Only 'supported' says a claim is true as stated: 'overstated' means the claim goes further
# than the evidence, so two overstated claims can contradict each other.
TRUE_VERDICTS = ("supported",)

# How far a verdict is from "true as stated", for comparing a set with its members.
# Opinions ('not-checkable') have no place on this scale and are left out of the comparison.
DISTANCE = {"supported": 0, "overstated": 1, "contested": 1, "misleading": 2, "unsupported": 2,
            "contradicted": 3}


def check(catalog):
    claims = catalog.by_id("claims")
    yield from _contradictions(catalog, claims)
    yield from _all_of(catalog, claims)


def _contradictions(catalog, claims):
    for claim in catalog.claims:
        for conflict in claim.conflicts:
            other = claims.get(conflict.claim)
            if (conflict.kind != "contradiction" or other is None or other is claim
                    or claim.verdict not in TRUE_VERDICTS or other.verdict not in TRUE_VERDICTS):
                continue
            yield Problem(claim.doc.where(conflict.path + ("kind",)),
                          f"'{claim.id}' and '{conflict.claim}' are recorded as a contradiction "
                          f"(both cannot be true) but both are rated '{claim.verdict}' (at "
                          f"{other.where('verdict')}); change the verdict of the one the evidence "
                          "does not back, or write kind: tension if both can be true", CONTRADICTION_ID)


def _all_of(catalog, claims):
    for claim in catalog.claims:
        if not claim.all_of or claim.verdict not in DISTANCE:
            continue
        members = [(i, claims[m]) for i, m in enumerate(claim.all_of) if m in claims]
        for i, member in members:
            if member is claim:
                yield Problem(claim.where("all_of", i), f"'{claim.id}' lists itself under "
                              "all_of; list the claims that are the set's members", ALL_OF_ID)
        rated = [(i, m) for i, m in members if m is not claim and m.verdict in DISTANCE]
        if not rated:
            continue
        i, worst = max(rated, key=lambda pair: DISTANCE[pair[1].verdict])
        if DISTANCE[claim.verdict] < DISTANCE[worst.verdict]:
            yield Problem(claim.where("verdict"),
                          f"'{claim.id}' says all of a set, but its member '{worst.id}' (all_of[{i}]) "
                          f"is rated '{worst.verdict}' (at {worst.where('verdict')}); a claim about "
                          f"all of them cannot be rated better than its worst member: rate it "
                          f"'{worst.verdict}' or worse, or correct the member's verdict", ALL_OF_ID)
