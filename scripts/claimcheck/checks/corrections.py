"""Every verdict change carries its reason, in the catalog: a claim's `corrections` list
records each change (date, from, to, reason), oldest first, and must lead to the verdict the
claim has now. ``check`` holds the list to itself; ``base_problems`` holds a changed verdict
to the verdict the claim had in a base revision (`claimcheck check --base`, or the pull
request's base branch under GitHub Actions), so a verdict cannot change without an entry."""

from __future__ import annotations

from ..problems import Problem

ID = "correction-reason"
DESCRIPTION = ("A verdict change is recorded under `corrections` with its date, from, to and "
               "reason; the entries chain, oldest first, to the verdict the claim has now.")


def entry_text(date: str, old: str, new: str) -> str:
    """The entry to write, as the messages show it."""
    return f'- {{date: "{date}", from: {old}, to: {new}, reason: "<why>"}}'


def check(catalog):
    for claim in catalog.claims:
        previous = None
        for entry in claim.corrections:
            where = claim.doc.where(entry.path)
            if entry.old and entry.old == entry.new:
                yield Problem(where, f"this correction of '{claim.id}' changes nothing (from and "
                              f"to are both '{entry.old}'); a correction records a verdict change: "
                              "remove it, or write the verdict before and after", ID)
            if entry.reason.strip().startswith("<") and entry.reason.strip().endswith(">"):
                yield Problem(claim.doc.where(entry.path + ("reason",)),
                              f"the reason of this correction of '{claim.id}' is still the "
                              f"placeholder {entry.reason.strip()}; write why the verdict changed, "
                              "in a sentence a reader can check against the evidence", ID)
            if previous is not None:
                if entry.date and previous.date and entry.date < previous.date:
                    yield Problem(claim.doc.where(entry.path + ("date",)),
                                  f"corrections of '{claim.id}' are listed oldest first, but "
                                  f"{entry.date} comes after {previous.date}; move this entry "
                                  "above the one before it", ID)
                if entry.old and previous.new and entry.old != previous.new:
                    yield Problem(claim.doc.where(entry.path + ("from",)),
                                  f"this correction of '{claim.id}' starts from '{entry.old}', but "
                                  f"the one before it left the verdict '{previous.new}'; expected "
                                  f"from: {previous.new}", ID)
            previous = entry
        if previous is not None and previous.new and claim.verdict and previous.new != claim.verdict:
            yield Problem(claim.where("verdict"),
                          f"the verdict of '{claim.id}' is '{claim.verdict}', but its last "
                          f"correction ({previous.date}) left it '{previous.new}': a verdict "
                          "change needs its own entry at the end of `corrections`: "
                          + entry_text("YYYY-MM-DD", previous.new, claim.verdict), ID)


def base_problems(catalog, base, base_name: str):
    """A claim whose verdict differs from its verdict in ``base`` (the catalog at the base
    revision, named ``base_name`` in messages) must record the change: corrections added
    since the base must run from the old verdict to the new one."""
    before = {c.id: c for c in base.claims}
    for claim in catalog.claims:
        old = before.get(claim.id)
        if old is None or not old.verdict or not claim.verdict or old.verdict == claim.verdict:
            continue
        known = {(e.date, e.old, e.new) for e in old.corrections}
        added = [e for e in claim.corrections if (e.date, e.old, e.new) not in known]
        if added and added[0].old == old.verdict and added[-1].new == claim.verdict:
            continue
        yield Problem(claim.where("verdict"),
                      f"the verdict of '{claim.id}' changed from '{old.verdict}' (in {base_name}) "
                      f"to '{claim.verdict}' with no recorded reason; add under this claim "
                      f"`corrections:` the entry " + entry_text("YYYY-MM-DD", old.verdict, claim.verdict)
                      + " (see docs/catalog-format.md, Corrections)", ID)
