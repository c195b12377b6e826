"""No verdict rests only on references of which no record was found.

The methodology never cites a study that no bibliographic record shows. A reference whose
`verified` list shows no record with its title (`title` listed under `unverified`) may stay as context,
shown to readers as "record not found", but cannot carry a verdict alone.

"No record found" is what the catalog says: the title is listed under `unverified`. A
reference whose `verified` records all leave out its title must say so, so that the rule and
the catalog agree.
"""

from __future__ import annotations

from ..problems import Problem

ID = "record-not-found"
DESCRIPTION = "No verdict rests only on references of which no record was found."

# The relations that carry each verdict: a 'supported' verdict rests on what supports it, a
# 'contradicted' one on what contradicts it, any other verdict on all its evidence.
CARRIES = {"supported": ("supports",), "contradicted": ("contradicts",)}


def check(catalog):
    refs = catalog.by_id("references")
    doc = next((d for d in catalog.docs if d.kind == "references"), None)
    for ref in catalog.references if doc else ():
        shown = any("title" in (entry.get("fields") or ()) for entry in ref.verified)
        if ref.verified and not shown and ref.has_record:
            yield Problem(doc.where(ref.path + ("verified",)),
                          f"reference '{ref.id}': no verified record shows its title, so no "
                          "record of the work itself was found; list title under unverified "
                          "(readers then see \"record not found\"), or add the record that "
                          "shows it", ID)
    for claim in catalog.claims:
        if not claim.verdict or claim.verdict == "not-checkable":
            continue
        wanted = CARRIES.get(claim.verdict, ("supports", "qualifies", "contradicts"))
        basis = [e for e in claim.evidence if e.relation in wanted and e.ref in refs]
        if basis and not any(refs[e.ref].has_record for e in basis):
            names = ", ".join(sorted({e.ref for e in basis}))
            yield Problem(claim.where("verdict"),
                          f"verdict '{claim.verdict}' rests only on references of which no record "
                          f"was found ({names}: title listed as unverified); add a "
                          "reference a record confirms, or change the verdict to what the "
                          "recorded evidence shows", ID)
