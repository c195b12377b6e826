"""Every topic and every reference is used by a claim: an unused one is an empty topic
page or a reference nothing rests on, usually left behind when a claim was removed."""

from __future__ import annotations

from .. import quickschema
from ..problems import Problem, display_path
from .schema import validator

ID = "unused-id"
DESCRIPTION = "Every topic is listed by a claim and every reference is cited by one."


def check(catalog):
    claims_docs = [doc for doc in catalog.docs if doc.kind == "claims"]
    if not all(doc.ok and _valid(doc.data) for doc in claims_docs):
        return  # claims the schema check rejects would make what they name look unused
    topics = {t for c in catalog.claims for t in c.topics}
    cited = {e.ref for c in catalog.claims for e in c.evidence}
    # A misspelt name is reported as unknown; the record it meant would only look unused.
    typo_topic = bool(topics - {t.id for t in catalog.topics})
    typo_ref = bool(cited - {r.id for r in catalog.references})
    where = display_path(catalog.root / "topics.yml")
    for topic in catalog.topics if not typo_topic else ():
        if topic.id and topic.id not in topics:
            yield Problem(topic.loc, f"topic '{topic.id}' is listed by no claim; add it to a "
                          f"claim's topics, or delete it from {where}", ID)
    where = display_path(catalog.root / "references.yml")
    for ref in catalog.references if not typo_ref else ():
        if ref.id and ref.id not in cited:
            yield Problem(ref.loc, f"reference '{ref.id}' is cited by no claim; cite it under a "
                          f"claim's evidence, or delete it from {where}", ID)


def _valid(data) -> bool:
    return quickschema.valid("claims", data) or validator("claims").is_valid(data)
